// Model size presets of the motion denoiser (tiny for tests, small = the in-browser default, base) and the
// exact parameter count each one has, so the CLI and the bench can print it without building a model.

export type PresetName = 'tiny' | 'small' | 'base';

export interface ModelConfig {
  /** Frames per clip (tokens after the condition token). */
  nFrames: number;
  /** Feature values per frame (FEATURE_DIM). */
  featureDim: number;
  /** Transformer width. */
  dModel: number;
  nLayers: number;
  nHeads: number;
  /** Hidden width of each feed-forward block. */
  ffDim: number;
  /** Word-embedding width of the text encoder. */
  textDim: number;
  /** How the caption's word embeddings are pooled: 'mean' (plain bag of words) or 'weighted' (softmax over a
   *  learned per-word score, so an action word can outweigh filler like "forward", "twice"). */
  textPooling: TextPooling;
  /** Add the condition token (timestep + text) to every frame token as well, not only prepend it (MDM). */
  condToFrames: boolean;
}

export type TextPooling = 'mean' | 'weighted';

/** Conditioning of checkpoints written before these options existed. */
export const LEGACY_CONDITIONING: Pick<ModelConfig, 'textPooling' | 'condToFrames'> = { textPooling: 'mean', condToFrames: false };

export const PRESET_NAMES: readonly PresetName[] = ['tiny', 'small', 'base'];

/**
 * Architecture per preset for 60-frame clips of 136 features. Conditioning: MDM's single prepended condition token
 * with the mean-pooled caption. In the measured runs (src/core/diffusion/README.md) `condToFrames` separated walk
 * from jump worse and 'weighted' pooling no better, so they are options, not defaults.
 */
export const MODEL_PRESETS: Readonly<Record<PresetName, Omit<ModelConfig, 'nFrames' | 'featureDim'>>> = {
  tiny: { dModel: 64, nLayers: 2, nHeads: 4, ffDim: 128, textDim: 32, textPooling: 'mean', condToFrames: false },
  small: { dModel: 128, nLayers: 4, nHeads: 4, ffDim: 256, textDim: 64, textPooling: 'mean', condToFrames: false },
  base: { dModel: 256, nLayers: 6, nHeads: 8, ffDim: 1024, textDim: 128, textPooling: 'mean', condToFrames: false },
};

export function isPresetName(s: string): s is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(s);
}

export function presetConfig(
  preset: PresetName, nFrames = 60, featureDim = 136, conditioning: Partial<Pick<ModelConfig, 'textPooling' | 'condToFrames'>> = {},
): ModelConfig {
  if (!isPresetName(preset)) throw new Error(`unknown model preset "${String(preset)}" (presets: ${PRESET_NAMES.join(', ')})`);
  const cfg = { nFrames, featureDim, ...MODEL_PRESETS[preset], ...conditioning };
  if (cfg.textPooling !== 'mean' && cfg.textPooling !== 'weighted') throw new Error(`unknown text pooling "${String(cfg.textPooling)}" (mean, weighted)`);
  if (typeof cfg.condToFrames !== 'boolean') throw new Error(`condToFrames must be true or false, got ${String(cfg.condToFrames)}`);
  return cfg;
}

/** Shapes of every trainable parameter, in a fixed order (the order of checkpoints and flatParams). */
export function parameterShapes(cfg: ModelConfig, vocabSize: number): { name: string; shape: number[] }[] {
  const d = cfg.dModel;
  const out: { name: string; shape: number[] }[] = [
    { name: 'text/embed', shape: [vocabSize, cfg.textDim] },
    ...(cfg.textPooling === 'weighted' ? [{ name: 'text/score', shape: [vocabSize] }] : []),
    { name: 'text/proj1/w', shape: [cfg.textDim, d] },
    { name: 'text/proj1/b', shape: [d] },
    { name: 'text/proj2/w', shape: [d, d] },
    { name: 'text/proj2/b', shape: [d] },
    { name: 'text/null', shape: [d] },
    { name: 'time/fc1/w', shape: [d, d] },
    { name: 'time/fc1/b', shape: [d] },
    { name: 'time/fc2/w', shape: [d, d] },
    { name: 'time/fc2/b', shape: [d] },
    { name: 'in/w', shape: [cfg.featureDim, d] },
    { name: 'in/b', shape: [d] },
  ];
  for (let l = 0; l < cfg.nLayers; l++) {
    const p = `layer${l}/`;
    out.push(
      { name: p + 'ln1/g', shape: [d] },
      { name: p + 'ln1/b', shape: [d] },
      { name: p + 'qkv/w', shape: [d, 3 * d] },
      { name: p + 'qkv/b', shape: [3 * d] },
      { name: p + 'out/w', shape: [d, d] },
      { name: p + 'out/b', shape: [d] },
      { name: p + 'ln2/g', shape: [d] },
      { name: p + 'ln2/b', shape: [d] },
      { name: p + 'ff1/w', shape: [d, cfg.ffDim] },
      { name: p + 'ff1/b', shape: [cfg.ffDim] },
      { name: p + 'ff2/w', shape: [cfg.ffDim, d] },
      { name: p + 'ff2/b', shape: [d] },
    );
  }
  out.push(
    { name: 'lnf/g', shape: [d] },
    { name: 'lnf/b', shape: [d] },
    { name: 'outp/w', shape: [d, cfg.featureDim] },
    { name: 'outp/b', shape: [cfg.featureDim] },
  );
  return out;
}

export function parameterCount(cfg: ModelConfig, vocabSize: number): number {
  let n = 0;
  for (const p of parameterShapes(cfg, vocabSize)) n += p.shape.reduce((a, b) => a * b, 1);
  return n;
}
