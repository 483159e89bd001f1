// The one TensorFlow.js import of the diffusion core. '@tensorflow/tfjs' (not tfjs-core alone) because it also
// registers every gradient and the cpu/webgl backends, in Node (CommonJS build) and in the browser bundle alike,
// with a single copy of tfjs-core. The wasm and webgpu backends are attached by backend.ts.

import * as tf from '@tensorflow/tfjs';

export { tf };
export type { Tensor, Tensor1D, Tensor2D, Tensor3D, Scalar, Variable, Optimizer } from '@tensorflow/tfjs';
