// The lab configuration a user sets with the controls (data size, model preset, λ, γ, correction mode,
// replace/accumulate, generations, steps, seed and a few advanced settings). It is plain serialisable data: it
// round-trips through the URL (labConfig.ts parses and encodes it, urlSync.ts keeps the address bar in step) and
// becomes the LoopConfig of the next run. Every write is clamped, so the store never holds an invalid config.

import type { AppSlice } from '../store';
import { clampLabConfig, DEFAULT_LAB_CONFIG, type LabConfig } from './labConfig';

export interface ConfigSlice {
  config: LabConfig;
  /** Merge `patch` into the configuration (values are clamped to their ranges by labConfig.ts). */
  setConfig(patch: Partial<LabConfig>): void;
  /** Replace the whole configuration (clamped), e.g. from a URL or a reopened run. */
  replaceConfig(config: LabConfig): void;
}

export const createConfigSlice: AppSlice<ConfigSlice> = (set) => ({
  config: { ...DEFAULT_LAB_CONFIG },
  setConfig: (patch) => set((s) => ({ config: clampLabConfig(patch, s.config) })),
  replaceConfig: (config) => set({ config: clampLabConfig(config, DEFAULT_LAB_CONFIG) }),
});
