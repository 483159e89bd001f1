// The one Rapier instance of SCSC Lab: `@dimforge/rapier3d-compat` (its WASM is embedded), initialised once.
// Everything under src/core/physics gets the module through `rapier()` after `await initPhysics()`.

import RAPIER from '@dimforge/rapier3d-compat';

export type Rapier = typeof RAPIER;

let ready: Promise<void> | null = null;
let loaded = false;

/** Initialise Rapier's WASM module. Idempotent: later calls return the same promise. */
export function initPhysics(): Promise<void> {
  if (!ready) {
    ready = preferOptimisedWasm()
      .then(() => RAPIER.init())
      .then(() => {
        loaded = true;
      });
  }
  return ready;
}

/**
 * In Node, ask V8 to compile WebAssembly with its optimising tier right away (`--no-liftoff`). Rapier's step is a
 * few huge functions called a few hundred times per clip, which V8's dynamic tier-up leaves in the baseline
 * compiler far too long: measured 3–6× slower per step. Must run before Rapier's module is compiled. In a
 * browser this does nothing (no process), and failures are ignored (the flag only affects speed).
 */
async function preferOptimisedWasm(): Promise<void> {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (!proc?.versions?.node) return;
  try {
    const name = 'node:v8';
    const v8 = (await import(/* @vite-ignore */ name)) as { setFlagsFromString(flags: string): void };
    v8.setFlagsFromString('--no-liftoff');
  } catch {
    // speed only
  }
}

/** True once initPhysics() has finished. */
export function physicsReady(): boolean {
  return loaded;
}

/** The initialised Rapier module; throws a clear error when initPhysics() has not finished. */
export function rapier(): Rapier {
  if (!loaded) throw new Error('physics: Rapier is not initialised — await initPhysics() before correcting clips');
  return RAPIER;
}
