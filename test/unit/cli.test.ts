import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runScsc } from './cliHarness';
import { readClipsFile, writeClipsFile } from '../../src/cli/io';
import { clipsFromDatasetJson } from '../../src/core/motion/datasetJson';
import { jointPositions } from '../../src/core/motion/fk';
import { JOINT_NAMES, PARENTS } from '../../src/core/motion/skeleton';
import { generateDataset } from '../../src/core/motion/dataset/index';
import { importBvh } from '../../src/core/motion/bvhImport';

const FIXTURE = 'test/fixtures/mixamo-sample.bvh';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'scsc-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = runScsc;

/** A user error: exit 2, exactly one line on stderr, nothing that looks like a stack trace. */
function expectUserError(r: { code: number; err: string }, msg: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.err.endsWith('\n')).toBe(true);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/\n\s+at |internal error/);
  expect(r.err).toMatch(msg);
}

describe('scsc dataset', () => {
  it('writes N clips in the dataset JSON format, byte-identical on a second run', async () => {
    const a = path.join(tmp, 'a.json'), b = path.join(tmp, 'b.json');
    const r = await cli('dataset', '--n', '6', '--seed', '1', '--format', 'json', '--out', a);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wrote 6 clips/);
    expect((await cli('dataset', '--n', '6', '--seed', '1', '--format', 'json', '--out', b)).code).toBe(0);
    const text = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(text);
    const d = JSON.parse(text);
    expect(d.fps).toBe(20);
    expect(d.joints).toEqual([...JOINT_NAMES]);
    expect(d.parents).toEqual([...PARENTS]);
    expect(d.clips).toHaveLength(6);
    const c0 = d.clips[0];
    for (const k of ['id', 'label', 'caption']) expect(typeof c0[k]).toBe('string');
    expect(c0.positions).toHaveLength(60);
    expect(c0.positions[0]).toHaveLength(22);
    expect(c0.positions[0][0]).toHaveLength(3);
    expect(c0.rotations[0][0]).toHaveLength(4);
    // the file holds the same motion as the generator (positions to 0.01 mm)
    const gen = generateDataset({ n: 6, seed: 1 });
    const back = clipsFromDatasetJson(d, 'a.json');
    for (let i = 0; i < 6; i++) {
      expect(back[i].label).toBe(gen[i].label);
      const pa = jointPositions(gen[i]), pb = jointPositions(back[i]);
      let m = 0;
      const filePos: number[] = d.clips[i].positions.flat(2);
      for (let k = 0; k < pa.length; k++) m = Math.max(m, Math.abs(pa[k] - pb[k]), Math.abs(pa[k] - filePos[k]));
      expect(m).toBeLessThan(1e-4);
    }
    // a different seed gives different clips
    const c = path.join(tmp, 'c.json');
    await cli('dataset', '--n', '6', '--seed', '2', '--out', c);
    expect(readFileSync(c, 'utf8')).not.toBe(text);
  });

  it('writes a folder of BVH files that import back, with --json output', async () => {
    const dir = path.join(tmp, 'bvhset');
    const r = await cli('dataset', '--n', '3', '--seed', '5', '--format', 'bvh', '--out', dir, '--json');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.out);
    expect(info.n).toBe(3);
    const files = readdirSync(dir).filter((f) => f.endsWith('.bvh')).sort();
    expect(files).toHaveLength(3);
    const index = JSON.parse(readFileSync(path.join(dir, 'clips.json'), 'utf8'));
    expect(index).toHaveLength(3);
    const gen = generateDataset({ n: 3, seed: 5 });
    for (let i = 0; i < 3; i++) {
      const clip = importBvh(readFileSync(path.join(dir, index[i].file), 'utf8'), index[i].file);
      expect(index[i].label).toBe(gen[i].label);
      expect(clip.nFrames).toBe(60);
    }
    // the folder reads back as a data set with its labels and captions
    const j = path.join(tmp, 'fromfolder.json');
    expect((await cli('convert', dir, '--out', j)).code).toBe(0);
    const back = await readClipsFile(j);
    expect(back.map((c) => [c.id, c.label, c.caption])).toEqual(gen.map((c) => [c.id, c.label, c.caption]));
    const m = await cli('metrics', dir, '--json');
    expect(JSON.parse(m.out).nClips).toBe(3);
    expectUserError(await cli('metrics', tmp + '/no-such-folder/'), /no-such-folder.*(no such file|unknown file type)/);
  });

  it('takes the test split', async () => {
    const p = path.join(tmp, 'test.json');
    expect((await cli('dataset', '--n', '2', '--split', 'test', '--out', p)).code).toBe(0);
    const d = JSON.parse(readFileSync(p, 'utf8'));
    expect(d.clips[0].id).toMatch(/test/);
  });

  it('rejects bad flags with one line and exit 2', async () => {
    expectUserError(await cli('dataset', '--n', 'many', '--out', 'x.json'), /--n must be a number/);
    expectUserError(await cli('dataset', '--n', '3'), /missing required flag --out/);
    expectUserError(await cli('dataset', '--n', '3', '--format', 'csv', '--out', 'x.csv'), /--format must be one of json, bvh/);
    expectUserError(await cli('dataset', '--n', '3', '--format', 'json', '--out', 'x.bvh'), /must end in \.json/);
    expectUserError(await cli('dataset', '--n', '0', '--out', 'x.json'), /--n must be ≥ 1/);
  });
});

