// `scsc reproduce`: the grid plan (every report arm once per λ and seed, the λ-free baseline once per seed, one
// generation-0 run per seed that every run of the seed starts from) and
// the report (mean ± sd over seeds, baseline rows under every λ, late-window means with correction's paired FID
// difference, findings kept across regenerations, the
// --report-only command path on fabricated results.json files).

import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { FULL_GRID, type GridSettings, planGen0, planGrid, QUICK_GRID, REPORT_ARMS } from '../../src/cli/reproduce/grid';
import {
  collect, computeSeconds, type ExperimentResults, keptFindings, lateWindow, meanSd, reportMarkdown, resultTables, windowMeans, windowTable,
} from '../../src/cli/reproduce/report';

function fakeResults(arms: Record<string, (g: number) => number>, generations: number): ExperimentResults {
  return {
    status: { done: true },
    generations: Array.from({ length: generations + 1 }, (_, g) => ({
      generation: g,
      arms: Object.fromEntries(Object.entries(arms).map(([arm, f]) => [arm, {
        metrics: { fid: f(g), diversity: 2 * f(g), rPrecision: [0.1, 0.2, f(g) / 10], physErr: 100 * f(g) },
        timings: { totalMs: 1000 },
      }])),
    })),
  };
}

describe('reproduce grid', () => {
  it('counts generation 0 once per seed in the total time: every run of a seed carries a copy of its record', () => {
    const g: GridSettings = { ...QUICK_GRID, lambdas: [1], seeds: 2, generations: 2 };
    const plans = planGrid(g);
    const results = new Map<string, ExperimentResults>();
    // every arm-generation 1 s in fakeResults: per seed the baseline run (1 arm), the λ run (2 arms), the γ = 1 run (1 arm)
    for (const p of plans) results.set(p.name, fakeResults(Object.fromEntries(Object.keys(p.arms).map((a) => [a, () => 1])), g.generations));
    const perSeed = 1 /* generation 0, once */ + g.generations * (1 + 2 + 1);
    expect(computeSeconds(plans, results)).toBe(2 * perSeed);
  });

  it('plans the paper protocol: baseline once per seed, every other report arm once per λ and seed', () => {
    const plans = planGrid(FULL_GRID);
    expect(plans).toHaveLength(FULL_GRID.seeds + FULL_GRID.lambdas.length * FULL_GRID.seeds * 2);
    expect(new Set(plans.map((p) => p.name)).size).toBe(plans.length);
    for (const lambda of FULL_GRID.lambdas) {
      for (let s = 0; s < FULL_GRID.seeds; s++) {
        const filled = plans.filter((p) => p.seed === s && (p.lambda === lambda || p.lambda === null)).flatMap((p) => Object.values(p.arms));
        expect(filled.sort()).toEqual([...REPORT_ARMS].sort());
      }
    }
    const g1 = plans.find((p) => p.name === 'lambda0.5-gamma1-s2');
    expect(g1?.flags.join(' ')).toContain('--gamma 1 --arms self-correcting');
    expect(g1?.flags.join(' ')).toContain('--seed 2');
    expect(planGrid(QUICK_GRID).length).toBeLessThan(plans.length);
  });

  it('trains generation 0 once per seed: every run of a seed starts from its generation-0 run, with the same generation-0 settings', () => {
    const gen0 = planGen0(FULL_GRID);
    expect(gen0.map((g) => g.name)).toEqual(['gen0-s0', 'gen0-s1', 'gen0-s2']);
    const value = (flags: string[], flag: string): string | undefined => {
      const i = flags.indexOf(flag);
      return i < 0 ? undefined : flags[i + 1];
    };
    for (const g of gen0) {
      expect(value(g.flags, '--generations')).toBe('0');
      expect(value(g.flags, '--seed')).toBe(String(g.seed));
      const runs = planGrid(FULL_GRID).filter((p) => p.seed === g.seed);
      expect(runs).toHaveLength(1 + 2 * FULL_GRID.lambdas.length);
      for (const p of runs) {
        expect(p.gen0).toBe(g.name);
        expect(p.flags).not.toContain('--gen0-from'); // the command adds it with the output folder
        for (const flag of ['--n', '--initial-steps', '--preset', '--seed', '--eval-samples', '--sample-steps', '--multimodality-texts', '--batch', '--lr', '--guidance', '--data-seed']) {
          expect(value(p.flags, flag), `${p.name} ${flag}`).toBe(value(g.flags, flag));
        }
        expect(value(p.flags, '--generations')).toBe(String(FULL_GRID.generations));
      }
    }
  });

  it('rejects an empty grid', () => {
    expect(() => planGrid({ ...QUICK_GRID, lambdas: [] })).toThrow(/no λ/);
  });
});

