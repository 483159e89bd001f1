// Short explanations, one per control and per metric, shown as help text under a control or as a tooltip on a
// chart title. Kept in one place so the wording stays consistent and the tour and the controls say the same thing.

export type ControlKey =
  | 'n' | 'preset' | 'lambda' | 'gamma' | 'mode' | 'accumulate' | 'generations' | 'steps' | 'seed'
  | 'initialSteps' | 'evalSamples' | 'sampleSteps' | 'start' | 'pause' | 'step' | 'reset' | 'backend' | 'progress';

export type MetricKey = 'fid' | 'diversity' | 'rprecision' | 'physerr' | 'drift';

export const CONTROL_HELP: Readonly<Record<ControlKey, string>> = Object.freeze({
  n: 'Real clips the model learns from (the embedded procedural data set plus any BVH files you import). Small n makes the loop fragile, as in the paper.',
  preset: 'Size of the motion diffusion model: tiny trains in seconds, small is the in-browser default, base is slow without a real GPU.',
  lambda: 'Synthetic ratio λ: each generation the model samples ⌊λ·n⌋ clips and trains on them together with the n real ones. λ = 0 never self-consumes.',
  gamma: 'Correction strength γ: each synthetic clip is replaced by its physics-corrected version with probability γ/(1+γ). γ = 0 is no correction, γ = ∞ corrects every clip (the paper\'s motion setting).',
  mode: 'Mixture swaps a whole clip for its corrected version with probability γ/(1+γ); blend mixes every clip with its corrected version in that proportion.',
  accumulate: 'Replace: each generation trains on this generation\'s synthetic clips only. Accumulate: synthetic clips from all earlier generations stay in the training set (as in the paper\'s Gaussian toy).',
  generations: 'How many times the model is retrained on its own samples after generation 0.',
  steps: 'Fine-tuning steps per generation (a fresh optimiser each generation, starting from the previous weights).',
  seed: 'Seeds every random choice (initial weights, batches, sampling, correction). Same seed and settings, same run.',
  initialSteps: 'Training steps of generation 0, on real clips only. Every arm starts from this same model.',
  evalSamples: 'Clips sampled per arm and generation to compute the metrics. More samples, steadier curves, slower generations.',
  sampleSteps: 'Denoising steps of the sampler. Fewer steps sample faster but rougher motion.',
  start: 'Train generation 0, then run the loop generation after generation for every arm. Resumes a paused run.',
  pause: 'Stop after the generation in progress; Start continues from there.',
  step: 'Run exactly one more generation, then pause.',
  reset: 'Stop and clear the charts. The run stays in the saved runs list.',
  backend: 'Where the model trains: webgpu on a GPU (or SwiftShader), otherwise wasm or cpu, in a Web Worker so the page stays responsive.',
  progress: 'Current phase of the generation in progress (training, sampling, correcting, evaluating) and the estimated time left for the run.',
});

export interface MetricHelp {
  title: string;
  /** Unit or scale, shown on the axis. */
  unit: string;
  /** Which direction is good. */
  better: 'lower' | 'higher' | 'closer to real';
  text: string;
}

export const METRIC_HELP: Readonly<Record<MetricKey, MetricHelp>> = Object.freeze({
  fid: {
    title: 'FID', unit: '', better: 'lower',
    text: 'Fréchet distance between evaluator embeddings of generated and real motions. Lower is closer to real motion; it rises as a self-consuming loop drifts.',
  },
  diversity: {
    title: 'Diversity', unit: '', better: 'closer to real',
    text: 'Mean distance between embeddings of random pairs of generated motions. Collapse shows as falling diversity; real motion\'s value is the target.',
  },
  rprecision: {
    title: 'R-precision', unit: '', better: 'higher',
    text: 'How often a generated motion ranks its own caption first (top-1), in the first two or in the first three among 32. Higher means the motion matches its text.',
  },
  physerr: {
    title: 'Phys-Err', unit: 'mm', better: 'lower',
    text: 'Physical implausibility: Penetrate (feet below the floor) + Float (feet above it when they should touch) + Skate (sliding contacts), in mm, 5 mm floor tolerance.',
  },
  drift: {
    title: 'Drift ‖θ − θ₀‖', unit: '', better: 'lower',
    text: 'Distance of the weights from generation 0\'s, ‖θ_t − θ_0‖. The theory bounds how far a corrected loop can drift.',
  },
});

/** The generation-0 convention of every chart (the legend says it). */
export const GENERATION_ZERO_HELP =
  'Dashed line: generation 0, the model trained on real clips only, shared by every arm. Curves show how each arm moves away from it.';
