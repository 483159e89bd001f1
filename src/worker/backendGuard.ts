// The tfjs backend a worker computes on, and what happens when its GPU device is lost. Both model workers (the
// loop's and the diffusion playground's) hold one: it selects the first backend of the order that works
// (webgpu → webgl → wasm → cpu in the browser), reports each choice, watches the WebGPU device, and after a loss
// excludes the lost backend, removes it from tfjs and selects the next. What to rebuild on the new backend (models,
// the evaluator) is the worker's business.

import {
  type BackendChoice, type BackendName, BROWSER_ORDER, destroyDeviceForTest, selectBackend, type SelectBackendOptions,
  watchDeviceLoss,
} from '../core/diffusion/backend';
import { tf } from '../core/diffusion/tf';

export type BackendGuardOptions = Omit<SelectBackendOptions, 'order' | 'exclude'>;

/** How long after a failing call the device's lost promise may still resolve. */
const LOSS_SETTLE_MS = 50;

export class BackendGuard {
  private choice: BackendChoice | null = null;
  private readonly excluded: BackendName[] = [];
  private lostMessage: string | null = null;
  private unwatch: () => void = () => undefined;

  constructor(
    /** Told about every choice (the first one and each after a loss). */
    private readonly onChoice: (choice: BackendChoice) => void,
    private readonly options: BackendGuardOptions = {},
    private order: readonly BackendName[] = BROWSER_ORDER,
  ) {}

  /** The backend in use; null before the first select(). */
  get current(): BackendChoice | null {
    return this.choice;
  }

  /** Why the device was lost, once it was (null while it is fine). */
  get lost(): string | null {
    return this.lostMessage;
  }

  /** Select a backend (with `order`, from then on in that order), skipping the ones lost before; watch its device. */
  async select(order?: readonly BackendName[]): Promise<BackendChoice> {
    if (order) this.order = order;
    const choice = await selectBackend({ ...this.options, order: this.order, exclude: this.excluded });
    this.choice = choice;
    this.lostMessage = null;
    this.unwatch();
    this.unwatch = watchDeviceLoss((m) => {
      this.lostMessage = m;
    });
    this.onChoice(choice);
    return choice;
  }

  /** The backend in use, selected first if there is none yet. */
  async ensure(): Promise<BackendChoice> {
    return this.choice ?? this.select();
  }

  /** After a failed call: was the device lost? (Its lost promise resolves just after the call fails.) */
  async deviceLost(): Promise<boolean> {
    if (this.lostMessage) return true;
    await new Promise((r) => setTimeout(r, LOSS_SETTLE_MS));
    return this.lostMessage !== null;
  }

  /** Exclude the lost backend, drop it from tfjs (its tensors went with the device) and select the next one. */
  async switchAfterLoss(): Promise<BackendChoice> {
    const lost = this.choice?.name;
    if (lost) {
      this.excluded.push(lost);
      try {
        tf.removeBackend(lost);
      } catch {
        // already gone
      }
    }
    this.choice = null;
    return this.select();
  }

  /** Tests: destroy the WebGPU device (the real path), or on other backends mark the device as lost. */
  simulateLoss(): { destroyed: boolean } {
    if (destroyDeviceForTest()) return { destroyed: true };
    this.lostMessage = `Simulated loss of the ${this.choice?.name ?? 'current'} backend`;
    return { destroyed: false };
  }

  dispose(): void {
    this.unwatch();
  }
}
