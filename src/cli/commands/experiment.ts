// `scsc experiment`: runs the self-consuming loop (src/core/loop) headless on the wasm backend: every arm from one
// shared generation 0, a checkpoint per generation in --out (so --resume continues after a crash), and after
// every generation results.json, results.csv and SVG plots (FID, Diversity, R-precision, Phys-Err, drift against
// generation). Metrics come from the shipped evaluator (public/evaluator/evaluator.bin) when it exists, else from
// the feature-space stand-in (featureMetrics.ts), and results.json says which. `--gen0-from DIR` starts the run from
// the generation 0 of the run in DIR instead of training it (refused, naming the flags, when a setting generation 0
// depends on differs), so runs that differ only after generation 0 (λ, γ, arms, …) share one; `scsc reproduce` uses it.

import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../args';
import type { CliIO, Command } from '../command';
import { loadEvaluatorFile, SHIPPED_EVALUATOR_PATH } from '../evaluatorFile';
import { FileStore } from '../fileStore';
import { ARM_COLORS, lineChartSvg, type PlotSeries } from '../plots';
import { selectNodeBackend } from '../../core/diffusion/backendNode';
import { PRESET_NAMES, type PresetName } from '../../core/diffusion/presets';
import type { Evaluator } from '../../core/eval/evaluator';
import { generateDataset, generateTestSplit } from '../../core/motion/dataset/index';
import type { Clip } from '../../core/motion/clip';
import { initPhysics } from '../../core/physics/index';
import { loadGen0Source, toJsonSafe } from '../../core/loop/checkpoint';
import { ARM_NAMES, type ArmName, type CorrectionMode, gammaToJson, type LoopConfig, LoopConfigError, loopConfigToJson, makeLoopConfig } from '../../core/loop/config';
import { makeLoopDeps } from '../../core/loop/deps';
import { gen0Mismatches, LoopRunner } from '../../core/loop/runner';
import { seedFor } from '../../core/loop/seeds';
import type { Gen0Source, GenerationRecord, LoopProgress, MotionMetrics } from '../../core/loop/types';

interface EvaluatorInfo {
  kind: 'evaluator' | 'feature-space';
  file?: string;
  note: string;
  referenceClips: number;
  /** The same metrics for real training clips against the reference: the floor. */
  floor?: MotionMetrics;
}

/** Metric settings of a run, kept in DIR so that --resume measures the same way. */
interface MetricsSetup {
  evaluator?: string | null;
  featureMetrics: boolean;
  evalReference: number;
}
const METRICS_KEY = 'metrics-setup.json';

/** The flag of each LoopConfig field generation 0 depends on (runner.ts GEN0_FIELDS), for --gen0-from's errors. */
const GEN0_FLAGS: Record<string, string> = {
  n: '--n', dataSeed: '--data-seed', seed: '--seed', preset: '--preset', initialSteps: '--initial-steps', batchSize: '--batch',
  learningRate: '--lr', evalSamples: '--eval-samples', sampleSteps: '--sample-steps', guidance: '--guidance',
  multimodalityTexts: '--multimodality-texts', multimodalityRepeats: '--multimodality-repeats',
};

/** Generation 0 of the run in `dir` for --gen0-from, refused (UserError naming every differing setting) unless
 *  everything generation 0 depends on matches: the loop settings (GEN0_FIELDS), the metrics setup (evaluator,
 *  --feature-metrics, --eval-reference) and the backend. */
