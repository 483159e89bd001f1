// `scsc reproduce` (npm run reproduce): the paper's protocol on the embedded data. Runs every
// `scsc experiment` of the grid (src/cli/reproduce/grid.ts) into --out, skipping finished runs and resuming
// interrupted ones, then writes the report (docs/results.md and its SVG plots; src/cli/reproduce/report.ts).
// `--quick` runs a small grid in minutes and writes docs/results-quick.md instead.
//
// Generation 0 is the same for every run of a seed, so it is trained once per seed: a generation-0-only run into
// --out/gen0-s{seed} goes first (skipped when it is done already, or when no run of that seed still has to start),
// and every run of that seed, the baseline included, starts from it with `scsc experiment --gen0-from`. With
// --jobs > 1 a run waits only for its own seed's generation 0; runs being resumed do not wait at all.

import { spawn } from 'node:child_process';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../args';
import type { CliIO, Command } from '../command';
import { runCli } from '../main';
import { FULL_GRID, type GridSettings, planGen0, planGrid, QUICK_GRID } from '../reproduce/grid';
import { type ExperimentResults, reportMarkdown } from '../reproduce/report';
import { PRESET_NAMES, type PresetName } from '../../core/diffusion/presets';

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`scsc reproduce: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

function parseList(name: string, v: string): number[] {
  const xs = v.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (xs.length === 0 || xs.some((x) => !Number.isFinite(x) || x < 0)) throw new UserError(`scsc reproduce: --${name} must be a comma-separated list of numbers ≥ 0, got "${v}"`);
  return xs;
}

/** One `scsc experiment` to run: a planned run of the grid or a seed's generation-0 run. */
interface Task {
  name: string;
  /** Flags without --out and --resume. */
  flags: string[];
  seed: number;
  resume: boolean;
  /** A generation-0 run (the seed's other runs wait for it). */
  gen0: boolean;
}

/** Run one planned experiment: in this process (jobs = 1) or as a child `scsc experiment` process. */
async function runOne(plan: { name: string; flags: string[] }, dir: string, resume: boolean, inProcess: boolean, io: CliIO): Promise<void> {
  const argv = ['experiment', '--out', dir, ...plan.flags, ...(resume ? ['--resume'] : [])];
  if (inProcess) {
    const prefix = (t: string): string => t.split('\n').map((l) => (l ? `[${plan.name}] ${l}` : l)).join('\n');
    const code = await runCli(argv, { out: (t) => io.err(prefix(t)), err: (t) => io.err(prefix(t.replace(/\r\x1b\[2K/g, ''))) });
    if (code !== 0) throw new Error(`run ${plan.name} failed (exit ${code})`);
    return;
  }
  const script = process.argv[1];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, ...argv], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
    const relay = (buf: Buffer): void => io.err(buf.toString().split('\n').map((l) => (l ? `[${plan.name}] ${l}` : l)).join('\n'));
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`run ${plan.name} failed (exit ${code})`))));
  });
}

export const reproduceCommand: Command = {
  spec: {
    name: 'reproduce',
    summary: 'the paper\'s protocol: every experiment of the grid, then docs/results.md with tables and plots',
    usage: '[--quick] [--out DIR] [--doc FILE] [--jobs N] [--report-only] [--lambdas 0.25,0.5,1] [--seeds 3] [--generations 50] [--steps K]',
    flags: {
      quick: { type: 'boolean', description: 'the small grid (minutes): 1 seed, λ 0.5 and 1, 4 generations; writes docs/results-quick.md', default: false },
      out: { type: 'string', description: 'folder for the runs (default runs/reproduce, or runs/reproduce-quick)' },
      doc: { type: 'string', description: 'report file (default docs/results.md, or docs/results-quick.md); plots go to a folder of the same name' },
      jobs: { type: 'int', description: 'experiments run at once (child processes when > 1)', default: 1, min: 1, max: 64 },
      'report-only': { type: 'boolean', description: 'do not run anything; rebuild the report from the runs there are', default: false },
      lambdas: { type: 'string', description: 'override the grid\'s λ values (comma-separated)' },
      seeds: { type: 'int', description: 'override the number of seeds', min: 1, max: 100 },
      generations: { type: 'int', description: 'override the number of generations', min: 1, max: 100000 },
      steps: { type: 'int', description: 'override K, the fine-tuning steps per generation', min: 1 },
      'initial-steps': { type: 'int', description: 'override the generation-0 training steps', min: 1 },
      'eval-samples': { type: 'int', description: 'override the evaluation samples per arm and generation', min: 2 },
      preset: { type: 'string', description: 'override the model preset', choices: PRESET_NAMES },
    },
  },
  async run(args, io) {
    const f = args.flags;
    const quick = Boolean(f.quick);
    const base = quick ? QUICK_GRID : FULL_GRID;
    const grid: GridSettings = {
      ...base,
      lambdas: f.lambdas !== undefined ? parseList('lambdas', f.lambdas as string) : [...base.lambdas],
      seeds: (f.seeds as number | undefined) ?? base.seeds,
      generations: (f.generations as number | undefined) ?? base.generations,
      steps: (f.steps as number | undefined) ?? base.steps,
      initialSteps: (f['initial-steps'] as number | undefined) ?? base.initialSteps,
      evalSamples: (f['eval-samples'] as number | undefined) ?? base.evalSamples,
      preset: (f.preset as PresetName | undefined) ?? base.preset,
      tableGenerations: [...base.tableGenerations],
    };
    if (f.generations !== undefined) {
      const g = grid.generations;
      grid.tableGenerations = [...new Set([0, Math.round(g / 5), Math.round(g / 2), g])].sort((a, b) => a - b);
    }
    const out = (f.out as string | undefined) ?? (quick ? 'runs/reproduce-quick' : 'runs/reproduce');
    const doc = (f.doc as string | undefined) ?? (quick ? 'docs/results-quick.md' : 'docs/results.md');
    const plotDir = doc.replace(/\.md$/, '');
    const plans = planGrid(grid);
    await mkdir(out, { recursive: true });

    if (!f['report-only']) {
      // Finished runs are skipped and interrupted ones resumed, so an interrupted reproduce picks up where it stopped.
      const todo: Task[] = [];
      for (const plan of plans) {
        const dir = path.join(out, plan.name);
        const res = (await readJson(path.join(dir, 'results.json'))) as ExperimentResults | undefined;
        if (res?.status?.done) {
          io.err(`[${plan.name}] done already, skipped\n`);
          continue;
        }
        todo.push({
          name: plan.name, flags: [...plan.flags, '--gen0-from', path.join(out, plan.gen0)], seed: plan.seed,
          resume: await exists(path.join(dir, 'run.json')), gen0: false,
        });
      }
      // Generation 0, once per seed, where a run of the seed still has to start from it (a resumed run has its own).
      const gen0Todo: Task[] = [];
      for (const g0 of planGen0(grid)) {
        if (!todo.some((t) => t.seed === g0.seed && !t.resume)) continue;
        const dir = path.join(out, g0.name);
        const res = (await readJson(path.join(dir, 'results.json'))) as ExperimentResults | undefined;
        if (res?.status?.done) {
          io.err(`[${g0.name}] generation 0 trained already, reused\n`);
          continue;
        }
        gen0Todo.push({ name: g0.name, flags: g0.flags, seed: g0.seed, resume: await exists(path.join(dir, 'run.json')), gen0: true });
      }
      const jobs = f.jobs as number;
      io.err(`scsc reproduce: ${todo.length} of ${plans.length} runs to do` +
        (gen0Todo.length > 0 ? ` after training generation 0 once for ${gen0Todo.length === 1 ? 'seed' : 'seeds'} ${gen0Todo.map((t) => t.seed).join(', ')}` : '') +
        `, ${jobs} at a time, into ${out}\n`);
      // A seed's runs wait for its generation-0 run; those come first in the queue, so a waiting worker never
      // waits for a run no worker has started.
      const ready = new Map<number, { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void }>();
      for (const t of gen0Todo) {
        let resolve = (): void => undefined;
        let reject = (_e: unknown): void => undefined;
        const promise = new Promise<void>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        promise.catch(() => undefined); // reported by the generation-0 run itself
        ready.set(t.seed, { promise, resolve, reject });
      }
      const queue = [...gen0Todo, ...todo];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < queue.length) {
          const t = queue[next++];
          if (!t.gen0 && !t.resume) await ready.get(t.seed)?.promise;
          try {
            await runOne(t, path.join(out, t.name), t.resume, jobs === 1, io);
          } catch (e) {
            if (t.gen0) ready.get(t.seed)?.reject(e);
            throw e;
          }
          if (t.gen0) ready.get(t.seed)?.resolve();
        }
      };
      await Promise.all(Array.from({ length: Math.min(jobs, Math.max(1, queue.length)) }, worker));
    }

    const results = new Map<string, ExperimentResults>();
    for (const plan of plans) {
      const res = (await readJson(path.join(out, plan.name, 'results.json'))) as ExperimentResults | undefined;
      if (res) results.set(plan.name, res);
    }
    if (results.size === 0) throw new UserError(`scsc reproduce: no results in ${out} yet (run without --report-only)`);
    const existing = await readFile(doc, 'utf8').catch(() => null);
    const command = `npm run reproduce${quick ? ' -- --quick' : ''}`;
    const { markdown, plots } = reportMarkdown({
      grid, quick, plans, results, plotDir: path.basename(plotDir), command, date: new Date().toISOString().slice(0, 10), existing,
    });
    await mkdir(plotDir, { recursive: true });
    for (const [name, svg] of Object.entries(plots)) await writeAtomic(path.join(plotDir, name), svg);
    await mkdir(path.dirname(doc) || '.', { recursive: true });
    await writeAtomic(doc, markdown);
    const summary = { doc, plots: Object.keys(plots).length, runs: plans.length, complete: [...results.values()].filter((r) => r.status?.done).length };
    io.out((f.json ? JSON.stringify(summary) : `wrote ${doc} and ${summary.plots} plots in ${plotDir}/ (${summary.complete} of ${summary.runs} runs complete)`) + '\n');
  },
};