describe('scsc metrics', () => {
  it('prints penetrate, float, skate, physErr and jitter of the Mixamo sample as JSON', async () => {
    const r = await cli('metrics', FIXTURE, '--json');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out);
    for (const k of ['penetrate', 'float', 'skate', 'physErr', 'jitter']) {
      expect(typeof m[k]).toBe('number');
      expect(Number.isFinite(m[k])).toBe(true);
      expect(m[k]).toBeGreaterThanOrEqual(0);
    }
    expect(m.physErr).toBeCloseTo(m.penetrate + m.float + m.skate, 3);
    expect(m.nClips).toBe(1);
    expect(m.clips[0].nFrames).toBe(46);
    // the imported clip is on the floor: a real walk, small errors
    expect(m.penetrate).toBeLessThan(1);
    expect(m.physErr).toBeLessThan(20);
  });

  it('gives per-clip metrics and their mean for a dataset JSON', async () => {
    const p = path.join(tmp, 'm.json');
    await cli('dataset', '--n', '4', '--seed', '3', '--out', p);
    const r = await cli('metrics', p, '--json');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out);
    expect(m.clips).toHaveLength(4);
    const mean = m.clips.reduce((s: number, c: { skate: number }) => s + c.skate, 0) / 4;
    expect(m.skate).toBeCloseTo(mean, 3);
    const table = await cli('metrics', p);
    expect(table.out).toMatch(/penetrate/);
    expect(table.out).toMatch(/mean of 4/);
  });

  it('names the line of a malformed BVH and exits 2', async () => {
    const lines = readFileSync(FIXTURE, 'utf8').split('\n');
    const bad = path.join(tmp, 'bad.bvh');
    const i = lines.findIndex((l) => l.trim() === 'MOTION') + 5; // frame 3
    lines[i] = lines[i].replace(/^(\S+)/, 'x1.5');
    writeFileSync(bad, lines.join('\n'));
    expectUserError(await cli('metrics', bad), new RegExp(`bad\\.bvh:${i + 1}: frame 3, value 1 is not a number`));
  });

  it('reports missing files, unknown types and bad JSON fields in one line', async () => {
    expectUserError(await cli('metrics', path.join(tmp, 'nope.bvh')), /nope\.bvh: no such file/);
    expectUserError(await cli('metrics', 'README.md'), /unknown file type "\.md"/);
    expectUserError(await cli('metrics'), /missing FILE/);
    const p = path.join(tmp, 'broken.json');
    writeFileSync(p, '{"fps": 20, "clips": [');
    expectUserError(await cli('metrics', p), /broken\.json: not valid JSON/);
    const q = path.join(tmp, 'field.json');
    await cli('dataset', '--n', '1', '--out', q);
    const d = JSON.parse(readFileSync(q, 'utf8'));
    d.clips[0].rotations[7][3] = [0, 0, 'a', 1];
    writeFileSync(q, JSON.stringify(d));
    expectUserError(await cli('metrics', q), /field\.json: clips\[0\]\.rotations\[7\]\[3\]\[2\] is not a finite number/);
  });
});