async function loadGen0From(dir: string, config: LoopConfig, metrics: MetricsSetup, backend: string): Promise<Gen0Source> {
  const where = `scsc experiment: --gen0-from ${dir}`;
  const src = new FileStore(dir);
  let gen0: Gen0Source | null;
  let srcMetrics: unknown;
  try {
    gen0 = await loadGen0Source(src);
    srcMetrics = await src.load(METRICS_KEY);
  } catch (e) {
    throw new UserError(`${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!gen0) throw new UserError(`${where}: no run there (no run.json)`);
  if (!srcMetrics || srcMetrics instanceof Uint8Array || typeof srcMetrics !== 'object') {
    throw new UserError(`${where}: no ${METRICS_KEY} there, so its generation-0 metrics cannot be matched`);
  }
  const sm = srcMetrics as unknown as MetricsSetup;
  const srcBackend = await readFile(path.join(dir, 'results.json'), 'utf8')
    .then((t) => (JSON.parse(t) as { backend?: unknown }).backend, () => undefined);
  const diff = gen0Mismatches(gen0.config, config).map((d) => `${d.field} (${GEN0_FLAGS[d.field]}) ${String(d.source)} there, ${String(d.config)} here`);
  const metricDiff: [string, unknown, unknown][] = [
    ['evaluator (--evaluator)', sm.evaluator ?? null, metrics.evaluator ?? null],
    ['featureMetrics (--feature-metrics)', Boolean(sm.featureMetrics), metrics.featureMetrics],
    ['evalReference (--eval-reference)', sm.evalReference, metrics.evalReference],
    ...(typeof srcBackend === 'string' ? [['backend (--backend)', srcBackend, backend] as [string, unknown, unknown]] : []),
  ];
  for (const [name, a, b] of metricDiff) if (a !== b) diff.push(`${name} ${String(a)} there, ${String(b)} here`);
  if (diff.length > 0) {
    throw new UserError(`${where}: its generation 0 was made with other settings: ${diff.join('; ')}. ` +
      'Pass the same values (see its run.json and metrics-setup.json), or leave out --gen0-from to train generation 0 here');
  }
  return gen0;
}

/** Write through a temporary file and rename, so an interrupted run never leaves a half-written result. */
async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

const METRIC_COLUMNS = ['fid', 'diversity', 'multimodality', 'matching', 'r1', 'r2', 'r3', 'accuracy', 'penetrate', 'float', 'skate', 'physErr', 'jitter', 'n'] as const;

function metricValue(m: MotionMetrics, k: (typeof METRIC_COLUMNS)[number]): number | null {
  if (k === 'r1') return m.rPrecision[0];
  if (k === 'r2') return m.rPrecision[1];
  if (k === 'r3') return m.rPrecision[2];
  return m[k];
}

const csvNum = (v: number | null): string => (v === null || Number.isNaN(v) ? '' : v === Infinity ? 'inf' : String(v));

/** One row per generation and arm: settings, every metric, drift, loss and timings. */
export function resultsCsv(history: readonly GenerationRecord[], arms: readonly ArmName[]): string {
  const head = ['generation', 'arm', 'lambda', 'gamma', 'synthetic', 'trainSynthetic', 'corrected', ...METRIC_COLUMNS, 'drift', 'loss', 'sampleMs', 'correctMs', 'trainMs', 'evalMs', 'totalMs'];
  const rows = [head.join(',')];
  for (const g of history) {
    for (const arm of arms) {
      const a = g.arms[arm];
      if (!a) continue;
      rows.push([
        g.generation, arm, csvNum(g.lambda), csvNum(g.gamma), a.synthetic, a.trainSynthetic, a.corrected,
        ...METRIC_COLUMNS.map((k) => csvNum(metricValue(a.metrics, k))),
        csvNum(a.drift), csvNum(a.loss),
        ...(['sampleMs', 'correctMs', 'trainMs', 'evalMs', 'totalMs'] as const).map((k) => a.timings[k].toFixed(1)),
      ].join(','));
    }
  }
  return rows.join('\n') + '\n';
}

const PLOTS: { file: string; title: string; y: string; value: (m: MotionMetrics) => number }[] = [
  { file: 'fid.svg', title: 'FID (lower is better)', y: 'FID', value: (m) => m.fid },
  { file: 'diversity.svg', title: 'Diversity', y: 'Diversity', value: (m) => m.diversity },
  { file: 'r-precision.svg', title: 'R-precision top-3 (higher is better)', y: 'R-precision top-3', value: (m) => m.rPrecision[2] },
  { file: 'phys-err.svg', title: 'Phys-Err = Penetrate + Float + Skate (lower is better)', y: 'Phys-Err (mm)', value: (m) => m.physErr },
];

function plotFiles(history: readonly GenerationRecord[], config: LoopConfig, evaluator: EvaluatorInfo): Record<string, string> {
  const markers = history.flatMap((g) => g.changes.map((c) => ({
    x: g.generation, label: `${c.field === 'lambda' ? 'λ' : 'γ'} ${fmtG(c.from)}→${fmtG(c.to)}`,
  })));
  const series = (value: (g: GenerationRecord, arm: ArmName) => number): PlotSeries[] =>
    config.arms.map((arm) => ({ name: arm, color: ARM_COLORS[arm], points: history.map((g) => [g.generation, value(g, arm)] as [number, number]) }));
  const sub = `n = ${config.n}, λ = ${fmtG(config.lambda)}, γ = ${fmtG(config.gamma)}, K = ${config.steps}, ${config.preset}` +
    (evaluator.kind === 'feature-space' ? ', feature-space metrics' : '');
  const out: Record<string, string> = {};
  for (const p of PLOTS) {
    out[p.file] = lineChartSvg({
      title: p.title, subtitle: sub, xLabel: 'generation', yLabel: p.y, markers,
      series: series((g, arm) => {
        const a = g.arms[arm];
        return a ? p.value(a.metrics) : NaN;
      }),
    });
  }
  out['drift.svg'] = lineChartSvg({
    title: 'Parameter drift ‖θ_t − θ_0‖', subtitle: sub, xLabel: 'generation', yLabel: '‖θ_t − θ_0‖', markers,
    series: series((g, arm) => g.arms[arm]?.drift ?? NaN),
  });
  return out;
}

const fmtG = (v: number): string => (v === Infinity ? '∞' : String(v));

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** A progress bar on stderr: redrawn in place on a terminal; otherwise a line per arm-generation and per 5 %. */
function progressBar(io: CliIO, tty: boolean): { update(p: LoopProgress): void; line(text: string): void } {
  const t0 = performance.now();
  let last = '';
  let lastDraw = 0;
  let lastStep = 0;
  return {
    update(p) {
      const width = 28;
      const filled = Math.round(p.fraction * width);
      const elapsed = (performance.now() - t0) / 1000;
      const eta = p.fraction > 0.01 ? (elapsed / p.fraction) * (1 - p.fraction) : NaN;
      const what = `g${p.generation} ${p.arm ?? 'all arms'} ${p.phase}`;
      const text = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(p.fraction * 100).toFixed(0).padStart(3)}%  ${what}` +
        (Number.isFinite(eta) ? `  ETA ${fmtTime(eta)}` : '');
      if (tty) {
        const now = performance.now();
        if (now - lastDraw > 100 || what !== last) io.err(`\r\x1b[2K${text}`);
        lastDraw = now;
      } else if ((what !== last && (p.phase === 'evaluating' || p.phase === 'setup')) || Math.floor(p.fraction * 20) > lastStep) {
        io.err(`${text}\n`); // not a terminal: a line per arm-generation and per 5 % of the run
      }
      lastStep = Math.max(lastStep, Math.floor(p.fraction * 20));
      last = what;
    },
    line(text) {
      io.err(tty ? `\r\x1b[2K${text}\n` : `${text}\n`);
    },
  };
}

