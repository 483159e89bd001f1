// The report of `scsc reproduce`: reads the grid's results.json files, takes mean ± sd over seeds of FID,
// Diversity, R-precision (top 3) and Phys-Err per λ, report arm and generation, and writes docs/results.md (the
// table and plot links, and a table of means over the late generations with correction's paired FID and Phys-Err
// differences to the self-consuming arm)
// plus one SVG per metric and λ (mean over seeds, one line per arm). The hand-written
// "Findings" section of an existing report is kept when the report is regenerated.

import { ARM_COLORS, lineChartSvg, type PlotSeries } from '../plots';
import type { GridSettings, PlannedRun, ReportArm } from './grid';
import { REPORT_ARMS } from './grid';

/** The part of an `scsc experiment` results.json the report reads. */
export interface ExperimentResults {
  generations: { generation: number; arms: Record<string, { metrics: Record<string, unknown>; timings?: { totalMs?: number } } | undefined> }[];
  status?: { done?: boolean };
}

export type ReportMetric = 'fid' | 'diversity' | 'r3' | 'physErr';
export const REPORT_METRICS: { key: ReportMetric; title: string; unit: string; better: 'lower' | 'higher' | 'closer to real' }[] = [
  { key: 'fid', title: 'FID', unit: '', better: 'lower' },
  { key: 'diversity', title: 'Diversity', unit: '', better: 'closer to real' },
  { key: 'r3', title: 'R-precision (top 3)', unit: '', better: 'higher' },
  { key: 'physErr', title: 'Phys-Err', unit: 'mm', better: 'lower' },
];

/** A metric's column or axis title with its unit: "Phys-Err (mm)". */
function metricTitle(key: ReportMetric): string {
  const m = REPORT_METRICS.find((x) => x.key === key);
  return m ? `${m.title}${m.unit ? ` (${m.unit})` : ''}` : key;
}

function metricOf(m: Record<string, unknown>, key: ReportMetric): number {
  if (key === 'r3') {
    const r = m.rPrecision;
    return Array.isArray(r) && typeof r[2] === 'number' ? r[2] : NaN;
  }
  const v = m[key];
  return typeof v === 'number' ? v : NaN;
}

export interface Stat {
  mean: number;
  sd: number;
  /** Seeds that reached this generation. */
  count: number;
}

/** Mean and sample standard deviation (sd NaN for fewer than two values); NaN values are left out. */
export function meanSd(values: readonly number[]): Stat {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return { mean: NaN, sd: NaN, count: 0 };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length < 2 ? NaN : Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
  return { mean, sd, count: v.length };
}

/** series[λ][arm][metric] = one value list per generation (index = generation), each holding one value per seed. */
export type Collected = Map<number, Map<ReportArm, Map<ReportMetric, number[][]>>>;

/** Gather the per-seed values of every metric from the runs' results (a run without results is skipped). */
export function collect(grid: GridSettings, plans: readonly PlannedRun[], results: ReadonlyMap<string, ExperimentResults>): Collected {
  const out: Collected = new Map();
  for (const lambda of grid.lambdas) {
    const byArm = new Map<ReportArm, Map<ReportMetric, number[][]>>();
    for (const arm of REPORT_ARMS) byArm.set(arm, new Map(REPORT_METRICS.map((m) => [m.key, []])));
    out.set(lambda, byArm);
  }
  for (const plan of plans) {
    const res = results.get(plan.name);
    if (!res) continue;
    const lambdas = plan.lambda === null ? grid.lambdas : [plan.lambda];
    for (const [armName, reportArm] of Object.entries(plan.arms) as [string, ReportArm][]) {
      for (const g of res.generations) {
        const a = g.arms[armName];
        if (!a) continue;
        for (const lambda of lambdas) {
          const perMetric = out.get(lambda)?.get(reportArm);
          if (!perMetric) continue;
          for (const m of REPORT_METRICS) {
            const lists = perMetric.get(m.key) as number[][];
            while (lists.length <= g.generation) lists.push([]);
            lists[g.generation].push(metricOf(a.metrics, m.key));
          }
        }
      }
    }
  }
  return out;
}

function fmtNum(v: number, key: ReportMetric): string {
  if (!Number.isFinite(v)) return '—';
  if (key === 'physErr') return v.toFixed(1);
  if (key === 'r3') return v.toFixed(3);
  return v.toFixed(3);
}

