// Foot-contact marks under one figure: a flat disc on the floor below each foot point (ankles, toes) in the frames
// where it touches the floor (contacts.ts), hidden otherwise. One instanced mesh per figure; no allocation per update.

import * as THREE from 'three';
import { CONTACT_JOINTS } from './contacts';
import { NUM_JOINTS } from '../../core/motion/skeleton';

export const CONTACT_COLOR = '#5cf08a';
const MARK_RADIUS = 0.07;
const MARK_HEIGHT = 0.003;

export class ContactMarks {
  readonly mesh: THREE.InstancedMesh;
  private readonly m = new THREE.Matrix4();
  private readonly p = new THREE.Vector3();
  private readonly s = new THREE.Vector3();
  private readonly q = new THREE.Quaternion();
  private readonly zero = new THREE.Vector3(0, 0, 0);

  /** `disc`: a unit-radius flat geometry lying in the XZ plane (shared); `material` likewise shared. */
  constructor(disc: THREE.BufferGeometry, material: THREE.Material) {
    this.mesh = new THREE.InstancedMesh(disc, material, CONTACT_JOINTS.length);
    this.mesh.frustumCulled = false;
    this.mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
    this.mesh.renderOrder = 2;
  }

  /** Show the marks of `frame`: flags frames×4 (contacts.ts), positions frames×22×3, shifted by offsetX. */
  update(flags: Uint8Array, positions: Float32Array, frame: number, offsetX: number): void {
    const base = frame * NUM_JOINTS * 3;
    for (let k = 0; k < CONTACT_JOINTS.length; k++) {
      const j = CONTACT_JOINTS[k];
      if (flags[frame * 4 + k]) {
        this.p.set(positions[base + j * 3] + offsetX, MARK_HEIGHT, positions[base + j * 3 + 2]);
        this.s.set(MARK_RADIUS, 1, MARK_RADIUS);
      } else {
        this.p.copy(this.zero);
        this.s.set(0, 0, 0);
      }
      this.m.compose(this.p, this.q, this.s);
      this.mesh.setMatrixAt(k, this.m);
    }
    this.mesh.instanceMatrix.needsUpdate = true;
  }

  dispose(): void {
    this.mesh.removeFromParent();
    this.mesh.dispose();
  }
}
