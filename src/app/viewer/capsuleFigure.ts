// One capsule figure in a three.js scene: 21 bone cylinders and 23 spheres (joints + head) as two instanced meshes,
// posed each frame from a preallocated joint-position array. Cylinders capped by equal-radius joint spheres are
// exactly capsules, and instancing keeps a figure at two draw calls. No allocation per update.

import * as THREE from 'three';
import { NUM_JOINTS, J } from '../../core/motion/skeleton';
import { BONES, BONE_RADIUS, HEAD_CENTER_OFFSET, HEAD_RADIUS, JOINT_RADIUS } from './bodyShape';

const UP = new THREE.Vector3(0, 1, 0);
const N_SPHERES = NUM_JOINTS + 1; // joints + head

export class CapsuleFigure {
  readonly group = new THREE.Group();
  private readonly bones: THREE.InstancedMesh;
  private readonly spheres: THREE.InstancedMesh;
  private readonly material: THREE.MeshStandardMaterial;
  // Scratch objects reused by every update.
  private readonly a = new THREE.Vector3();
  private readonly b = new THREE.Vector3();
  private readonly dir = new THREE.Vector3();
  private readonly q = new THREE.Quaternion();
  private readonly s = new THREE.Vector3();
  private readonly m = new THREE.Matrix4();
  private readonly identity = new THREE.Quaternion();

  constructor(cylinder: THREE.BufferGeometry, sphere: THREE.BufferGeometry, color: string, opacity = 1) {
    const transparent = opacity < 1;
    this.material = new THREE.MeshStandardMaterial({
      color, roughness: 0.55, metalness: 0.05, transparent, opacity, depthWrite: !transparent,
    });
    this.bones = new THREE.InstancedMesh(cylinder, this.material, BONES.length);
    this.spheres = new THREE.InstancedMesh(sphere, this.material, N_SPHERES);
    for (const mesh of [this.bones, this.spheres]) {
      mesh.castShadow = true;
      mesh.receiveShadow = true;
      mesh.frustumCulled = false; // the instances move far from the geometry's own bounds
      mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
      this.group.add(mesh);
    }
  }

  setColor(color: string): void {
    this.material.color.set(color);
  }

  /**
   * Pose the figure from `positions` (frames × 22 × 3, metres) at `frame`, shifted by `offsetX` along X.
   */
  update(positions: Float32Array, frame: number, offsetX: number): void {
    const base = frame * NUM_JOINTS * 3;
    const { a, b, dir, q, s, m } = this;
    for (let i = 0; i < BONES.length; i++) {
      const [p, j] = BONES[i];
      a.set(positions[base + p * 3] + offsetX, positions[base + p * 3 + 1], positions[base + p * 3 + 2]);
      b.set(positions[base + j * 3] + offsetX, positions[base + j * 3 + 1], positions[base + j * 3 + 2]);
      dir.subVectors(b, a);
      const len = dir.length();
      if (len > 1e-6) q.setFromUnitVectors(UP, dir.multiplyScalar(1 / len));
      else q.identity();
      const r = BONE_RADIUS[j];
      s.set(r, Math.max(len, 1e-6), r);
      a.add(b).multiplyScalar(0.5);
      m.compose(a, q, s);
      this.bones.setMatrixAt(i, m);
    }
    for (let j = 0; j < NUM_JOINTS; j++) {
      a.set(positions[base + j * 3] + offsetX, positions[base + j * 3 + 1], positions[base + j * 3 + 2]);
      const r = JOINT_RADIUS[j];
      s.set(r, r, r);
      m.compose(a, this.identity, s);
      this.spheres.setMatrixAt(j, m);
    }
    // Head: beyond the head joint, along the neck→head direction.
    const h = J.head;
    const n = J.neck;
    a.set(positions[base + h * 3], positions[base + h * 3 + 1], positions[base + h * 3 + 2]);
    b.set(positions[base + n * 3], positions[base + n * 3 + 1], positions[base + n * 3 + 2]);
    dir.subVectors(a, b);
    const dl = dir.length();
    if (dl > 1e-6) dir.multiplyScalar(HEAD_CENTER_OFFSET / dl);
    else dir.set(0, HEAD_CENTER_OFFSET, 0);
    a.add(dir);
    a.x += offsetX;
    s.set(HEAD_RADIUS, HEAD_RADIUS, HEAD_RADIUS);
    m.compose(a, this.identity, s);
    this.spheres.setMatrixAt(NUM_JOINTS, m);
    this.bones.instanceMatrix.needsUpdate = true;
    this.spheres.instanceMatrix.needsUpdate = true;
  }

  /** Frees the material and the instance buffers (the shared geometries belong to the viewer). */
  dispose(): void {
    this.group.removeFromParent();
    this.bones.dispose();
    this.spheres.dispose();
    this.material.dispose();
  }
}