function fmtStat(s: Stat, key: ReportMetric): string {
  if (s.count === 0) return '—';
  return Number.isFinite(s.sd) ? `${fmtNum(s.mean, key)} ± ${fmtNum(s.sd, key)}` : fmtNum(s.mean, key);
}

/** One markdown table per λ: a row per arm and table generation, a column per metric (mean ± sd over seeds). */
export function resultTables(grid: GridSettings, data: Collected): string {
  const parts: string[] = [];
  const gens = grid.tableGenerations.filter((g) => g <= grid.generations);
  for (const lambda of grid.lambdas) {
    parts.push(`### λ = ${lambda}\n`);
    parts.push(`| arm | generation | ${REPORT_METRICS.map((m) => metricTitle(m.key)).join(' | ')} | seeds |`);
    parts.push(`|---|---:|${REPORT_METRICS.map(() => '---:').join('|')}|---:|`);
    for (const arm of REPORT_ARMS) {
      for (const g of gens) {
        const perMetric = data.get(lambda)?.get(arm);
        const stats = REPORT_METRICS.map((m) => meanSd(perMetric?.get(m.key)?.[g] ?? []));
        const seeds = Math.max(...stats.map((s) => s.count));
        parts.push(`| ${arm} | ${g} | ${stats.map((s, i) => fmtStat(s, REPORT_METRICS[i].key)).join(' | ')} | ${seeds} |`);
      }
    }
    parts.push('');
  }
  return parts.join('\n');
}

const REPORT_ARM_COLORS: Record<ReportArm, string> = {
  baseline: ARM_COLORS.baseline,
  'self-consuming': ARM_COLORS['self-consuming'],
  'self-correcting γ=∞': ARM_COLORS['self-correcting'],
  'self-correcting γ=1': '#7c3aed',
};

/** SVG plots: file name → SVG, one per metric and λ, mean over seeds per generation. */
export function resultPlots(grid: GridSettings, data: Collected): Record<string, string> {
  const out: Record<string, string> = {};
  for (const lambda of grid.lambdas) {
    for (const m of REPORT_METRICS) {
      const series: PlotSeries[] = REPORT_ARMS.map((arm) => {
        const lists = data.get(lambda)?.get(arm)?.get(m.key) ?? [];
        return { name: arm, color: REPORT_ARM_COLORS[arm], points: lists.map((vals, g) => [g, meanSd(vals).mean] as [number, number]) };
      });
      out[plotName(m.key, lambda)] = lineChartSvg({
        title: `${m.title} (${m.better} is better), λ = ${lambda}`,
        subtitle: `mean over ${grid.seeds} seed${grid.seeds === 1 ? '' : 's'}; n = ${grid.n}, K = ${grid.steps}, ${grid.preset} preset`,
        xLabel: 'generation', yLabel: metricTitle(m.key), series,
      });
    }
  }
  return out;
}

export function plotName(key: ReportMetric, lambda: number): string {
  return `${key}-lambda${lambda}.svg`;
}

const FINDINGS_START = '<!-- findings:start -->';
const FINDINGS_END = '<!-- findings:end -->';

/** The hand-written findings of an existing report (between the markers), or a placeholder that says none yet. */
export function keptFindings(existing: string | null): string {
  if (existing) {
    const a = existing.indexOf(FINDINGS_START);
    const b = existing.indexOf(FINDINGS_END);
    if (a >= 0 && b > a) return existing.slice(a + FINDINGS_START.length, b).trim();
  }
  return '_No findings written yet: read the tables and plots below, then write them here (this section is kept when the report is regenerated)._';
}

/** The late window the window table averages over: the second half of the generations (26–50 of 50). */
export function lateWindow(grid: GridSettings): [number, number] {
  return [Math.floor(grid.generations / 2) + 1, grid.generations];
}

/**
 * Per-seed means of every metric over generations from..to: means[λ][arm][metric] = seed → mean. A seed counts
 * only when its run has every generation of the window (a run still going is left out, not half-counted).
 */