describe('reproduce report', () => {
  const grid: GridSettings = { ...QUICK_GRID, lambdas: [0.5, 1], seeds: 2, generations: 2, tableGenerations: [0, 2] };
  const plans = planGrid(grid);
  const results = new Map<string, ExperimentResults>();
  for (const p of plans) {
    const arms: Record<string, (g: number) => number> = {};
    for (const arm of Object.keys(p.arms)) arms[arm] = (g) => 1 + g * (p.lambda ?? 0) + p.seed; // seeds 0 and 1 differ by 1
    results.set(p.name, fakeResults(arms, grid.generations));
  }

  it('meanSd: sample standard deviation, NaN left out', () => {
    const s = meanSd([1, 2, 3, NaN]);
    expect(s.mean).toBe(2);
    expect(s.sd).toBe(1);
    expect(s.count).toBe(3);
    expect(Number.isNaN(meanSd([4]).sd)).toBe(true);
  });

  it('takes mean ± sd over seeds and repeats the baseline under every λ', () => {
    const data = collect(grid, plans, results);
    // self-consuming at λ = 1, generation 2: seeds give 3 and 4 → 3.5 ± 0.707
    expect(data.get(1)?.get('self-consuming')?.get('fid')?.[2]).toEqual([3, 4]);
    // the baseline run has λ null → 1 + seed at every generation, under both λ
    expect(data.get(0.5)?.get('baseline')?.get('fid')?.[2]).toEqual([1, 2]);
    expect(data.get(1)?.get('baseline')?.get('fid')?.[2]).toEqual([1, 2]);
    const table = resultTables(grid, data);
    expect(table).toContain('| self-consuming | 2 | 3.500 ± 0.707 |');
    expect(table).toContain('| self-correcting γ=1 | 0 | 1.500 ± 0.707 |');
    expect(table).toContain('| 350.0 ± 70.7 |'); // Phys-Err column, self-consuming λ = 1, generation 2
  });

  it('late window: per-seed means over the second half, paired FID difference to self-consuming, unfinished runs left out', () => {
    const g4: GridSettings = { ...grid, lambdas: [1], seeds: 3, generations: 4 };
    expect(lateWindow(g4)).toEqual([3, 4]);
    expect(lateWindow(FULL_GRID)).toEqual([26, 50]);
    const p4 = planGrid(g4);
    const res = new Map<string, ExperimentResults>();
    // self-consuming: FID g/10 + seed/100 → window mean 0.35 + seed/100; γ = ∞ adds 0.05 in seeds 0 and 1 and
    // −0.01 in seed 2; γ = 1's seed 2 stopped at generation 3, so only seeds 0 and 1 count for it.
    const consuming = (seed: number) => (g: number) => g / 10 + seed / 100;
    for (const p of p4) {
      if (p.name.startsWith('baseline')) res.set(p.name, fakeResults({ baseline: () => 0.1 }, 4));
      else if (p.name.includes('gamma1')) {
        const r = fakeResults({ 'self-correcting': (g) => consuming(p.seed)(g) + 0.02 }, 4);
        if (p.seed === 2) r.generations = r.generations.slice(0, 4);
        res.set(p.name, r);
      } else {
        const extra = p.seed === 2 ? -0.01 : 0.05;
        res.set(p.name, fakeResults({ 'self-consuming': consuming(p.seed), 'self-correcting': (g) => consuming(p.seed)(g) + extra }, 4));
      }
    }
    const means = windowMeans(g4, p4, res, 3, 4);
    expect([...(means.get(1)?.get('self-consuming')?.get('fid')?.entries() ?? [])].map(([s, v]) => [s, +v.toFixed(6)]))
      .toEqual([[0, 0.35], [1, 0.36], [2, 0.37]]);
    expect([...(means.get(1)?.get('self-correcting γ=1')?.get('fid')?.keys() ?? [])]).toEqual([0, 1]);
    const table = windowTable(g4, p4, res);
    // γ = ∞: differences 0.05, 0.05, −0.01 → +0.030 ± 0.035, lower in 1 of 3; γ = 1: +0.02 twice (sd 0). Phys-Err
    // is 100 × FID in the fake results, so its differences are 100 times as large.
    expect(table).toContain('| 1 | self-correcting γ=∞ | 0.390 ± 0.026 |');
    expect(table).toContain('| +0.030 ± 0.035 (lower in 1 of 3) | +3.0 ± 3.5 (lower in 1 of 3) | 3 |');
    expect(table).toContain('| +0.020 ± 0.000 (lower in 0 of 2) | +2.0 ± 0.0 (lower in 0 of 2) | 2 |');
    expect(table).toContain('| 1 | baseline | 0.100 ± 0.000 |');
    // a lower arm gets a minus sign: swap the roles so γ = 1 is 0.02 below instead
    const swapped = new Map([...res].map(([k, v]) => [k, k.includes('gamma1') ? fakeResults({ 'self-correcting': (g) => consuming(+k.slice(-1))(g) - 0.02 }, 4) : v]));
    expect(windowTable(g4, p4, swapped)).toContain('| −0.020 ± 0.000 (lower in 3 of 3) | −2.0 ± 0.0 (lower in 3 of 3) | 3 |');
    expect(reportMarkdown({ grid: g4, quick: true, plans: p4, results: res, plotDir: 'r', command: 'x', date: 'd', existing: null }).markdown)
      .toContain('## Late generations 3–4');
  });

  it('keeps hand-written findings when the report is regenerated', () => {
    const first = reportMarkdown({ grid, quick: true, plans, results, plotDir: 'results', command: 'x', date: '2026-11-22', existing: null });
    expect(first.markdown).toContain('No findings written yet');
    const edited = first.markdown.replace(/_No findings[^\n]*_/, 'The loop collapses at λ = 1.');
    expect(keptFindings(edited)).toBe('The loop collapses at λ = 1.');
    const again = reportMarkdown({ grid, quick: true, plans, results, plotDir: 'results', command: 'x', date: '2026-11-23', existing: edited });
    expect(again.markdown).toContain('The loop collapses at λ = 1.');
    expect(Object.keys(again.plots)).toHaveLength(grid.lambdas.length * 4);
    expect(again.plots['fid-lambda1.svg']).toContain('<svg');
  });

  it('scsc reproduce --report-only writes the report from the runs in --out', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'scsc-reproduce-'));
    const out = path.join(dir, 'runs');
    const doc = path.join(dir, 'docs', 'results.md');
    for (const p of planGrid({ ...QUICK_GRID })) {
      if (p.name.startsWith('lambda1-')) continue; // λ = 1 not run yet: reported as missing, not invented
      await mkdir(path.join(out, p.name), { recursive: true });
      const arms: Record<string, (g: number) => number> = {};
      for (const arm of Object.keys(p.arms)) arms[arm] = (g) => 1 + g;
      await writeFile(path.join(out, p.name, 'results.json'), JSON.stringify(fakeResults(arms, QUICK_GRID.generations)));
    }
    const lines: string[] = [];
    const code = await runCli(['reproduce', '--quick', '--report-only', '--out', out, '--doc', doc], { out: (t) => lines.push(t), err: (t) => lines.push(t) });
    expect(code).toBe(0);
    const md = await readFile(doc, 'utf8');
    expect(md).toContain('3 of 5 runs complete');
    expect(md).toMatch(/\| lambda1-s0 \| 1 \| 0 \| self-consuming, self-correcting γ=∞ \| not run \|/);
    expect(md).toMatch(/\| self-consuming \| 4 \| 5\.000 \| /);
    expect(md).toMatch(/### λ = 1\n\n\| arm[^\n]*\n[^\n]*\n\| baseline \| 0 \| 1\.000/);
    await expect(readFile(path.join(dir, 'docs', 'results', 'physErr-lambda0.5.svg'), 'utf8')).resolves.toContain('<svg');
  });

  it('scsc reproduce --report-only with no runs says so', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'scsc-reproduce-'));
    const err: string[] = [];
    const code = await runCli(['reproduce', '--report-only', '--out', path.join(dir, 'none'), '--doc', path.join(dir, 'r.md')], { out: () => undefined, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/no results in .*none yet/);
  });
});
