// Public entry of the motion diffusion core: model, presets, training, sampling, checkpoints, backends.
// Node-only helpers (wasm binaries from node_modules) live in backendNode.ts and are not re-exported here.

export { MODEL_PRESETS, PRESET_NAMES, presetConfig, parameterCount, parameterShapes, isPresetName } from './presets';
export type { PresetName, ModelConfig } from './presets';
export { cosineSchedule, respacedTimesteps, TRAIN_STEPS } from './schedule';
export type { NoiseSchedule } from './schedule';
export { buildVocab, vocabFromWords, encodeText, tokenize, stem } from './vocab';
export type { Vocab, EncodedText } from './vocab';
export { createModel, cloneModel, disposeModel, paramCountOf } from './denoiser';
export type { DiffusionModel, CreateModelOptions } from './denoiser';
export { Trainer, trainSteps } from './trainer';
export type { TrainData, TrainPool, TrainerOptions, TrainHooks, TrainProgress, TrainResult } from './trainer';
export { sample, sampleClips, DEFAULT_SAMPLE_STEPS, DEFAULT_GUIDANCE } from './sampler';
export type { SampleOptions, SampleResult, SampleClipsOptions, SamplerMethod } from './sampler';
export { saveWeights, loadWeights, modelFromCheckpoint, flatParams, paramDistance } from './checkpoint';
export { poolFromClips, datasetSetup } from './pools';
export { selectBackend, activeBackend, watchDeviceLoss, BROWSER_ORDER, NODE_ORDER } from './backend';
export type { BackendName, BackendChoice, BackendAttempt, SelectBackendOptions } from './backend';
export { tf } from './tf';
export { walkJumpCheck, walkJumpSamples, scoreWalkJump, flightClearance, rootStats, classifyWalkJump, clipLowestPoint } from './walkJump';
export type { WalkJumpReport, WalkJumpOptions, RootStats } from './walkJump';
