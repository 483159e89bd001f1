// How the browser tests (playwright.config.ts) and the browser benchmarks (bench/*.ts) drive Chromium: the system
// binary (no browser download), its flags (WebGPU exposed through SwiftShader by --enable-unsafe-webgpu), the page
// size, and the tiny loop run that both the loop test and the long-tasks benchmark train.

import { type Browser, chromium } from '@playwright/test';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const VIEWPORT = { width: 1280, height: 800 } as const;

/**
 * The tiny loop of the loop test and the long-tasks benchmark. λ = 0.1: ⌊0.1·64⌋ = 6 synthetic clips per arm and
 * generation (physics correction is the slow part on 2 cores). batch=4: the controller's test hook for the training
 * batch (a batch of 32 takes about a minute a step on SwiftShader).
 */
export const TINY_RUN_QUERY = '/?preset=tiny&n=64&lambda=0.1&gamma=inf&gens=1&steps=2&init=4&evals=4&ss=2&seed=3&batch=4';

/** Headless Chromium as the browser tests launch it (for the bench scripts, which run outside Playwright's runner). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}
