// One capsule figure in a three.js scene: 21 bone cylinders and 23 spheres (joints + head) as two instanced meshes,
// posed each frame from a preallocated joint-position array. Cylinders capped by equal-radius joint spheres are
// exactly capsules, and instancing keeps a figure at two draw calls. What lies below the floor is drawn in red
// through the floor (an x-ray copy clipped to y < −5 mm), and joints whose surface is below it turn red. No
// allocation per update.

import * as THREE from 'three';
import { NUM_JOINTS, J } from '../../core/motion/skeleton';
import {
  BONES, BONE_RADIUS, HEAD_CENTER_OFFSET, HEAD_RADIUS, JOINT_RADIUS, jointBelowFloor,
} from './bodyShape';

const UP = new THREE.Vector3(0, 1, 0);
const N_SPHERES = NUM_JOINTS + 1; // joints + head
/** Colour of joints below the floor. */
export const PENETRATION_COLOR = '#ff2d2d';

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
  private readonly baseColor = new THREE.Color();
  private readonly redColor = new THREE.Color(PENETRATION_COLOR);
  /** 1 where joint j is currently drawn red. */
  private readonly below = new Uint8Array(NUM_JOINTS);

  private readonly xrayBones: THREE.InstancedMesh;
  private readonly xraySpheres: THREE.InstancedMesh;

  /**
   * `xray`: the material for the parts below the floor (clipped to y < −tolerance, drawn without depth test); the
   * geometries and this material belong to the caller and may be shared by many figures.
   */
  constructor(
    cylinder: THREE.BufferGeometry,
    sphere: THREE.BufferGeometry,
    xray: THREE.Material,
    color: string,
    opacity = 1,
  ) {
    const transparent = opacity < 1;
    // White material tinted per instance, so single joints can turn red.
    this.material = new THREE.MeshStandardMaterial({
      color: '#ffffff', roughness: 0.55, metalness: 0.05, transparent, opacity, depthWrite: !transparent,
    });
    this.bones = new THREE.InstancedMesh(cylinder, this.material, BONES.length);
    this.spheres = new THREE.InstancedMesh(sphere, this.material, N_SPHERES);
    this.setColor(color);
    // The x-ray copies share the instance matrices, so posing the figure poses them too.
    this.xrayBones = new THREE.InstancedMesh(cylinder, xray, BONES.length);
    this.xraySpheres = new THREE.InstancedMesh(sphere, xray, N_SPHERES);
    this.xrayBones.instanceMatrix = this.bones.instanceMatrix;
    this.xraySpheres.instanceMatrix = this.spheres.instanceMatrix;
    for (const mesh of [this.xrayBones, this.xraySpheres]) {
      mesh.frustumCulled = false;
      mesh.renderOrder = 10;
      this.group.add(mesh);
    }
    for (const mesh of [this.bones, this.spheres]) {
      mesh.castShadow = true;
      mesh.receiveShadow = true;
      mesh.frustumCulled = false; // the instances move far from the geometry's own bounds
      mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
      this.group.add(mesh);
    }
  }

  setColor(color: string): void {
    this.baseColor.set(color);
    for (let i = 0; i < BONES.length; i++) this.bones.setColorAt(i, this.baseColor);
    for (let i = 0; i < N_SPHERES; i++) {
      this.spheres.setColorAt(i, i < NUM_JOINTS && this.below[i] ? this.redColor : this.baseColor);
    }
    if (this.bones.instanceColor) this.bones.instanceColor.needsUpdate = true;
    if (this.spheres.instanceColor) this.spheres.instanceColor.needsUpdate = true;
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
    let recolor = false;
    for (let j = 0; j < NUM_JOINTS; j++) {
      a.set(positions[base + j * 3] + offsetX, positions[base + j * 3 + 1], positions[base + j * 3 + 2]);
      const r = JOINT_RADIUS[j];
      s.set(r, r, r);
      m.compose(a, this.identity, s);
      this.spheres.setMatrixAt(j, m);
      const below = jointBelowFloor(j, a.y) ? 1 : 0;
      if (below !== this.below[j]) {
        this.below[j] = below;
        this.spheres.setColorAt(j, below ? this.redColor : this.baseColor);
        recolor = true;
      }
    }
    if (recolor && this.spheres.instanceColor) this.spheres.instanceColor.needsUpdate = true;
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
    this.xrayBones.dispose();
    this.xraySpheres.dispose();
    this.material.dispose();
  }
}
