// The dataset JSON file format (`scsc dataset`, `scsc convert`): { "fps": 20, "joints": [22 names], "parents": [22 ints],
// "clips": [ { "id", "label", "caption", "positions": [frames][22][3] metres, "rotations": [frames][22][4] } ] }.
// Rotations are local unit quaternions (x, y, z, w) in SMPL joint order, joint 0 the global pelvis rotation;
// positions are forward-kinematics joint positions, so positions[f][0] is the root trajectory. Optional extra
// clip field "flight": [frames] of 0/1. Writing is deterministic (fixed rounding, fixed key order): the same
// clips give byte-identical text. Reading validates and names the bad field.

import { type Clip, validateClip } from './clip';
import { jointPositions } from './fk';
import { JOINT_NAMES, NUM_JOINTS, PARENTS } from './skeleton';
import { qNormalize } from './quat';

export interface DatasetJsonClip {
  id: string;
  label: string;
  caption: string;
  positions: number[][][];
  rotations: number[][][];
  flight?: number[];
}

export interface DatasetJson {
  fps: number;
  joints: string[];
  parents: number[];
  clips: DatasetJsonClip[];
}

export class DatasetJsonError extends Error {
  override name = 'DatasetJsonError';
}

/** Positions are rounded to 1e-5 m (0.01 mm), rotations to 1e-6 (then renormalised on reading). */
const POS_SCALE = 1e5;
const ROT_SCALE = 1e6;
const round = (v: number, s: number): number => {
  const r = Math.round(v * s) / s;
  return r === 0 ? 0 : r; // no "-0"
};

export function clipsToDatasetJson(clips: Clip[]): DatasetJson {
  const fps = clips.length > 0 ? clips[0].fps : 20;
  for (const c of clips) {
    if (Math.abs(c.fps - fps) > 1e-9) throw new DatasetJsonError(`clip ${c.id}: fps ${c.fps} differs from the file's ${fps}; resample first`);
  }
  return {
    fps,
    joints: [...JOINT_NAMES],
    parents: [...PARENTS],
    clips: clips.map((c) => {
      const pos = jointPositions(c);
      const positions: number[][][] = [];
      const rotations: number[][][] = [];
      for (let f = 0; f < c.nFrames; f++) {
        const pf: number[][] = [];
        const rf: number[][] = [];
        for (let j = 0; j < NUM_JOINTS; j++) {
          const p = (f * NUM_JOINTS + j) * 3;
          const r = (f * NUM_JOINTS + j) * 4;
          pf.push([round(pos[p], POS_SCALE), round(pos[p + 1], POS_SCALE), round(pos[p + 2], POS_SCALE)]);
          rf.push([round(c.rotations[r], ROT_SCALE), round(c.rotations[r + 1], ROT_SCALE), round(c.rotations[r + 2], ROT_SCALE), round(c.rotations[r + 3], ROT_SCALE)]);
        }
        positions.push(pf);
        rotations.push(rf);
      }
      const out: DatasetJsonClip = { id: c.id, label: c.label, caption: c.caption, positions, rotations };
      if (c.flight) out.flight = Array.from(c.flight);
      return out;
    }),
  };
}

/** Deterministic text of a dataset JSON: header fields, then one clip per line. */
export function datasetJsonToText(d: DatasetJson): string {
  const head = `{"fps":${JSON.stringify(d.fps)},"joints":${JSON.stringify(d.joints)},"parents":${JSON.stringify(d.parents)},"clips":[`;
  return head + (d.clips.length ? '\n' + d.clips.map((c) => JSON.stringify(c)).join(',\n') + '\n' : '') + ']}\n';
}

