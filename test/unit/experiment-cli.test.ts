// `scsc experiment` end to end on the tiny preset (n = 64, 3 generations, every arm, physics correction, the
// shipped evaluator), the file store behind its checkpoints, and the SVG plot writer.

import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScsc } from './cliHarness';
import { FileStore } from '../../src/cli/fileStore';
import { lineChartSvg, niceTicks } from '../../src/cli/plots';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'scsc-exp-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = runScsc;

const ARMS = ['baseline', 'self-consuming', 'self-correcting', 'idealized'];
const METRICS = ['fid', 'diversity', 'multimodality', 'matching', 'rPrecision', 'accuracy', 'penetrate', 'float', 'skate', 'physErr', 'jitter', 'n'];

describe('scsc experiment', () => {
  const dir = path.join(tmp, 'run');
  const small = ['--n', '64', '--generations', '3', '--steps', '2', '--initial-steps', '6', '--preset', 'tiny', '--seed', '1', '--lambda', '0.0625',
    '--batch', '8', '--eval-samples', '8', '--eval-reference', '32', '--sample-steps', '2', '--viewer-samples', '1', '--multimodality-texts', '2', '--multimodality-repeats', '2', '--arms', ARMS.join(',')];

  it('tiny preset, n = 64, 3 generations: results.json has every metric for every arm and generation; csv, plots, checkpoints', async () => {
    const r = await cli('experiment', '--out', dir, ...small, '--json');
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/\[#+\.*\]\s+\d+%/); // the progress bar
    const summary = JSON.parse(r.out);
    expect(summary.generations).toBe(3);
    const res = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'));
    expect(res.format).toBe('scsc-experiment/1');
    expect(res.config).toMatchObject({ n: 64, generations: 3, steps: 2, preset: 'tiny', lambda: 0.0625, gamma: 'inf', arms: ARMS });
    expect(res.status).toMatchObject({ completedGeneration: 3, done: true });
    // the shipped evaluator (public/evaluator/evaluator.bin) measures every metric
    expect(res.evaluator.kind).toBe('evaluator');
    const provided = ['fid', 'diversity', 'multimodality', 'matching', 'accuracy', 'penetrate', 'float', 'skate', 'physErr', 'jitter'];
    // the floor: real training clips against the reference (no multimodality groups: null)
    for (const k of provided.filter((x) => x !== 'multimodality')) expect(Number.isFinite(res.evaluator.floor[k]), `floor ${k}`).toBe(true);
    expect(res.generations).toHaveLength(4);
    res.generations.forEach((g: { generation: number; arms: Record<string, Record<string, unknown>> }, i: number) => {
      expect(g.generation).toBe(i);
      expect(Object.keys(g.arms).sort()).toEqual([...ARMS].sort());
      for (const arm of ARMS) {
        const a = g.arms[arm] as { metrics: Record<string, unknown>; drift: number; synthetic: number; timings: Record<string, number> };
        for (const k of METRICS) expect(a.metrics, `${arm} g${i} ${k}`).toHaveProperty(k);
        for (const k of provided) expect(Number.isFinite(a.metrics[k]), `${arm} g${i} ${k}`).toBe(true);
        expect(a.metrics.n).toBe(8);
        expect(a.metrics.rPrecision).toHaveLength(3);
        for (const v of a.metrics.rPrecision as number[]) expect(v >= 0 && v <= 1).toBe(true);
        expect(Number.isFinite(a.drift)).toBe(true);
        expect(a.synthetic).toBe(i === 0 || arm === 'baseline' ? 0 : 4); // ⌊0.0625·64⌋
        expect(a.timings.totalMs).toBeGreaterThanOrEqual(0);
      }
      // generation 0 is shared
      if (i === 0) for (const arm of ARMS) expect(g.arms[arm].metrics).toEqual(g.arms.baseline.metrics);
      else expect(g.arms['self-correcting'].corrected).toBe(4); // γ = ∞
    });
    const csv = readFileSync(path.join(dir, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^generation,arm,lambda,gamma,.*fid,diversity,.*r3,.*physErr,.*drift/);
    expect(csv).toHaveLength(1 + 4 * 4);
    const files = readdirSync(dir);
    for (const f of ['fid.svg', 'diversity.svg', 'r-precision.svg', 'phys-err.svg', 'drift.svg', 'run.json', 'gen0.ckpt', 'real.clips']) expect(files).toContain(f);
    const svg = readFileSync(path.join(dir, 'fid.svg'), 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('stroke-dasharray="5 4"'); // generation 0 dashed
    for (const arm of ARMS) expect(svg).toContain(`>${arm}<`);
  }, 300_000);

  it('--resume of a finished run changes nothing; reusing its folder without --resume is refused', async () => {
    const before = readFileSync(path.join(dir, 'results.csv'), 'utf8');
    const again = await cli('experiment', '--out', dir, '--resume', '--json');
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/resuming .* after generation 3 of 3/);
    expect(readFileSync(path.join(dir, 'results.csv'), 'utf8')).toBe(before);
    const refused = await cli('experiment', '--out', dir, ...small);
    expect(refused.code).toBe(2);
    expect(refused.err.trim().split('\n')).toHaveLength(1);
    expect(refused.err).toMatch(/already holds a run; pass --resume/);
  }, 120_000);

  it('--resume --extend-to G runs a finished run on to generation G; the earlier generations stay as they were', async () => {
    const before = readFileSync(path.join(dir, 'results.csv'), 'utf8').trim().split('\n');
    const shrink = await cli('experiment', '--out', dir, '--resume', '--extend-to', '2');
    expect(shrink.code).toBe(2);
    expect(shrink.err).toMatch(/generations can only grow \(the run has 3\), got 2/);
    const noResume = await cli('experiment', '--out', path.join(tmp, 'none'), '--extend-to', '5');
    expect(noResume.code).toBe(2);
    expect(noResume.err).toMatch(/--extend-to continues a saved run/);
    const r = await cli('experiment', '--out', dir, '--resume', '--extend-to', '4', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/resuming .* after generation 3 of 4/);
    const res = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'));
    expect(res.config.generations).toBe(4);
    expect(res.status).toMatchObject({ completedGeneration: 4, done: true });
    expect(res.generations.map((g: { generation: number }) => g.generation)).toEqual([0, 1, 2, 3, 4]);
    const after = readFileSync(path.join(dir, 'results.csv'), 'utf8').trim().split('\n');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 4); // one row per arm for generation 4
  }, 180_000);

  it('bad flags are one-line user errors', async () => {
    for (const [args, msg] of [
      [['--arms', 'baseline,nope'], /unknown arm "nope"/],
      [['--lambda', '-1'], /--lambda must be ≥ 0/],
      [['--gamma', 'x'], /--gamma must be a number/],
    ] as [string[], RegExp][]) {
      const r = await cli('experiment', '--out', path.join(tmp, 'bad'), ...args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(msg);
    }
    const missing = await cli('experiment');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/missing required flag --out/);
  });
});

describe('FileStore and plots', () => {
  it('stores bytes and JSON under keys with folders; refuses keys that leave the folder', async () => {
    const s = new FileStore(path.join(tmp, 'store'));
    await s.save('a/b.bin', new Uint8Array([1, 2, 3]));
    await s.save('x.json', { k: [1, 'inf'] });
    expect(Array.from((await s.load('a/b.bin')) as Uint8Array)).toEqual([1, 2, 3]);
    expect(await s.load('x.json')).toEqual({ k: [1, 'inf'] });
    expect(await s.load('none.bin')).toBeUndefined();
    await expect(s.save('../evil.bin', new Uint8Array(1))).rejects.toThrow(/bad key/);
    await expect(s.save('y.json', new Uint8Array(1))).rejects.toThrow(/must hold JSON/);
    expect(readdirSync(path.join(tmp, 'store')).some((f) => f.includes('.tmp'))).toBe(false);
  });

  it('draws one polyline per arm, skips NaN, marks λ/γ changes', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    const svg = lineChartSvg({
      title: 'T <x>', xLabel: 'generation', yLabel: 'FID', markers: [{ x: 2, label: 'λ 0.5→1' }],
      series: [
        { name: 'a', color: '#f00', points: [[0, 1], [1, 2], [2, 3], [3, 4]] },
        { name: 'b', color: '#00f', points: [[0, 1], [1, NaN], [2, 2], [3, 1]] },
      ],
    });
    expect(svg).toContain('T &lt;x&gt;');
    expect(svg.match(/<polyline/g)).toHaveLength(2); // a: 1..3; b: 2..3 (gap at 1)
    expect(svg.match(/stroke-dasharray="5 4"/g)).toHaveLength(1); // b's 0→1 segment has no end point
    expect(svg).toContain('λ 0.5→1');
    expect(svg.match(/<circle/g)).toHaveLength(7);
  });
});
