// Bench suite `diffusion`: training steps/s and samples/s of each model preset on the wasm backend in Node, and
// the same work in PyTorch on the CPU (bench/torch_reference.py, when python3-torch is installed) measured in the
// same run, with the tfjs/PyTorch ratios. Wall and CPU time are both given: the machine may be shared.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BenchFigures, BenchSuite } from './suite';
import { selectNodeBackend } from '../../core/diffusion/backendNode';
import { createModel, disposeModel, paramCountOf } from '../../core/diffusion/denoiser';
import { PRESET_NAMES, type PresetName } from '../../core/diffusion/presets';
import { sample } from '../../core/diffusion/sampler';
import { tf } from '../../core/diffusion/tf';
import { Trainer } from '../../core/diffusion/trainer';
import { buildVocab } from '../../core/diffusion/vocab';
import { generateDataset } from '../../core/motion/dataset/index';
import { Rng } from '../../core/random';

const BATCH = 32;
const SAMPLE_STEPS = 50;

/** Timed work per preset (the same for tfjs and PyTorch): base is ~8× small, so it gets fewer repetitions. */
function workload(preset: PresetName, quick: boolean): { trainSteps: number; sampleN: number; sampleSteps: number } {
  if (quick) return { trainSteps: 3, sampleN: 4, sampleSteps: 10 };
  if (preset === 'base') return { trainSteps: 3, sampleN: 4, sampleSteps: SAMPLE_STEPS };
  return { trainSteps: 10, sampleN: 16, sampleSteps: SAMPLE_STEPS };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
}

async function benchPreset(preset: PresetName, quick: boolean, vocabCaptions: string[], log: (l: string) => void): Promise<Record<string, number>> {
  const vocab = buildVocab(vocabCaptions);
  const model = createModel(preset, vocab, 1);
  const n = 64;
  const rng = new Rng(2);
  const per = model.config.nFrames * model.config.featureDim;
  const features = new Float32Array(n * per);
  for (let i = 0; i < features.length; i++) features[i] = rng.normal();
  const data = { pools: [{ features, captions: Array.from({ length: n }, (_, i) => vocabCaptions[i % vocabCaptions.length]) }] };
  const trainer = new Trainer(model, { seed: 3, batchSize: BATCH });
  await trainer.train(data, 2); // warm-up (kernel setup, optimizer slots)
  const steps = workload(preset, quick).trainSteps;
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  await trainer.train(data, steps, { progressEvery: steps });
  const trainWall = (performance.now() - t0) / 1000;
  const trainCpu = cpuSeconds(c0);
  trainer.dispose();
  const nSamples = workload(preset, quick).sampleN;
  const sSteps = workload(preset, quick).sampleSteps;
  const prompts = Array.from({ length: nSamples }, (_, i) => vocabCaptions[i % vocabCaptions.length]);
  t0 = performance.now();
  c0 = process.cpuUsage();
  await sample(model, prompts, { seed: 4, steps: sSteps, guidance: 2.5 });
  const sampleWall = (performance.now() - t0) / 1000;
  const sampleCpu = cpuSeconds(c0);
  const out = {
    parameters: paramCountOf(model),
    trainStepsPerSec: Number((steps / trainWall).toFixed(3)),
    trainStepsPerCpuSec: Number((steps / trainCpu).toFixed(3)),
    samplesPerSec: Number((nSamples / sampleWall).toFixed(3)),
    samplesPerCpuSec: Number((nSamples / sampleCpu).toFixed(3)),
    sampleSteps: sSteps,
  };
  log(`${preset}: ${out.parameters} params, ${out.trainStepsPerSec} train steps/s (batch ${BATCH}), ${out.samplesPerSec} samples/s (${sSteps} DDIM steps, CFG)`);
  disposeModel(model);
  return out;
}

interface TorchResult {
  torch: string;
  threads: number;
  presets: Record<string, { parameters: number; trainStepsPerSec: number; samplesPerSec: number; trainStepsPerCpuSec: number; samplesPerCpuSec: number }>;
}

function runTorch(preset: PresetName, vocabSize: number, quick: boolean, threads: number): TorchResult | string {
  const w = workload(preset, quick);
  const script = path.resolve('bench/torch_reference.py');
  if (!existsSync(script)) return 'bench/torch_reference.py not found (run from the repository root)';
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const args = [script, '--presets', preset, '--batch', String(BATCH), '--vocab', String(vocabSize),
    '--train-steps', String(w.trainSteps), '--sample-n', String(w.sampleN), '--sample-steps', String(w.sampleSteps),
    '--threads', String(threads)];
  const r = spawnSync(python, args, { encoding: 'utf8', timeout: 1_800_000 });
  if (r.status !== 0) return `torch reference failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop() ?? 'unknown error'}`;
  try {
    return JSON.parse(r.stdout) as TorchResult;
  } catch {
    return 'torch reference printed no JSON';
  }
}

export const diffusionBench: BenchSuite = {
  name: 'diffusion',
  description: 'motion diffusion: train steps/s and samples/s per preset (tfjs wasm, Node) vs PyTorch CPU',
  async run({ quick, log }): Promise<BenchFigures> {
    const backend = await selectNodeBackend();
    const captions = generateDataset({ n: 256, seed: 0 }).map((c) => c.caption);
    const vocabSize = buildVocab(captions).words.length;
    const presets: PresetName[] = quick ? ['tiny', 'small'] : [...PRESET_NAMES];
    const figures: BenchFigures = { backend: backend.name, batch: BATCH, vocab: vocabSize, numTensorsAfter: 0 };
    const ours: Record<string, Record<string, number>> = {};
    for (const p of presets) {
      ours[p] = await benchPreset(p, quick, captions, log);
      figures[`tfjs_${p}`] = ours[p];
    }
    figures.numTensorsAfter = tf.memory().numTensors;
    for (const threads of [1, 0]) {
      const label = threads === 1 ? 'torch1thread' : 'torchDefaultThreads';
      for (const p of presets) {
        log(`PyTorch reference, ${p} (${threads === 1 ? '1 thread' : 'default threads'})…`);
        const t = runTorch(p, vocabSize, quick, threads);
        if (typeof t === 'string') {
          figures[label] = t;
          log(t);
          break;
        }
        figures[`${label}_info`] = { torch: t.torch, threads: t.threads };
        const r = t.presets[p];
        if (!r) continue;
        figures[`${label}_${p}`] = {
          parameters: r.parameters,
          trainStepsPerSec: r.trainStepsPerSec,
          samplesPerSec: r.samplesPerSec,
          trainStepsPerCpuSec: r.trainStepsPerCpuSec,
          samplesPerCpuSec: r.samplesPerCpuSec,
          // tfjs-wasm / PyTorch-CPU speed; *Cpu ratios divide per-CPU-second rates (fair when the machine is shared)
          ratioTrain: Number((ours[p].trainStepsPerSec / r.trainStepsPerSec).toFixed(3)),
          ratioSample: Number((ours[p].samplesPerSec / r.samplesPerSec).toFixed(3)),
          ratioTrainCpu: Number((ours[p].trainStepsPerCpuSec / r.trainStepsPerCpuSec).toFixed(3)),
          ratioSampleCpu: Number((ours[p].samplesPerCpuSec / r.samplesPerCpuSec).toFixed(3)),
          sameParameterCount: r.parameters === ours[p].parameters,
        };
        log(`  torch ${p}: ${r.trainStepsPerSec} train steps/s, ${r.samplesPerSec} samples/s`);
      }
    }
    return figures;
  },
};
