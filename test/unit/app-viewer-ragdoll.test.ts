// The viewer's ragdoll drawing: the bodies it places (segmentWorld, and the instanced meshes of RagdollFigure) are
// exactly the physics module's ragdoll bodies (ragdollCapsules) for every segment and frame of a dataset clip, and
// the contact marks show one disc per foot point on the floor and none in the air.

import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { RAGDOLL_COUNTS, RAGDOLL_SEGMENTS, segmentWorld } from '../../src/app/viewer/ragdollShape';
import { RagdollFigure } from '../../src/app/viewer/ragdollFigure';
import { ContactMarks } from '../../src/app/viewer/contactMarks';
import { footContactFlags } from '../../src/app/viewer/contacts';
import { ragdollCapsules, ragdollPose } from '../../src/core/physics';
import { generateDataset } from '../../src/core/motion/dataset/index';
import { emptyClip } from '../../src/core/motion/clip';
import { jointPositions } from '../../src/core/motion/fk';
import { STANDING_PELVIS_HEIGHT } from '../../src/core/motion/skeleton';

const clip = generateDataset({ n: 3, seed: 5 })[2];
const { positions, rotations } = ragdollPose(clip);

describe('ragdoll bodies in world space', () => {
  it('counts one body per joint: capsules, the head ball and four foot boxes', () => {
    expect(RAGDOLL_SEGMENTS).toHaveLength(22);
    expect(RAGDOLL_COUNTS.capsule + RAGDOLL_COUNTS.ball + RAGDOLL_COUNTS.box).toBe(22);
    expect(RAGDOLL_COUNTS.box).toBe(4);
  });

  it('segmentWorld equals the physics module’s ragdollCapsules for every body and frame', () => {
    const out = new Float64Array(10);
    for (const f of [0, 17, clip.nFrames - 1]) {
      const ref = ragdollCapsules(positions, rotations, f);
      for (let s = 0; s < RAGDOLL_SEGMENTS.length; s++) {
        segmentWorld(positions, rotations, f, s, out);
        const r = ref[s];
        expect(r.joint).toBe(RAGDOLL_SEGMENTS[s].joint);
        for (let k = 0; k < 3; k++) {
          expect(out[k]).toBeCloseTo(r.a[k], 5);
          expect(out[3 + k]).toBeCloseTo(r.b[k], 5);
        }
        for (let k = 0; k < 4; k++) expect(out[6 + k]).toBeCloseTo(r.rotation[k], 6);
      }
    }
  });
});

describe('RagdollFigure', () => {
  const cylinder = new THREE.CylinderGeometry(1, 1, 1, 8, 1, true);
  const sphere = new THREE.SphereGeometry(1, 8, 6);
  const box = new THREE.BoxGeometry(1, 1, 1);
  const xray = new THREE.MeshBasicMaterial();

  it('places each capsule between its world endpoints, shifted by the offset, with the capsule radius', () => {
    const fig = new RagdollFigure(cylinder, sphere, box, xray, '#6aa8ff');
    const f = 23;
    const offset = 1.5;
    fig.update(positions, rotations, f, offset);
    const meshes = fig.group.children.filter((c): c is THREE.InstancedMesh => c instanceof THREE.InstancedMesh);
    const cyl = meshes.find((m) => m.geometry === cylinder && m.material !== xray)!;
    const ref = ragdollCapsules(positions, rotations, f).filter((r) => r.shape === 'capsule');
    expect(cyl.count).toBe(ref.length);
    const m = new THREE.Matrix4();
    const p = new THREE.Vector3();
    const q = new THREE.Quaternion();
    const s = new THREE.Vector3();
    ref.forEach((r, i) => {
      cyl.getMatrixAt(i, m);
      m.decompose(p, q, s);
      expect(p.x).toBeCloseTo((r.a[0] + r.b[0]) / 2 + offset, 5);
      expect(p.y).toBeCloseTo((r.a[1] + r.b[1]) / 2, 5);
      expect(p.z).toBeCloseTo((r.a[2] + r.b[2]) / 2, 5);
      expect(s.x).toBeCloseTo(r.radius, 5);
      expect(s.y).toBeCloseTo(Math.hypot(r.b[0] - r.a[0], r.b[1] - r.a[1], r.b[2] - r.a[2]), 4);
    });
    // The x-ray copy (drawn red below the floor) shares the pose.
    const xcyl = meshes.find((mm) => mm.geometry === cylinder && mm.material === xray)!;
    expect(xcyl.instanceMatrix).toBe(cyl.instanceMatrix);
    fig.dispose();
  });
});

describe('ContactMarks', () => {
  const disc = new THREE.CylinderGeometry(1, 1, 0.004, 8);
  const mat = new THREE.MeshBasicMaterial();
  const marksFor = (dy: number) => {
    const c = emptyClip(2);
    c.rootPos[1] = c.rootPos[4] = STANDING_PELVIS_HEIGHT + dy;
    const pos = jointPositions(c);
    const marks = new ContactMarks(disc, mat);
    marks.update(footContactFlags(pos, 2), pos, 1, 0);
    const m = new THREE.Matrix4();
    const s = new THREE.Vector3();
    const visible: number[] = [];
    for (let k = 0; k < 4; k++) {
      marks.mesh.getMatrixAt(k, m);
      s.setFromMatrixScale(m);
      visible.push(s.x > 0 ? 1 : 0);
    }
    marks.dispose();
    return visible;
  };

  it('shows a disc under each foot point on the floor and hides them in the air', () => {
    expect(marksFor(0)).toEqual([1, 1, 1, 1]);
    expect(marksFor(0.2)).toEqual([0, 0, 0, 0]);
  });
});
