// `scsc experiment --gen0-from DIR` end to end on tiny settings: a run started from another run's generation 0
// (trained there with other arms, λ and generations) writes the same results as a fresh run and resumes; a
// differing setting generation 0 depends on is a one-line user error naming the flag.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScsc } from './cliHarness';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'scsc-gen0-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = runScsc;

const GEN0 = ['--n', '16', '--initial-steps', '4', '--preset', 'tiny', '--seed', '2', '--batch', '4', '--eval-samples', '4',
  '--eval-reference', '8', '--sample-steps', '2', '--multimodality-texts', '0', '--feature-metrics'];
const LATER = ['--generations', '2', '--steps', '2', '--lambda', '0.25', '--arms', 'self-consuming,idealized', '--viewer-samples', '1'];

type Results = { generations: { arms: Record<string, { metrics: unknown; loss: number | null; drift: number; timings: unknown }> }[] };
const history = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as Results).generations
  .map((g) => ({ ...g, ms: 0, arms: Object.fromEntries(Object.entries(g.arms).map(([k, v]) => [k, { ...v, timings: null }])) }));

describe('scsc experiment --gen0-from', () => {
  const src = path.join(tmp, 'gen0');
  const fresh = path.join(tmp, 'fresh');
  const shared = path.join(tmp, 'shared');

  it('a run from another run\'s generation 0 writes the same results as a fresh run, and resumes', async () => {
    const a = await cli('experiment', '--out', src, ...GEN0, '--generations', '0', '--lambda', '0', '--arms', 'baseline');
    expect(a.err).not.toMatch(/internal error/);
    expect(a.code).toBe(0);
    const b = await cli('experiment', '--out', fresh, ...GEN0, ...LATER);
    expect(b.code).toBe(0);
    const c = await cli('experiment', '--out', shared, ...GEN0, ...LATER, '--gen0-from', src);
    expect(c.err).not.toMatch(/internal error/);
    expect(c.code).toBe(0);
    expect(c.err).toContain(`generation 0 from ${src} (trained there, not here)`);
    expect(c.err).not.toMatch(/g0 all arms training/);
    expect(history(shared)).toEqual(history(fresh));
    for (const f of ['run.json', 'real.clips', 'gen0.ckpt', 'slot0/self-consuming.ckpt', 'metrics-setup.json']) expect(existsSync(path.join(shared, f)), f).toBe(true);
    const again = await cli('experiment', '--out', shared, '--resume', '--gen0-from', src);
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/resuming .* after generation 2 of 2/);
  }, 120_000);

  it('a differing setting generation 0 depends on is refused, naming the flags; nothing is written', async () => {
    const out = path.join(tmp, 'refused');
    const r = await cli('experiment', '--out', out, ...GEN0, ...LATER, '--seed', '3', '--eval-reference', '16', '--gen0-from', src);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n').filter((l) => l.startsWith('scsc'))).toHaveLength(1);
    expect(r.err).toMatch(/seed \(--seed\) 2 there, 3 here/);
    expect(r.err).toMatch(/evalReference \(--eval-reference\) 8 there, 16 here/);
    expect(existsSync(out)).toBe(false);
    const steps = await cli('experiment', '--out', out, ...GEN0, ...LATER, '--initial-steps', '5', '--gen0-from', src);
    expect(steps.code).toBe(2);
    expect(steps.err).toMatch(/initialSteps \(--initial-steps\) 4 there, 5 here/);
    const none = await cli('experiment', '--out', out, ...GEN0, ...LATER, '--gen0-from', path.join(tmp, 'nothing'));
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no run there/);
  }, 60_000);
});
