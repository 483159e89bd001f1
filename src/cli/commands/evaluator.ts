// `scsc evaluator`: `--train` regenerates the shipped evaluator weights from a seed (real training clips only) and
// writes OUT/evaluator.bin; `--check` evaluates a weights file (default the shipped one). Both print, as JSON, the
// label accuracy and R-precision on the held-out test split and the floor metrics (real train vs real test).

import path from 'node:path';
import { UserError } from '../args';
import type { Command } from '../command';
import { loadEvaluatorFile, saveEvaluatorFile, SHIPPED_EVALUATOR_PATH } from '../evaluatorFile';
import { selectNodeBackend } from '../../core/diffusion/backendNode';
import { evaluateMotions, type MotionMetrics, realFloor } from '../../core/eval/motionMetrics';
import type { TfEvaluator } from '../../core/eval/evaluator';
import { trainEvaluator } from '../../core/eval/evaluatorTrain';
import { generateDataset, generateTestSplit } from '../../core/motion/dataset/index';

/** What the evaluator must reach on the held-out test split (checked by --check and the unit tests). */
export const EVALUATOR_TARGETS = { accuracy: 0.95, rPrecisionTop3: 0.8 } as const;

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

function rounded(m: MotionMetrics): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) o[k] = typeof v === 'number' ? r4(v) : Array.isArray(v) ? v.map(r4) : v;
  return o;
}

export interface EvaluatorReport {
  testClips: number;
  accuracy: number;
  rPrecision: number[];
  matching: number;
  floorFid: number;
  floor: Record<string, unknown>;
  pass: { accuracy: boolean; rPrecisionTop3: boolean };
}

/** Accuracy / R-precision / matching on the test split and the real-train vs real-test floor. */
export async function evaluatorReport(ev: TfEvaluator, opts: { testN: number; floorN: number; floorSeed: number; seed: number }): Promise<EvaluatorReport> {
  const test = generateTestSplit(opts.testN);
  const self = await evaluateMotions(ev, test, test, { seed: opts.seed });
  const floor = await realFloor(ev, generateDataset({ n: opts.floorN, seed: opts.floorSeed }), test, opts.seed);
  return {
    testClips: test.length,
    accuracy: r4(self.accuracy),
    rPrecision: self.rPrecision.map(r4),
    matching: r4(self.matching),
    floorFid: r4(floor.fid),
    floor: { trainClips: opts.floorN, trainSeed: opts.floorSeed, ...rounded(floor) },
    pass: { accuracy: self.accuracy >= EVALUATOR_TARGETS.accuracy, rPrecisionTop3: self.rPrecision[2] >= EVALUATOR_TARGETS.rPrecisionTop3 },
  };
}

export const evaluatorCommand: Command = {
  spec: {
    name: 'evaluator',
    summary: 'train (--train) or check (--check) the motion/text evaluator behind FID, R-precision and accuracy',
    usage: '--train [--seed 1] [--n 2048] [--epochs 12] [--out public/evaluator/] | --check [--file public/evaluator/evaluator.bin]',
    flags: {
      train: { type: 'boolean', description: 'train from the seed on real clips and write OUT/evaluator.bin', default: false },
      check: { type: 'boolean', description: 'evaluate a weights file (default: the shipped one)', default: false },
      seed: { type: 'int', description: 'seed of the training clips, initialisation and batch order', default: 1, min: 0, max: 4294967295 },
      n: { type: 'int', description: 'real training clips (embedded dataset, train split)', default: 2048, min: 24, max: 100000 },
      epochs: { type: 'int', description: 'passes over the training clips', default: 12, min: 1, max: 10000 },
      batch: { type: 'int', description: 'clips per training step', default: 128, min: 2, max: 4096 },
      out: { type: 'string', description: 'folder to write evaluator.bin into (with --train)', default: 'public/evaluator/' },
      file: { type: 'string', description: 'weights file to check (with --check)' },
      'test-n': { type: 'int', description: 'held-out test clips to measure on', default: 512, min: 32, max: 100000 },
      'floor-n': { type: 'int', description: 'real training clips of the floor (real train vs real test)', default: 512, min: 2, max: 100000 },
      'floor-seed': { type: 'int', description: 'dataset seed of the floor training clips', default: 0, min: 0, max: 4294967295 },
      backend: { type: 'string', description: 'tfjs backend', default: 'wasm', choices: ['wasm', 'cpu'] },
    },
  },
  async run(args, io) {
    const f = args.flags;
    if (f.train === f.check) throw new UserError('scsc evaluator: give exactly one of --train or --check');
    const backend = await selectNodeBackend(f.backend as 'wasm' | 'cpu');
    io.err(`backend ${backend.reason}\n`);
    const measure = { testN: f['test-n'] as number, floorN: f['floor-n'] as number, floorSeed: f['floor-seed'] as number, seed: 0 };
    const summary: Record<string, unknown> = { backend: backend.name };
    let ev: TfEvaluator;
    if (f.train) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      let last = 0;
      ev = await trainEvaluator({
        seed: f.seed as number,
        nTrain: f.n as number,
        epochs: f.epochs as number,
        batchSize: f.batch as number,
        onProgress: ({ step, loss }) => {
          if (performance.now() - last > 5000) {
            last = performance.now();
            io.err(`step ${step}  loss ${loss.toFixed(4)}  ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
          }
        },
      });
      const cpu = process.cpuUsage(cpu0);
      summary.trainSeconds = r4((performance.now() - t0) / 1000);
      summary.trainCpuSeconds = r4((cpu.user + cpu.system) / 1e6);
      const saved = await saveEvaluatorFile(ev, f.out as string);
      summary.file = saved.file;
      summary.bytes = saved.bytes;
    } else {
      const file = typeof f.file === 'string' ? f.file : SHIPPED_EVALUATOR_PATH;
      ev = await loadEvaluatorFile(file);
      summary.file = path.relative(process.cwd(), file) || file;
    }
    try {
      summary.training = ev.training;
      io.err(`measuring on ${measure.testN} test clips and the floor (${measure.floorN} train clips)…\n`);
      Object.assign(summary, await evaluatorReport(ev, measure));
    } finally {
      ev.dispose();
    }
    io.out(JSON.stringify(summary, null, f.json ? undefined : 2) + '\n');
  },
};