describe('scsc convert', () => {
  it('converts BVH → JSON → BVH keeping the motion', async () => {
    const j = path.join(tmp, 'mix.json'), b = path.join(tmp, 'mix.bvh');
    const r1 = await cli('convert', FIXTURE, '--out', j, '--label', 'walk', '--caption', 'a person walks and turns');
    expect(r1.code).toBe(0);
    const [fromJson] = await readClipsFile(j);
    expect(fromJson.label).toBe('walk');
    expect(fromJson.caption).toBe('a person walks and turns');
    expect(fromJson.nFrames).toBe(46);
    expect((await cli('convert', j, '--out', b, '--json')).code).toBe(0);
    const [fromBvh] = await readClipsFile(b);
    const pa = jointPositions(fromJson), pb = jointPositions(fromBvh);
    let m = 0;
    for (let k = 0; k < pa.length; k++) m = Math.max(m, Math.abs(pa[k] - pb[k]));
    expect(m).toBeLessThan(1e-3);
  });

  it('writes a multi-clip JSON to a folder, or one chosen clip to a .bvh, and refuses several clips in one .bvh', async () => {
    const j = path.join(tmp, 'three.json');
    await cli('dataset', '--n', '3', '--seed', '8', '--out', j);
    expectUserError(await cli('convert', j, '--out', path.join(tmp, 'one.bvh')), /a BVH file holds one clip, got 3/);
    expect((await cli('convert', j, '--out', path.join(tmp, 'one.bvh'), '--clip', '1')).code).toBe(0);
    expect((await cli('convert', j, '--out', path.join(tmp, 'folder'))).code).toBe(0);
    expect(readdirSync(path.join(tmp, 'folder')).filter((f) => f.endsWith('.bvh'))).toHaveLength(3);
    expectUserError(await cli('convert', j, '--out', path.join(tmp, 'x.bvh'), '--clip', 'nope'), /--clip nope: no clip/);
  });

  it('lists the joints of an unmapped rig in one line', async () => {
    let k = 0;
    const odd = path.join(tmp, 'odd.bvh');
    writeFileSync(odd, readFileSync(FIXTURE, 'utf8').replace(/mixamorig:\w+/g, () => `b${k++}`));
    expectUserError(await cli('convert', odd, '--out', path.join(tmp, 'odd.json')), /odd\.bvh: cannot map .*no joint found for: pelvis, left_hip/);
  });
});

describe('every command', () => {
  it('has --help (exit 0) that names its flags, and accepts --json', async () => {
    for (const name of ['dataset', 'metrics', 'convert']) {
      const r = await cli(name, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^scsc ${name} `));
      expect(r.out).toMatch(/--json/);
    }
    const top = await cli('--help');
    for (const name of ['dataset', 'metrics', 'convert']) expect(top.out).toContain(name);
  });

  it('io: writeClipsFile/readClipsFile round trip through .json', async () => {
    const clips = generateDataset({ n: 2, seed: 12 });
    const p = path.join(tmp, 'io.json');
    await writeClipsFile(p, clips);
    const back = await readClipsFile(p);
    expect(back.map((c) => c.id)).toEqual(clips.map((c) => c.id));
    expect(back[0].caption).toBe(clips[0].caption);
  });
});

describe('the real command line (subprocess)', () => {
  it('exits 2 with one line naming the line of a malformed BVH', async () => {
    const lines = readFileSync(FIXTURE, 'utf8').split('\n');
    const cut = path.join(tmp, 'truncated.bvh');
    const motion = lines.findIndex((l) => l.trim() === 'MOTION');
    writeFileSync(cut, lines.slice(0, motion + 13).join('\n'));
    const tsx = path.resolve('node_modules/.bin/tsx');
    let code = 0, stderr = '', stdout = '';
    try {
      const r = await promisify(execFile)(tsx, ['src/cli/scsc.ts', 'metrics', cut, '--json'], { timeout: 60_000 });
      stdout = r.stdout;
    } catch (e) {
      const ex = e as { code: number; stderr: string; stdout: string };
      code = ex.code;
      stderr = ex.stderr;
      stdout = ex.stdout;
    }
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(new RegExp(`truncated\\.bvh:${motion + 13}: file ends after 10 of 69 frames`));
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
