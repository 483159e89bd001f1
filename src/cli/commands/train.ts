// `scsc train`: trains the motion diffusion model on the embedded dataset in Node (wasm backend), prints
// progress on stderr and a JSON/text summary (parameter count, steps/s, losses), optionally saves a checkpoint
// and runs the walk-vs-jump quality check (src/core/diffusion/walkJump.ts).

import { writeFile } from 'node:fs/promises';
import { UserError } from '../args';
import type { Command } from '../command';
import { selectNodeBackend } from '../../core/diffusion/backendNode';
import { saveWeights } from '../../core/diffusion/checkpoint';
import { createModel, disposeModel, paramCountOf } from '../../core/diffusion/denoiser';
import { datasetSetup, poolFromClips } from '../../core/diffusion/pools';
import { PRESET_NAMES, type PresetName, type TextPooling } from '../../core/diffusion/presets';
import { Trainer } from '../../core/diffusion/trainer';
import { walkJumpCheck } from '../../core/diffusion/walkJump';
import { generateDataset } from '../../core/motion/dataset/index';

export const trainCommand: Command = {
  spec: {
    name: 'train',
    summary: 'train the motion diffusion model on the embedded dataset (wasm), optionally check walk vs jump',
    usage: '[--preset tiny|small|base] [--n 256] [--steps N] [--minutes M] [--schedule cosine|constant] [--out model.ckpt] [--eval]',
    flags: {
      preset: { type: 'string', description: 'model size', default: 'small', choices: PRESET_NAMES },
      n: { type: 'int', description: 'real clips (embedded dataset, train split)', default: 256, min: 1, max: 100000 },
      seed: { type: 'int', description: 'seed of dataset, initialisation and training', default: 0, min: 0, max: 4294967295 },
      steps: { type: 'int', description: 'training steps (0: until --minutes runs out)', default: 0, min: 0 },
      minutes: { type: 'number', description: 'wall-clock budget for training', default: 10, min: 0 },
      batch: { type: 'int', description: 'batch size', default: 32, min: 1, max: 4096 },
      lr: { type: 'number', description: 'Adam (peak) learning rate', default: 1e-3, min: 0 },
      schedule: { type: 'string', description: 'learning rate: constant, or cosine (warm-up, then cosine decay to --lr-final·lr at --steps; needs --steps)', default: 'constant', choices: ['constant', 'cosine'] },
      warmup: { type: 'int', description: 'warm-up steps of the cosine schedule', default: 20, min: 0 },
      'lr-final': { type: 'number', description: 'final learning rate of the cosine schedule, as a fraction of --lr', default: 0.1, min: 0, max: 1 },
      'root-weight': { type: 'number', description: 'loss weight of the 4 root features (height, planar velocity, yaw rate) against the joint rotations; 1 = plain MSE', default: 1, min: 0.01, max: 1000 },
      'velocity-weight': { type: 'number', description: 'weight of MDM\'s velocity loss (frame-to-frame differences of x0); 0 = off', default: 0, min: 0, max: 1000 },
      ema: { type: 'number', description: 'decay of a moving average of the weights, used for the checkpoint and --eval (0 = off, the last weights)', default: 0, min: 0, max: 0.9999 },
      pooling: { type: 'string', description: 'caption pooling (ablation): mean or weighted (learned per-word scores)', default: 'mean', choices: ['mean', 'weighted'] },
      'cond-frames': { type: 'boolean', description: 'ablation: also add the condition to every frame token (default: MDM\'s prepended token only)', default: false },
      out: { type: 'string', description: 'write the checkpoint here (.ckpt)' },
      eval: { type: 'boolean', description: 'after training, sample 64 walk + 64 jump and score them', default: false },
      'eval-n': { type: 'int', description: 'samples per class for --eval', default: 64, min: 1 },
      'sample-steps': { type: 'int', description: 'sampling steps for --eval', default: 50, min: 1, max: 1000 },
      guidance: { type: 'number', description: 'classifier-free guidance scale for --eval (1: conditional only)', default: 1, min: 0 },
      backend: { type: 'string', description: 'tfjs backend', default: 'wasm', choices: ['wasm', 'cpu'] },
    },
  },
  async run(args, io) {
    const f = args.flags;
    const steps = f.steps as number;
    const minutes = f.minutes as number;
    if (steps === 0 && !(minutes > 0)) throw new UserError('scsc train: give --steps N or a positive --minutes budget');
    // the cosine schedule decays towards a known last step
    const cosine = f.schedule === 'cosine';
    if (cosine && steps === 0) throw new UserError('scsc train: --schedule cosine needs --steps N');
    const backend = await selectNodeBackend(f.backend as 'wasm' | 'cpu');
    io.err(`backend ${backend.reason}\n`);
    const t0 = performance.now();
    const clips = generateDataset({ n: f.n as number, seed: f.seed as number });
    const { vocab, stats } = datasetSetup(clips);
    const model = createModel(f.preset as PresetName, vocab, f.seed as number, {
      stats, conditioning: { textPooling: f.pooling as TextPooling, condToFrames: f['cond-frames'] as boolean },
    });
    const pool = poolFromClips(model, clips, { name: 'real' });
    io.err(`preset ${model.preset}: ${paramCountOf(model)} parameters, vocabulary ${vocab.words.length} words, ${clips.length} clips\n`);
    const trainer = new Trainer(model, {
      seed: (f.seed as number) + 1, batchSize: f.batch as number, learningRate: f.lr as number,
      rootWeight: f['root-weight'] as number, velocityWeight: f['velocity-weight'] as number, emaDecay: f.ema as number,
      lrSchedule: cosine ? { warmup: f.warmup as number, total: steps, final: f['lr-final'] as number } : undefined,
    });
    const deadline = performance.now() + minutes * 60_000;
    const losses: number[] = [];
    const tTrain = performance.now();
    const cpu0 = process.cpuUsage();
    const chunk = 25;
    let done = 0;
    while (steps === 0 || done < steps) {
      if (minutes > 0 && performance.now() >= deadline) break;
      const n = steps === 0 ? chunk : Math.min(chunk, steps - done);
      const r = await trainer.train({ pools: [pool] }, n, { progressEvery: n });
      losses.push(...r.losses);
      done += r.losses.length;
      const recent = losses.slice(-chunk);
      const sps = done / ((performance.now() - tTrain) / 1000);
      const c = process.cpuUsage(cpu0);
      io.err(`step ${done}  loss ${(recent.reduce((a, b) => a + b, 0) / recent.length).toFixed(4)}  ${sps.toFixed(2)} steps/s  cpu ${((c.user + c.system) / 1e6).toFixed(0)} s\n`);
    }
    const trainSeconds = (performance.now() - tTrain) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;
    if ((f.ema as number) > 0) trainer.useEma();
    trainer.dispose();
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const summary: Record<string, unknown> = {
      backend: backend.name,
      preset: model.preset,
      parameters: paramCountOf(model),
      clips: clips.length,
      batch: f.batch,
      lr: f.lr,
      schedule: cosine ? { kind: 'cosine', warmup: f.warmup, final: f['lr-final'] } : 'constant',
      rootWeight: f['root-weight'],
      velocityWeight: f['velocity-weight'],
      ema: f.ema,
      conditioning: { textPooling: model.config.textPooling, condToFrames: model.config.condToFrames },
      steps: done,
      trainSeconds: Number(trainSeconds.toFixed(1)),
      stepsPerSec: Number((done / trainSeconds).toFixed(3)),
      // CPU time of this process: the wall time it would take on an idle core (the machine may be shared)
      trainCpuSeconds: Number(trainCpuSeconds.toFixed(1)),
      stepsPerCpuSec: Number((done / trainCpuSeconds).toFixed(3)),
      lossFirst50: Number(mean(losses.slice(0, 50)).toFixed(4)),
      lossLast50: Number(mean(losses.slice(-50)).toFixed(4)),
    };
    if (typeof f.out === 'string') {
      await writeFile(f.out, new Uint8Array(await saveWeights(model)));
      summary.checkpoint = f.out;
    }
    if (f.eval) {
      const tEval = performance.now();
      io.err(`sampling ${f['eval-n']} walk + ${f['eval-n']} jump motions…\n`);
      const report = await walkJumpCheck(model, clips, {
        perClass: f['eval-n'] as number, seed: (f.seed as number) + 2, steps: f['sample-steps'] as number, guidance: f.guidance as number,
      });
      summary.eval = { ...report, sampleSeconds: Number(((performance.now() - tEval) / 1000).toFixed(1)), sampleSteps: f['sample-steps'], guidance: f.guidance };
    }
    summary.totalSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
    disposeModel(model);
    io.out((f.json ? JSON.stringify(summary) : JSON.stringify(summary, null, 2)) + '\n');
  },
};
