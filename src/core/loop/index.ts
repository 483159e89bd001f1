// Public entry of the self-consuming loop engine: config, arms, runner, checkpoints and run stores.

export { ARM_NAMES, DEFAULT_LOOP_CONFIG, LoopConfigError, makeLoopConfig, validateLoopConfig, gammaToJson, gammaFromJson, loopConfigToJson, loopConfigFromJson } from './config';
export type { ArmName, CorrectionMode, LoopConfig } from './config';
export { ARM_DESCRIPTIONS, armUsesSynthetic, correctForArm, oracleSwap } from './arms';
export { drawConditions, sampleSynthetic } from './synthetic';
export { CORRECTION_MODES, correctionPercent, correctionProbability, syntheticCount } from './params';
export { runArmGeneration, evaluateModel, fineTune } from './generation';
export type { ArmState, GenerationContext } from './generation';
export { LoopRunner } from './runner';
export { loadRunHeader, loadSamples, historyToJson, historyFromJson, toJsonSafe, RUN_KEY } from './checkpoint';
export type { RunHeader } from './checkpoint';
export { MemoryStore, loadBytes, loadJson } from './store';
export type { RunStore, StoreValue, JsonValue } from './store';
export { clipsToBytes, clipsFromBytes } from './clipBytes';
export { seedFor } from './seeds';
export type * from './types';
