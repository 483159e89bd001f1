// The lab configuration a user sets with the controls (data size, model preset, λ, γ, correction mode,
// replace/accumulate, generations, steps, seed and a few advanced settings). It is plain serialisable data: it
// round-trips through the URL (see labConfig.ts) and becomes the LoopConfig of the next run.

import type { AppSlice } from '../store';
import { DEFAULT_LAB_CONFIG, type LabConfig } from './labConfig';

export interface ConfigSlice {
  config: LabConfig;
  /** Merge `patch` into the configuration (values are clamped to their ranges by labConfig.ts). */
  setConfig(patch: Partial<LabConfig>): void;
}

export const createConfigSlice: AppSlice<ConfigSlice> = (set) => ({
  config: { ...DEFAULT_LAB_CONFIG },
  setConfig: (patch) => set((s) => ({ config: { ...s.config, ...patch } })),
});