function fmtTime(s: number): string {
  if (s < 90) return `${s.toFixed(0)}s`;
  if (s < 5400) return `${(s / 60).toFixed(1)}m`;
  return `${(s / 3600).toFixed(1)}h`;
}

function parseArms(v: string): ArmName[] {
  const arms = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of arms) {
    if (!(ARM_NAMES as readonly string[]).includes(a)) throw new UserError(`scsc experiment: --arms: unknown arm "${a}" (arms: ${ARM_NAMES.join(', ')})`);
  }
  if (arms.length === 0) throw new UserError('scsc experiment: --arms lists no arm');
  return arms as ArmName[];
}

export const experimentCommand: Command = {
  spec: {
    name: 'experiment',
    summary: 'run the self-consuming loop (all arms from one generation 0); results.json/csv, SVG plots, checkpoints',
    usage: '--out DIR [--n 64] [--lambda 0.5] [--gamma inf] [--generations 50] [--steps K] [--preset tiny] [--seed S] [--arms a,b] [--gen0-from RUN] [--resume [--extend-to G]]',
    flags: {
      out: { type: 'string', description: 'folder for results, plots and checkpoints', required: true },
      n: { type: 'int', description: 'real clips (embedded data set, train split)', default: 64, min: 2, max: 100000 },
      lambda: { type: 'number', description: 'synthetic clips per generation = ⌊λ·n⌋', default: 0.5, min: 0, max: 100 },
      gamma: { type: 'number', description: 'correction strength γ (inf: correct every sample)', default: Infinity, min: 0 },
      generations: { type: 'int', description: 'generations after generation 0', default: 50, min: 0, max: 100000 },
      steps: { type: 'int', description: 'fine-tuning steps K per generation (fresh Adam)', default: 200, min: 0 },
      'initial-steps': { type: 'int', description: 'training steps of generation 0 (default 10·K, at least 200)', min: 0 },
      preset: { type: 'string', description: 'model size', default: 'tiny', choices: PRESET_NAMES },
      seed: { type: 'int', description: 'seed of the run (initialisation, sampling, batches, correction draws)', default: 0, min: 0, max: 4294967295 },
      'data-seed': { type: 'int', description: 'seed of the embedded real data set', default: 0, min: 0, max: 4294967295 },
      arms: { type: 'string', description: 'comma-separated arms', default: 'baseline,self-consuming,self-correcting' },
      mode: { type: 'string', description: 'physics correction mode', default: 'mixture', choices: ['mixture', 'blend'] },
      'root-integral': { type: 'number', description: 'integral gain (1/s) of the corrector\'s pelvis support; 0: PD only (leans and sags; see docs/results.md)', default: 5, min: 0, max: 100 },
      accumulate: { type: 'boolean', description: 'keep earlier generations\' synthetic clips (default: replace)', default: false },
      'eval-samples': { type: 'int', description: 'clips generated per arm and generation for the metrics', default: 64, min: 2 },
      'eval-reference': { type: 'int', description: 'real test clips the metrics compare against', default: 256, min: 2, max: 512 },
      'sample-steps': { type: 'int', description: 'sampler steps (synthetic data and evaluation)', default: 20, min: 1, max: 1000 },
      guidance: { type: 'number', description: 'classifier-free guidance scale (1: conditional only; higher flattened jumps, see src/core/diffusion/README.md)', default: 1, min: 0 },
      batch: { type: 'int', description: 'batch size', default: 32, min: 1, max: 4096 },
      lr: { type: 'number', description: 'Adam learning rate', default: 1e-3, min: 0 },
      'multimodality-texts': { type: 'int', description: 'captions sampled repeatedly for Multimodality (0: skip)', default: 4, min: 0, max: 10000 },
      'multimodality-repeats': { type: 'int', description: 'samples per caption for Multimodality', default: 5, min: 2, max: 1000 },
      'viewer-samples': { type: 'int', description: 'synthetic clips per arm kept (before/after) in DIR/samples', default: 4, min: 0 },
      evaluator: { type: 'string', description: `evaluator weights (default ${path.relative(process.cwd(), SHIPPED_EVALUATOR_PATH) || SHIPPED_EVALUATOR_PATH}; missing: feature-space metrics)` },
      'feature-metrics': { type: 'boolean', description: 'use the feature-space stand-in metrics even if an evaluator exists', default: false },
      'gen0-from': { type: 'string', description: 'start from the generation 0 of the run in this folder instead of training it (every setting generation 0 depends on must match; λ, γ, arms, mode, accumulate, generations, steps may differ); ignored when resuming' },
      resume: { type: 'boolean', description: 'continue the run checkpointed in DIR with its stored settings', default: false },
      'extend-to': { type: 'int', description: 'with --resume: raise the run\'s generations to G (a finished run goes on)', min: 1, max: 100000 },
      backend: { type: 'string', description: 'tfjs backend', default: 'wasm', choices: ['wasm', 'cpu'] },
    },
  },
  async run(args, io) {
    const f = args.flags;
    const out = f.out as string;
    const store = new FileStore(out);
    const tty = Boolean(process.stderr.isTTY) && !process.env.CI;
    const bar = progressBar(io, tty);

    // ---- settings: stored ones when resuming, else the flags ----
    const stored = await store.load('run.json').catch((e: unknown) => {
      throw new UserError(`scsc experiment: ${e instanceof Error ? e.message : String(e)}`);
    });
    if (f['extend-to'] !== undefined && (!f.resume || stored === undefined)) {
      throw new UserError(`scsc experiment: --extend-to continues a saved run: pass --resume, with --out naming a folder that holds one`);
    }
    if (stored !== undefined && !f.resume) {
      throw new UserError(`scsc experiment: ${out} already holds a run; pass --resume to continue it, or choose another --out`);
    }
    let config: LoopConfig;
    try {
      const steps = f.steps as number;
      config = makeLoopConfig({
        n: f.n as number, lambda: f.lambda as number, gamma: f.gamma as number, generations: f.generations as number,
        steps, initialSteps: (f['initial-steps'] as number | undefined) ?? Math.max(200, 10 * steps),
        preset: f.preset as PresetName, seed: f.seed as number, dataSeed: f['data-seed'] as number,
        arms: parseArms(f.arms as string), mode: f.mode as CorrectionMode, accumulate: Boolean(f.accumulate), rootIntegral: f['root-integral'] as number,
        batchSize: f.batch as number, learningRate: f.lr as number, sampleSteps: f['sample-steps'] as number,
        guidance: f.guidance as number, evalSamples: f['eval-samples'] as number,
        multimodalityTexts: f['multimodality-texts'] as number, multimodalityRepeats: f['multimodality-repeats'] as number, viewerSamples: f['viewer-samples'] as number,
      });
    } catch (e) {
      if (e instanceof LoopConfigError) throw new UserError(`scsc experiment: ${e.message}`);
      throw e;
    }

    const backend = await selectNodeBackend(f.backend as 'wasm' | 'cpu');
    bar.line(`backend ${backend.reason}`);

    // ---- metrics: the shipped evaluator, or the labelled feature-space stand-in; a resumed run keeps its own ----
    let metricsSetup: MetricsSetup = {
      evaluator: f.evaluator as string | undefined, featureMetrics: Boolean(f['feature-metrics']), evalReference: f['eval-reference'] as number,
    };

    // ---- generation 0 of another run (--gen0-from), checked before anything is written into --out ----
    const gen0Dir = f['gen0-from'] as string | undefined;
    let gen0: Gen0Source | null = null;
    if (gen0Dir !== undefined && stored !== undefined) {
      bar.line(`notice: --gen0-from ignored: ${out} holds a run, which resumes with its own generation 0`);
    } else if (gen0Dir !== undefined) {
      if (path.resolve(gen0Dir) === path.resolve(out)) throw new UserError('scsc experiment: --gen0-from must name another run\'s folder than --out');
      gen0 = await loadGen0From(gen0Dir, config, metricsSetup, backend.name);
    }
    await mkdir(out, { recursive: true });
    if (stored !== undefined) {
      const saved = await store.load(METRICS_KEY);
      if (saved && !(saved instanceof Uint8Array)) metricsSetup = saved as unknown as MetricsSetup;
    } else {
      await store.save(METRICS_KEY, { ...metricsSetup, evaluator: metricsSetup.evaluator ?? null });
    }
    const reference: Clip[] = generateTestSplit(metricsSetup.evalReference);
    let ev: Evaluator | null = null;
    let info: EvaluatorInfo;
    const file = metricsSetup.evaluator ?? SHIPPED_EVALUATOR_PATH;
    if (!metricsSetup.featureMetrics && (metricsSetup.evaluator || (await exists(file)))) {
      ev = await loadEvaluatorFile(file);
      info = { kind: 'evaluator', file, referenceClips: reference.length, note: 'FID, Diversity, Matching and R-precision on the trained evaluator\'s embeddings; physics metrics kinematic (mm)' };
    } else {
      info = {
        kind: 'feature-space', referenceClips: reference.length,
        note: metricsSetup.featureMetrics
          ? 'stand-in metrics (--feature-metrics): FID/Diversity on per-clip feature mean+std (272-d, normalised by the reference), accuracy by nearest label centroid; Matching and R-precision not computed (null)'
          : `no evaluator at ${file}: stand-in metrics, FID/Diversity on per-clip feature mean+std (272-d, normalised by the reference), accuracy by nearest label centroid; Matching and R-precision not computed (null)`,
      };
      bar.line(`notice: ${info.note}`);
    }
    if (config.arms.includes('self-correcting')) await initPhysics();
    // the same evaluate/correct functions as the app's loop worker; `config` is the stored one once resumed
    const deps = makeLoopDeps({ config: () => config, reference, evaluator: () => ev, store, onProgress: (p: LoopProgress) => bar.update(p) });
    const t0 = performance.now();
    let runner: LoopRunner | null = null;
    try {
      if (stored !== undefined) {
        runner = await LoopRunner.resume(deps);
        if (!runner) throw new Error('the stored run vanished');
        const extendTo = f['extend-to'] as number | undefined;
        if (extendTo !== undefined) runner.extendTo(extendTo);
        config = runner.config;
        bar.line(`resuming ${out} after generation ${runner.generation} of ${config.generations}`);
      } else {
        if (f.resume) bar.line(`notice: ${out} holds no run yet; starting one`);
        if (gen0) {
          bar.line(`generation 0 from ${gen0Dir} (trained there, not here)`);
          runner = await LoopRunner.startFromGen0(config, deps, gen0);
        } else {
          runner = await LoopRunner.start(config, { ...deps, real: generateDataset({ n: config.n, seed: config.dataSeed }) });
        }
      }
    } catch (e) {
      ev?.dispose();
      if (e instanceof LoopConfigError) throw new UserError(`scsc experiment: ${e.message}`);
      throw e;
    }
    const r = runner;
    try {
      info.floor = await deps.measure(generateDataset({ n: Math.max(config.n, 2), seed: config.dataSeed }), seedFor(config.seed, 'floor'));
      const write = async (): Promise<void> => {
        const results = {
          format: 'scsc-experiment/1',
          config: loopConfigToJson(config),
          backend: backend.name,
          evaluator: info,
          status: { completedGeneration: r.generation, generations: config.generations, done: r.done, next: { lambda: r.next.lambda, gamma: gammaToJson(r.next.gamma) } },
          generations: r.history,
        };
        await writeAtomic(path.join(out, 'results.json'), JSON.stringify(toJsonSafe(results), null, 1) + '\n');
        await writeAtomic(path.join(out, 'results.csv'), resultsCsv(r.history, config.arms));
        for (const [name, svg] of Object.entries(plotFiles(r.history, config, info))) await writeAtomic(path.join(out, name), svg);
      };
      const summarize = (g: GenerationRecord): string =>
        `generation ${g.generation}/${config.generations} (${(g.ms / 1000).toFixed(1)} s): ` + config.arms.map((arm) => {
          const a = g.arms[arm];
          return a ? `${arm} FID ${a.metrics.fid.toFixed(2)} PhysErr ${a.metrics.physErr.toFixed(1)}` : arm;
        }).join(' | ');
      if (stored === undefined) bar.line(summarize(r.history[0]));
      await write();
      r.on((e) => bar.line(summarize(e.record)));
      while (!r.done) {
        await r.step();
        await write();
      }
      const last = r.history[r.history.length - 1];
      const summary = {
        out, generations: r.generation, arms: config.arms, evaluator: info.kind, seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
        files: ['results.json', 'results.csv', ...PLOTS.map((p) => p.file), 'drift.svg'],
        final: Object.fromEntries(config.arms.map((arm) => [arm, last.arms[arm]?.metrics])),
      };
      io.out((f.json ? JSON.stringify(toJsonSafe(summary)) : `wrote ${summary.files.map((x) => path.join(out, x)).join(', ')} (${summary.seconds} s)`) + '\n');
    } finally {
      await r.close();
      ev?.dispose();
    }
  },
};