/** Read clips from a parsed dataset JSON object; throws DatasetJsonError naming file and field. */
export function clipsFromDatasetJson(obj: unknown, fileName = 'dataset.json'): Clip[] {
  const fail = (field: string, msg: string): never => {
    throw new DatasetJsonError(`${fileName}: ${field} ${msg}`);
  };
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) fail('the top level', 'must be an object with fps, joints, parents, clips');
  const o = obj as Record<string, unknown>;
  const fps = o.fps;
  if (typeof fps !== 'number' || !(fps > 0) || !Number.isFinite(fps)) fail('fps', `must be a positive number, got ${JSON.stringify(fps)}`);
  if (o.joints !== undefined) {
    if (!Array.isArray(o.joints) || o.joints.length !== NUM_JOINTS) fail('joints', `must list the ${NUM_JOINTS} SMPL joint names`);
    (o.joints as unknown[]).forEach((n, j) => {
      if (n !== JOINT_NAMES[j]) fail(`joints[${j}]`, `must be "${JOINT_NAMES[j]}", got ${JSON.stringify(n)}`);
    });
  }
  if (o.parents !== undefined) {
    if (!Array.isArray(o.parents) || o.parents.length !== NUM_JOINTS) fail('parents', `must have ${NUM_JOINTS} entries`);
    (o.parents as unknown[]).forEach((p, j) => {
      if (p !== PARENTS[j]) fail(`parents[${j}]`, `must be ${PARENTS[j]}, got ${JSON.stringify(p)}`);
    });
  }
  if (!Array.isArray(o.clips)) fail('clips', 'must be an array');
  const clips = o.clips as unknown[];
  return clips.map((raw, ci) => {
    const at = `clips[${ci}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(at, 'must be an object');
    const c = raw as Record<string, unknown>;
    for (const k of ['id', 'label', 'caption'] as const) {
      if (typeof c[k] !== 'string') fail(`${at}.${k}`, `must be a string, got ${JSON.stringify(c[k]) ?? 'nothing'}`);
    }
    const positions = c.positions;
    const rotations = c.rotations;
    if (!Array.isArray(positions)) fail(`${at}.positions`, 'must be an array [frames][22][3]');
    if (!Array.isArray(rotations)) fail(`${at}.rotations`, 'must be an array [frames][22][4]');
    const n = (positions as unknown[]).length;
    if (n < 2) fail(`${at}.positions`, `needs at least 2 frames, has ${n}`);
    if ((rotations as unknown[]).length !== n) fail(`${at}.rotations`, `has ${(rotations as unknown[]).length} frames but positions has ${n}`);
    const rootPos = new Float32Array(n * 3);
    const rots = new Float32Array(n * NUM_JOINTS * 4);
    const readVec = (v: unknown, len: number, field: string, out: Float32Array, o2: number): void => {
      if (!Array.isArray(v) || v.length !== len) fail(field, `must be ${len} numbers`);
      for (let k = 0; k < len; k++) {
        const x = (v as unknown[])[k];
        if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${field}[${k}]`, `is not a finite number: ${JSON.stringify(x)}`);
        out[o2 + k] = x as number;
      }
    };
    for (let f = 0; f < n; f++) {
      const pf = (positions as unknown[])[f];
      const rf = (rotations as unknown[])[f];
      if (!Array.isArray(pf) || pf.length !== NUM_JOINTS) fail(`${at}.positions[${f}]`, `must hold ${NUM_JOINTS} joints`);
      if (!Array.isArray(rf) || rf.length !== NUM_JOINTS) fail(`${at}.rotations[${f}]`, `must hold ${NUM_JOINTS} joints`);
      readVec((pf as unknown[])[0], 3, `${at}.positions[${f}][0]`, rootPos, f * 3);
      for (let j = 1; j < NUM_JOINTS; j++) {
        // check the remaining positions too: they are redundant with FK but must be well-formed
        const v = (pf as unknown[])[j];
        if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
          fail(`${at}.positions[${f}][${j}]`, 'must be 3 finite numbers');
        }
      }
      for (let j = 0; j < NUM_JOINTS; j++) {
        const o2 = (f * NUM_JOINTS + j) * 4;
        readVec((rf as unknown[])[j], 4, `${at}.rotations[${f}][${j}]`, rots, o2);
        const norm = Math.hypot(rots[o2], rots[o2 + 1], rots[o2 + 2], rots[o2 + 3]);
        if (Math.abs(norm - 1) > 0.01) fail(`${at}.rotations[${f}][${j}]`, `is not a unit quaternion (length ${norm.toFixed(4)})`);
        qNormalize(rots, o2);
      }
    }
    const clip: Clip = {
      id: c.id as string,
      label: c.label as string,
      caption: c.caption as string,
      fps: fps as number,
      nFrames: n,
      rootPos,
      rotations: rots,
    };
    if (c.flight !== undefined) {
      if (!Array.isArray(c.flight) || c.flight.length !== n || !c.flight.every((x) => x === 0 || x === 1)) {
        fail(`${at}.flight`, `must be ${n} values of 0 or 1`);
      }
      clip.flight = Uint8Array.from(c.flight as number[]);
    }
    validateClip(clip, `${fileName}: ${at}`);
    return clip;
  });
}
