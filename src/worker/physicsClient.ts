// The UI side of the physics worker (physics.worker.ts): the typed request/reply client (rpc.ts).

import type { PhysicsReplyMap, PhysicsRequest } from './physics.worker';
import { WorkerRpc } from './rpc';

export type { SimulatedRagdoll } from './physics.worker';

export class PhysicsClient extends WorkerRpc<PhysicsRequest, PhysicsReplyMap> {
  /** `onFailure`: the worker crashed (every pending request was rejected). */
  constructor(onFailure?: () => void) {
    super(new Worker(new URL('./physics.worker.ts', import.meta.url), { type: 'module', name: 'viewer-physics' }), 'physics', onFailure);
  }
}