export function windowMeans(
  grid: GridSettings, plans: readonly PlannedRun[], results: ReadonlyMap<string, ExperimentResults>, from: number, to: number,
): Map<number, Map<ReportArm, Map<ReportMetric, Map<number, number>>>> {
  const out = new Map<number, Map<ReportArm, Map<ReportMetric, Map<number, number>>>>();
  for (const lambda of grid.lambdas) {
    out.set(lambda, new Map(REPORT_ARMS.map((arm) => [arm, new Map(REPORT_METRICS.map((m) => [m.key, new Map<number, number>()]))])));
  }
  for (const plan of plans) {
    const res = results.get(plan.name);
    if (!res) continue;
    for (const [armName, reportArm] of Object.entries(plan.arms) as [string, ReportArm][]) {
      const inWindow = res.generations.filter((g) => g.generation >= from && g.generation <= to && g.arms[armName]);
      if (inWindow.length !== to - from + 1) continue;
      for (const m of REPORT_METRICS) {
        const mean = meanSd(inWindow.map((g) => metricOf((g.arms[armName] as { metrics: Record<string, unknown> }).metrics, m.key))).mean;
        for (const lambda of plan.lambda === null ? grid.lambdas : [plan.lambda]) out.get(lambda)?.get(reportArm)?.get(m.key)?.set(plan.seed, mean);
      }
    }
  }
  return out;
}

const PAIRED_METRICS: readonly ReportMetric[] = ['fid', 'physErr'];

/** arm − self-consuming per seed both have: "+0.030 ± 0.035 (lower in 1 of 3)", "−1.8 ± 3.1 (…)", or — when no seed has both. */
function pairedDifference(arm: ReadonlyMap<number, number> | undefined, consuming: ReadonlyMap<number, number> | undefined, key: ReportMetric): string {
  const d: number[] = [];
  for (const [seed, v] of arm ?? []) {
    const base = consuming?.get(seed);
    if (base !== undefined) d.push(v - base);
  }
  const st = meanSd(d);
  if (st.count === 0) return '—';
  // a signed difference: + for higher, a true minus sign (not a hyphen) for lower
  return `${fmtStat(st, key).replace(/^(\d)/, '+$1').replace(/^-/, '−')} (lower in ${d.filter((x) => x < 0).length} of ${d.length})`;
}

/**
 * The late-window table: per λ and arm, each metric's mean over the window, then mean ± sd over seeds; and per
 * corrected arm the FID and Phys-Err differences to the self-consuming arm of the same seed (mean ± sd, and in how
 * many seeds correction gave the lower value): the paper's claim in two columns.
 */
export function windowTable(grid: GridSettings, plans: readonly PlannedRun[], results: ReadonlyMap<string, ExperimentResults>): string {
  const [from, to] = lateWindow(grid);
  const means = windowMeans(grid, plans, results, from, to);
  const parts: string[] = [];
  parts.push(`| λ | arm | ${REPORT_METRICS.map((m) => metricTitle(m.key)).join(' | ')} | ${PAIRED_METRICS.map((k) => `${metricTitle(k)} − self-consuming (same seed)`).join(' | ')} | seeds |`);
  parts.push(`|---:|---|${REPORT_METRICS.map(() => '---:').join('|')}|${PAIRED_METRICS.map(() => '---:').join('|')}|---:|`);
  for (const lambda of grid.lambdas) {
    const byArm = means.get(lambda);
    for (const arm of REPORT_ARMS) {
      const perMetric = byArm?.get(arm);
      const stats = REPORT_METRICS.map((m) => meanSd([...(perMetric?.get(m.key)?.values() ?? [])]));
      const seeds = Math.max(...stats.map((st) => st.count));
      const diffs = PAIRED_METRICS.map((key) => (arm.startsWith('self-correcting') ? pairedDifference(perMetric?.get(key), byArm?.get('self-consuming')?.get(key), key) : ''));
      parts.push(`| ${lambda} | ${arm} | ${stats.map((st, i) => fmtStat(st, REPORT_METRICS[i].key)).join(' | ')} | ${diffs.join(' | ')} | ${seeds} |`);
    }
  }
  parts.push('');
  return parts.join('\n');
}

export interface ReportInput {
  grid: GridSettings;
  quick: boolean;
  plans: readonly PlannedRun[];
  results: ReadonlyMap<string, ExperimentResults>;
  /** Folder of the plots relative to the report. */
  plotDir: string;
  /** The command that regenerates this report. */
  command: string;
  date: string;
  existing: string | null;
}

