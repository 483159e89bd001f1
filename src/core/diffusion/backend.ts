// Backend selection for the diffusion core: the first of webgpu → webgl → wasm → cpu that initialises (in Node:
// wasm → cpu), with the reason for the choice and for every backend skipped; and the watch for a lost WebGPU
// device, so the caller can fall back to the next backend and resume from its last checkpoint.

import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { tf } from './tf';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const BROWSER_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
export const NODE_ORDER: readonly BackendName[] = ['wasm', 'cpu'];

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why it was chosen or skipped, in words. */
  reason: string;
}

export interface BackendChoice {
  name: BackendName;
  /** One line for the UI/CLI: what runs and why. */
  reason: string;
  attempts: BackendAttempt[];
}

export interface SelectBackendOptions {
  /** Order to try (default: browser order in a browser or worker, wasm → cpu in Node). */
  order?: readonly BackendName[];
  /** Backends to skip (e.g. the one whose device was lost). */
  exclude?: readonly BackendName[];
  /** Where the tfjs-backend-wasm .wasm binaries are: a folder prefix (ending in '/') or a file map. */
  wasmPaths?: string | Record<string, string>;
}

export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

let wasmPathsSet = false;

async function attempt(name: BackendName, opts: SelectBackendOptions): Promise<string> {
  switch (name) {
    case 'webgpu': {
      const nav = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator;
      if (!nav?.gpu) throw new Error('navigator.gpu is not available');
      const adapter = await nav.gpu.requestAdapter();
      if (!adapter) throw new Error('navigator.gpu.requestAdapter() returned no adapter');
      // registers the 'webgpu' backend only when navigator.gpu exists at import time
      await import('@tensorflow/tfjs-backend-webgpu');
      break;
    }
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      break;
    case 'wasm':
      if (opts.wasmPaths !== undefined && !wasmPathsSet) {
        setWasmPaths(opts.wasmPaths);
        wasmPathsSet = true;
      }
      await import('@tensorflow/tfjs-backend-wasm');
      break;
    case 'cpu':
      break;
  }
  if (!tf.findBackendFactory(name)) throw new Error('backend is not registered in this environment');
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error('initialisation failed');
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`tfjs reports backend ${tf.getBackend()} instead`);
  // one tiny op proves the backend computes
  const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
  const v = (await probe.data())[0];
  probe.dispose();
  if (v !== 3) throw new Error(`probe computed ${v} instead of 3`);
  return 'initialised';
}

/** Choose and activate a backend; never throws while 'cpu' is in the order. */
export async function selectBackend(opts: SelectBackendOptions = {}): Promise<BackendChoice> {
  const node = isNode();
  const order = (opts.order ?? (node ? NODE_ORDER : BROWSER_ORDER)).filter((b) => !(opts.exclude ?? []).includes(b));
  const attempts: BackendAttempt[] = [];
  for (const name of order) {
    try {
      await attempt(name, opts);
      const skipped = attempts.map((a) => `${a.name}: ${a.reason}`).join('; ');
      const why = attempts.length === 0 ? `first choice${node ? ' in Node' : ''}` : `fallback (${skipped})`;
      attempts.push({ name, ok: true, reason: 'initialised' });
      return { name, reason: `${name}: ${why}`, attempts };
    } catch (e) {
      attempts.push({ name, ok: false, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new Error(`no tfjs backend could be initialised (${attempts.map((a) => `${a.name}: ${a.reason}`).join('; ')})`);
}

/** The active backend's name as a BackendName. */
export function activeBackend(): BackendName {
  return tf.getBackend() as BackendName;
}

/**
 * Calls `onLost` once if the active backend is webgpu and its GPU device is lost (driver reset, device
 * destroyed). Returns a function that stops watching. A no-op on other backends.
 */
export function watchDeviceLoss(onLost: (message: string) => void): () => void {
  if (tf.getBackend() !== 'webgpu') return () => undefined;
  const backend = tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string; reason?: string }> } };
  let active = true;
  backend.device?.lost?.then((info) => {
    if (active) onLost(`WebGPU device lost (${info?.reason ?? 'unknown'}): ${info?.message ?? ''}`.trim());
  });
  return () => {
    active = false;
  };
}

/** Destroy the WebGPU device on purpose (tests of the lost-device fallback). Returns false off webgpu. */
export function destroyDeviceForTest(): boolean {
  if (tf.getBackend() !== 'webgpu') return false;
  const backend = tf.backend() as unknown as { device?: { destroy(): void } };
  if (!backend.device) return false;
  backend.device.destroy();
  return true;
}
