// The simulated ragdoll drawn as its physics bodies (src/core/physics HUMANOID_SEGMENTS): capsules as a cylinder
// plus two end spheres, the head as a ball, the feet as boxes — three instanced meshes, posed each frame from the
// simulation's joint positions and world rotations. Like CapsuleFigure, what is below the floor is also drawn in
// red through the floor (an x-ray copy sharing the instance matrices). No allocation per update.

import * as THREE from 'three';
import { RAGDOLL_COUNTS, RAGDOLL_SEGMENTS, segmentWorld } from './ragdollShape';

const UP = new THREE.Vector3(0, 1, 0);

export class RagdollFigure {
  readonly group = new THREE.Group();
  private readonly material: THREE.MeshStandardMaterial;
  private readonly cylinders: THREE.InstancedMesh;
  private readonly spheres: THREE.InstancedMesh;
  private readonly boxes: THREE.InstancedMesh;
  private readonly xray: THREE.InstancedMesh[] = [];
  private readonly seg = new Float64Array(10);
  private readonly a = new THREE.Vector3();
  private readonly b = new THREE.Vector3();
  private readonly dir = new THREE.Vector3();
  private readonly q = new THREE.Quaternion();
  private readonly s = new THREE.Vector3();
  private readonly m = new THREE.Matrix4();
  private readonly identity = new THREE.Quaternion();

  /** Geometries (unit open cylinder along Y, unit sphere, unit cube) and the x-ray material belong to the caller. */
  constructor(
    cylinder: THREE.BufferGeometry,
    sphere: THREE.BufferGeometry,
    box: THREE.BufferGeometry,
    xray: THREE.Material,
    color: string,
    opacity = 1,
  ) {
    const transparent = opacity < 1;
    this.material = new THREE.MeshStandardMaterial({
      color, roughness: 0.35, metalness: 0.1, transparent, opacity, depthWrite: !transparent,
    });
    this.cylinders = new THREE.InstancedMesh(cylinder, this.material, RAGDOLL_COUNTS.capsule);
    this.spheres = new THREE.InstancedMesh(sphere, this.material, 2 * RAGDOLL_COUNTS.capsule + RAGDOLL_COUNTS.ball);
    this.boxes = new THREE.InstancedMesh(box, this.material, RAGDOLL_COUNTS.box);
    for (const mesh of [this.cylinders, this.spheres, this.boxes]) {
      mesh.castShadow = true;
      mesh.receiveShadow = true;
      mesh.frustumCulled = false;
      mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
      this.group.add(mesh);
      const x = new THREE.InstancedMesh(mesh.geometry, xray, mesh.count);
      x.instanceMatrix = mesh.instanceMatrix;
      x.frustumCulled = false;
      x.renderOrder = 10;
      this.xray.push(x);
      this.group.add(x);
    }
  }

  /** Pose the bodies at `frame` from `positions` (frames×22×3) and world `rotations` (frames×22×4), shifted by offsetX. */
  update(positions: Float32Array, rotations: Float64Array, frame: number, offsetX: number): void {
    const { a, b, dir, q, s, m, seg } = this;
    let ci = 0, si = 0, bi = 0;
    for (let k = 0; k < RAGDOLL_SEGMENTS.length; k++) {
      const shape = RAGDOLL_SEGMENTS[k];
      segmentWorld(positions, rotations, frame, k, seg);
      a.set(seg[0] + offsetX, seg[1], seg[2]);
      if (shape.shape === 'capsule') {
        b.set(seg[3] + offsetX, seg[4], seg[5]);
        const r = shape.radius;
        dir.subVectors(b, a);
        const len = dir.length();
        if (len > 1e-6) q.setFromUnitVectors(UP, dir.multiplyScalar(1 / len));
        else q.identity();
        s.set(r, Math.max(len, 1e-6), r);
        dir.addVectors(a, b).multiplyScalar(0.5);
        m.compose(dir, q, s);
        this.cylinders.setMatrixAt(ci++, m);
        s.set(r, r, r);
        m.compose(a, this.identity, s);
        this.spheres.setMatrixAt(si++, m);
        m.compose(b, this.identity, s);
        this.spheres.setMatrixAt(si++, m);
      } else if (shape.shape === 'ball') {
        s.set(shape.radius, shape.radius, shape.radius);
        m.compose(a, this.identity, s);
        this.spheres.setMatrixAt(si++, m);
      } else {
        q.set(seg[6], seg[7], seg[8], seg[9]);
        s.set(2 * shape.half[0], 2 * shape.half[1], 2 * shape.half[2]);
        m.compose(a, q, s);
        this.boxes.setMatrixAt(bi++, m);
      }
    }
    this.cylinders.instanceMatrix.needsUpdate = true;
    this.spheres.instanceMatrix.needsUpdate = true;
    this.boxes.instanceMatrix.needsUpdate = true;
  }

  dispose(): void {
    this.group.removeFromParent();
    for (const mesh of [this.cylinders, this.spheres, this.boxes, ...this.xray]) mesh.dispose();
    this.material.dispose();
  }
}