/**
 * Total wall-clock seconds the finished arm-generations took, from the runs' timings. Generation 0 is one training
 * per seed, whose record every run of the seed (and every arm of a run) carries a copy of: it counts once per seed.
 */
export function computeSeconds(plans: readonly PlannedRun[], results: ReadonlyMap<string, ExperimentResults>): number {
  let ms = 0;
  const gen0Counted = new Set<number>();
  for (const plan of plans) {
    const r = results.get(plan.name);
    if (!r) continue;
    for (const g of r.generations) {
      const arms = Object.values(g.arms);
      if (g.generation === 0) {
        if (!gen0Counted.has(plan.seed)) ms += arms[0]?.timings?.totalMs ?? 0;
        gen0Counted.add(plan.seed);
        continue;
      }
      for (const a of arms) ms += a?.timings?.totalMs ?? 0;
    }
  }
  return ms / 1000;
}

export function reportMarkdown(input: ReportInput): { markdown: string; plots: Record<string, string> } {
  const { grid, plans, results } = input;
  const data = collect(grid, plans, results);
  const plots = resultPlots(grid, data);
  const done = plans.filter((p) => results.get(p.name)?.status?.done).length;
  const lines: string[] = [];
  lines.push(`# Does the loop collapse here, and does physics correction keep it stable?${input.quick ? ' (quick variant)' : ''}`);
  lines.push('');
  lines.push(`Generated by \`${input.command}\` on ${input.date}. ${done} of ${plans.length} runs complete` +
    `${done < plans.length ? ' — the tables show what has finished so far' : ''}; ` +
    `${(computeSeconds(plans, results) / 3600).toFixed(2)} h of arm-generation wall time in total.`);
  lines.push('');
  lines.push('Settings: ' + [
    `n = ${grid.n} real clips`, `λ ∈ {${grid.lambdas.join(', ')}}`, `${grid.generations} generations`, `K = ${grid.steps} fine-tuning steps per generation`,
    `${grid.initialSteps} steps for generation 0`, `${grid.preset} preset`, `${grid.seeds} seed${grid.seeds === 1 ? '' : 's'}`,
    `${grid.evalSamples} evaluation samples per arm and generation`, `${grid.sampleSteps} sampler steps`,
  ].join(', ') + '. Arms: the baseline (real data only), self-consuming (⌊λ·n⌋ synthetic clips per generation, uncorrected), ' +
    'self-correcting with every synthetic clip corrected by the physics simulation (γ = ∞) and with half of them (γ = 1, mixture).');
  lines.push('');
  lines.push('## Findings');
  lines.push('');
  lines.push(FINDINGS_START);
  lines.push(keptFindings(input.existing));
  lines.push(FINDINGS_END);
  lines.push('');
  const [from, to] = lateWindow(grid);
  lines.push(`## Late generations ${from}–${to} (mean over the window, then mean ± sd over seeds)`);
  lines.push('');
  lines.push('A single generation\'s FID varies by about ±0.03 on 64 samples, so arms are compared on window means.');
  lines.push('');
  lines.push(windowTable(grid, plans, results));
  lines.push('## Table (mean ± sd over seeds)');
  lines.push('');
  lines.push(resultTables(grid, data));
  lines.push('## Plots (mean over seeds)');
  lines.push('');
  for (const lambda of grid.lambdas) {
    lines.push(`### λ = ${lambda}`);
    lines.push('');
    lines.push(REPORT_METRICS.map((m) => `![${m.title}, λ = ${lambda}](${input.plotDir}/${plotName(m.key, lambda)})`).join('\n'));
    lines.push('');
  }
  lines.push('## Runs');
  lines.push('');
  lines.push('| run | λ | seed | arms | status |');
  lines.push('|---|---:|---:|---|---|');
  for (const p of plans) {
    const r = results.get(p.name);
    const status = r ? (r.status?.done ? 'done' : `through generation ${r.generations.length - 1}`) : 'not run';
    lines.push(`| ${p.name} | ${p.lambda ?? 'any'} | ${p.seed} | ${Object.values(p.arms).join(', ')} | ${status} |`);
  }
  lines.push('');
  return { markdown: lines.join('\n'), plots };
}
