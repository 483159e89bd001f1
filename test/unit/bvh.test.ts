import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AnimationMixer, Vector3 } from 'three';
import { BVHLoader } from 'three/examples/jsm/loaders/BVHLoader.js';
import { type Clip, cloneClip, emptyClip } from '../../src/core/motion/clip';
import { forwardKinematicsArrays, jointPositions } from '../../src/core/motion/fk';
import { BvhError, importBvh } from '../../src/core/motion/bvhImport';
import { OUR_BVH_RIG, exportBvh, writeBvh } from '../../src/core/motion/bvhExport';
import { validateBvh } from '../../src/core/motion/bvhValidate';
import { putOnFloor } from '../../src/core/motion/retarget';
import { resampleClip, resampledLength } from '../../src/core/motion/resample';
import { lowestPointHeights } from '../../src/core/motion/physMetrics';
import { qAngle, qConj, qFromAxisAngle, qFromYaw, qMul, qNormalize, qRotateVec } from '../../src/core/motion/quat';
import { J, JOINT_NAMES, NUM_JOINTS, PARENTS } from '../../src/core/motion/skeleton';
import { generateDataset } from '../../src/core/motion/dataset/index';
import { Rng } from '../../src/core/random';

const FIXTURE = 'test/fixtures/mixamo-sample.bvh';
const mixamoText = readFileSync(FIXTURE, 'utf8');
const mixamoLines = mixamoText.split('\n');
const motionLine = mixamoLines.findIndex((l) => l.trim() === 'MOTION'); // 0-based
const firstFrameLine = motionLine + 3; // 0-based index of frame 1

function maxPosDiff(a: Clip, b: Clip): number {
  const pa = jointPositions(a), pb = jointPositions(b);
  expect(pa.length).toBe(pb.length);
  let m = 0;
  for (let i = 0; i < pa.length; i++) m = Math.max(m, Math.abs(pa[i] - pb[i]));
  return m;
}

function randomClip(seed: number, n: number): Clip {
  const rng = new Rng(seed);
  const c = emptyClip(n);
  for (let i = 0; i < c.rotations.length; i += 4) {
    for (let k = 0; k < 4; k++) c.rotations[i + k] = rng.normal();
    qNormalize(c.rotations, i);
  }
  for (let i = 0; i < c.rootPos.length; i++) c.rootPos[i] = rng.uniform(-2, 2);
  return c;
}

function randomRotation(rng: Rng, maxAngle: number, out: Float64Array, o: number): void {
  const ax = [rng.normal(), rng.normal(), rng.normal()];
  const n = Math.hypot(ax[0], ax[1], ax[2]);
  qFromAxisAngle(out, o, ax[0] / n, ax[1] / n, ax[2] / n, rng.uniform(-maxAngle, maxAngle));
}

/**
 * BVH text of `clip` on a foreign rig that poses the same world joint positions: joint names renamed, optional
 * extra hip joints (CMU "LHipJoint"), every bone given its own random local axes B_j (so the rest pose and bone
 * axes differ from ours), lengths in other units, and optionally a Z-up world.
 */
function foreignBvh(clip: Clip, o: { names: Record<string, string>; hipJoints?: boolean; seed?: number; unit?: number; zUp?: boolean }): string {
  const rng = new Rng(o.seed ?? 1);
  const unit = o.unit ?? 100;
  const base = OUR_BVH_RIG; // our joints (0..21) then end sites, offsets in cm
  const B = new Float64Array(base.names.length * 4);
  for (let j = 0; j < base.names.length; j++) {
    const core = j === J.pelvis || j === J.spine1 || j === J.spine2 || j === J.spine3 || j === J.neck;
    randomRotation(rng, core ? 0.3 : Math.PI, B, j * 4);
  }
  const V = new Float64Array([0, 0, 0, 1]);
  if (o.zUp) qFromAxisAngle(V, 0, 1, 0, 0, Math.PI / 2); // +Y → +Z
  // node list: our nodes, plus inserted hip joints
  const names = base.names.map((n) => (n === 'End Site' ? n : o.names[n] ?? n));
  const parents = [...base.parents];
  const ourIdx: number[] = base.names.map((_, i) => i); // source node → our node whose global it carries
  if (o.hipJoints) {
    for (const [hip, name] of [[J.left_hip, 'LHipJoint'], [J.right_hip, 'RHipJoint']] as const) {
      const k = names.length;
      names.push(name);
      parents.push(J.pelvis);
      ourIdx.push(J.pelvis);
      parents[hip] = k;
    }
  }
  const nN = names.length;
  // offsets: o'_j = V · B_p⁻¹ · o_j · unit/100 (p = our parent); inserted joints have zero offset
  const offsets = new Float64Array(nN * 3);
  const inv = new Float64Array(4), v = new Float64Array(3);
  for (let j = 0; j < base.names.length; j++) {
    const p = base.parents[j];
    if (p < 0) continue;
    qConj(B, p * 4, inv, 0);
    qRotateVec(inv, 0, base.offsets as ArrayLike<number> as Float64Array, j * 3, v, 0);
    qRotateVec(V, 0, v, 0, v, 0);
    for (let k = 0; k < 3; k++) offsets[j * 3 + k] = (v[k] * unit) / 100;
  }
  // per frame: source globals S = V · G · B · V⁻¹, locals S_p⁻¹ · S_j
  const n = clip.nFrames;
  const G = new Float64Array(n * NUM_JOINTS * 4);
  forwardKinematicsArrays(clip.rootPos, clip.rotations, n, undefined, G);
  const localRot = new Float64Array(n * nN * 4);
  const rootPos = new Float64Array(n * 3);
  const S = new Float64Array(nN * 4), Vi = new Float64Array(4), t = new Float64Array(4);
  qConj(V, 0, Vi, 0);
  for (let f = 0; f < n; f++) {
    for (let j = 0; j < nN; j++) {
      const oj = ourIdx[j] < NUM_JOINTS ? ourIdx[j] : base.parents[j];
      const bj = j < base.names.length ? j : J.pelvis;
      qMul(G, (f * NUM_JOINTS + oj) * 4, B, bj * 4, t, 0);
      qMul(V, 0, t, 0, t, 0);
      qMul(t, 0, Vi, 0, S, j * 4);
    }
    for (let j = 0; j < nN; j++) {
      const p = parents[j];
      if (p < 0) for (let k = 0; k < 4; k++) localRot[(f * nN + j) * 4 + k] = S[j * 4 + k];
      else {
        qConj(S, p * 4, inv, 0);
        qMul(inv, 0, S, j * 4, localRot, (f * nN + j) * 4);
      }
    }
    qRotateVec(V, 0, clip.rootPos, f * 3, v, 0);
    for (let k = 0; k < 3; k++) rootPos[f * 3 + k] = (v[k] * unit);
  }
  return writeBvh({ names, parents, offsets, endSite: [...(base.endSite ?? []), ...names.slice(base.names.length).map(() => false)] }, n, clip.fps, rootPos, localRot);
}

const MIXAMO_NAMES: Record<string, string> = {
  pelvis: 'mixamorig:Hips', left_hip: 'mixamorig:LeftUpLeg', right_hip: 'mixamorig:RightUpLeg', spine1: 'mixamorig:Spine',
  left_knee: 'mixamorig:LeftLeg', right_knee: 'mixamorig:RightLeg', spine2: 'mixamorig:Spine1', left_ankle: 'mixamorig:LeftFoot',
  right_ankle: 'mixamorig:RightFoot', spine3: 'mixamorig:Spine2', left_foot: 'mixamorig:LeftToeBase', right_foot: 'mixamorig:RightToeBase',
  neck: 'mixamorig:Neck', left_collar: 'mixamorig:LeftShoulder', right_collar: 'mixamorig:RightShoulder', head: 'mixamorig:Head',
  left_shoulder: 'mixamorig:LeftArm', right_shoulder: 'mixamorig:RightArm', left_elbow: 'mixamorig:LeftForeArm',
  right_elbow: 'mixamorig:RightForeArm', left_wrist: 'mixamorig:LeftHand', right_wrist: 'mixamorig:RightHand',
};
const CMU_NAMES: Record<string, string> = {
  pelvis: 'Hips', left_hip: 'LeftHip', right_hip: 'RightHip', spine1: 'Abdomen', left_knee: 'LeftKnee', right_knee: 'RightKnee',
  spine2: 'Chest', left_ankle: 'LeftAnkle', right_ankle: 'RightAnkle', spine3: 'Chest2', left_foot: 'LeftToe', right_foot: 'RightToe',
  neck: 'Neck', left_collar: 'LeftCollar', right_collar: 'RightCollar', head: 'Head', left_shoulder: 'LeftShoulder',
  right_shoulder: 'RightShoulder', left_elbow: 'LeftElbow', right_elbow: 'RightElbow', left_wrist: 'LeftWrist', right_wrist: 'RightWrist',
};
const CGSPEED_NAMES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(MIXAMO_NAMES).map(([k, v]) => [k, v.replace('mixamorig:', '')])),
  spine1: 'LowerBack', spine2: 'Spine', spine3: 'Spine1',
};

describe('BVH import of the real Mixamo sample', () => {
  const clip = importBvh(mixamoText, FIXTURE);

  it('resamples 69 frames at 30 fps to 46 frames at 20 fps and maps the Mixamo rig', () => {
    expect(clip.nFrames).toBe(46);
    expect(clip.fps).toBe(20);
    expect(clip.meta?.rig).toBe('mixamo');
    expect(clip.id).toBe('mixamo-sample');
    // centimetres → metres through the leg length (Mixamo legs ≈ 82.6 cm, ours 0.80 m)
    expect(clip.meta?.scale as number).toBeGreaterThan(0.0093);
    expect(clip.meta?.scale as number).toBeLessThan(0.0101);
  });

  it('reads Windows line endings and blank lines the same way', () => {
    const crlf = importBvh(mixamoText.replace(/\n/g, '\r\n\r\n'), FIXTURE);
    expect(maxPosDiff(clip, crlf)).toBe(0);
  });

  it('stands on the floor with human proportions', () => {
    const pos = jointPositions(clip);
    const low = lowestPointHeights(pos, clip.nFrames);
    const lows = Array.from(low).sort((a, b) => a - b);
    expect(Math.abs(lows[0])).toBeLessThan(1e-5); // lowest point over the clip at y = 0
    expect(lows[Math.floor(lows.length / 2)]).toBeLessThan(0.02); // a foot is near the floor in most frames
    for (let f = 0; f < clip.nFrames; f++) {
      const head = pos[(f * NUM_JOINTS + J.head) * 3 + 1];
      expect(head).toBeGreaterThan(1.5);
      expect(head).toBeLessThan(1.75);
      const pelvis = pos[(f * NUM_JOINTS + J.pelvis) * 3 + 1];
      expect(pelvis).toBeGreaterThan(0.85);
      expect(pelvis).toBeLessThan(1.05);
    }
  });

  it('points every bone where the source bone points (checked with three.js AnimationMixer)', () => {
    const frameTime = 0.0333333;
    const ours = importBvh(mixamoText, FIXTURE, { fps: 1 / frameTime, floor: false });
    expect(ours.nFrames).toBe(69);
    const pos = jointPositions(ours);
    // three's own playback of the file (':' is reserved in track names, so rename)
    const parsed = new BVHLoader().parse(mixamoText.replace(/mixamorig:/g, 'mx_'));
    const root = parsed.skeleton.bones[0];
    const mixer = new AnimationMixer(root);
    mixer.clipAction(parsed.clip).play();
    const byName = (n: string) => parsed.skeleton.bones.find((b) => b.name === n.replace('mixamorig:', 'mx_'))!;
    const pairs: [string, string][] = [
      ['left_hip', 'left_knee'], ['left_knee', 'left_ankle'], ['left_ankle', 'left_foot'], ['right_hip', 'right_knee'],
      ['right_knee', 'right_ankle'], ['right_ankle', 'right_foot'], ['spine1', 'spine2'], ['spine2', 'spine3'], ['neck', 'head'],
      ['left_collar', 'left_shoulder'], ['left_shoulder', 'left_elbow'], ['left_elbow', 'left_wrist'],
      ['right_collar', 'right_shoulder'], ['right_shoulder', 'right_elbow'], ['right_elbow', 'right_wrist'],
    ];
    const a = new Vector3(), b = new Vector3();
    let worst = 0;
    let rootErr = 0;
    // (the last frame is left out: the looping action wraps to frame 0 at the clip's end)
    for (let f = 0; f < 68; f += 3) {
      mixer.setTime(parsed.clip.tracks[0].times[f]);
      root.updateMatrixWorld(true);
      for (const [from, to] of pairs) {
        byName(MIXAMO_NAMES[from]).getWorldPosition(a);
        byName(MIXAMO_NAMES[to]).getWorldPosition(b);
        const src = b.clone().sub(a).normalize();
        const p = (j: number, k: number) => pos[(f * NUM_JOINTS + j) * 3 + k];
        const dst = new Vector3(p(J[to as keyof typeof J], 0) - p(J[from as keyof typeof J], 0), p(J[to as keyof typeof J], 1) - p(J[from as keyof typeof J], 1), p(J[to as keyof typeof J], 2) - p(J[from as keyof typeof J], 2)).normalize();
        worst = Math.max(worst, src.angleTo(dst));
      }
      byName(MIXAMO_NAMES.pelvis).getWorldPosition(a);
      a.multiplyScalar(ours.meta?.scale as number);
      rootErr = Math.max(rootErr, Math.abs(a.x - ours.rootPos[f * 3]), Math.abs(a.y - ours.rootPos[f * 3 + 1]), Math.abs(a.z - ours.rootPos[f * 3 + 2]));
    }
    expect(worst).toBeLessThan(1e-3); // radians
    expect(rootErr).toBeLessThan(1e-4); // metres
  });
});

describe('BVH export', () => {
  it('writes our skeleton with SMPL names in centimetres, readable by BVHLoader', () => {
    const c = generateDataset({ n: 1, seed: 4 })[0];
    const text = exportBvh(c);
    validateBvh(text, 'x.bvh');
    expect(text).toContain('ROOT pelvis');
    for (const n of JOINT_NAMES.slice(1)) expect(text).toContain(`JOINT ${n}\n`);
    expect(text).toContain('OFFSET 0.00000 -40.00000 0.00000'); // knee, cm
    expect(text).toContain(`Frames: ${c.nFrames}\nFrame Time: 0.05000000\n`);
    const parsed = new BVHLoader().parse(text);
    expect(parsed.skeleton.bones.filter((b) => b.name !== 'ENDSITE').length).toBe(NUM_JOINTS);
  });

  it('export → import returns the same joint positions within 1 mm (dataset clips)', () => {
    for (const c of generateDataset({ n: 4, seed: 9 })) {
      const want = cloneClip(c);
      putOnFloor(want);
      const back = importBvh(exportBvh(c), `${c.id}.bvh`);
      expect(back.nFrames).toBe(c.nFrames);
      expect(maxPosDiff(want, back)).toBeLessThan(1e-3);
    }
  });

  it('export → import returns the same joint positions within 1 mm (arbitrary rotations, property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 2, max: 25 }), (seed, n) => {
        const c = randomClip(seed, n);
        const want = cloneClip(c);
        putOnFloor(want);
        return maxPosDiff(want, importBvh(exportBvh(c), 'r.bvh')) < 1e-3;
      }),
      { numRuns: 25 },
    );
  });
});

describe('retargeting foreign rigs', () => {
  const clips = generateDataset({ n: 2, seed: 21 });
  const cases: [string, Parameters<typeof foreignBvh>[1], string][] = [
    ['Mixamo names, own bone axes, cm', { names: MIXAMO_NAMES, seed: 3 }, 'mixamo'],
    ['CMU-style Hips/LeftHip/LeftKnee, own bone axes, inches', { names: CMU_NAMES, seed: 4, unit: 100 / 2.54 }, 'cmu'],
    ['CMU cgspeed LHipJoint/LeftUpLeg/LowerBack, own bone axes, metres', { names: CGSPEED_NAMES, hipJoints: true, seed: 5, unit: 1 }, 'mixamo'],
    ['SMPL names, Z-up world, own bone axes', { names: {}, zUp: true, seed: 6 }, 'smpl'],
  ];
  for (const [title, opts, table] of cases) {
    it(`${title}: same joint positions within 1 mm`, () => {
      for (const c of clips) {
        const want = cloneClip(c);
        putOnFloor(want);
        const back = importBvh(foreignBvh(c, opts), 'foreign.bvh');
        expect(back.meta?.rig).toBe(table);
        expect(maxPosDiff(want, back)).toBeLessThan(1e-3);
      }
    });
  }

  it('lists the joints it cannot find on an unmapped rig', () => {
    let i = 0;
    const renamed = mixamoText.replace(/mixamorig:\w+/g, () => `bone${i++}`);
    expect(() => importBvh(renamed, 'odd.bvh')).toThrow(BvhError);
    expect(() => importBvh(renamed, 'odd.bvh')).toThrow(/odd\.bvh: cannot map .*pelvis, left_hip, right_hip.*left_wrist, right_wrist/);
    const noElbow = mixamoText.replace(/mixamorig:LeftForeArm\b/g, 'mixamorig:LeftLowerArmX');
    expect(() => importBvh(noElbow, 'noelbow.bvh')).toThrow(/no joint found for: left_elbow\./);
  });
});

describe('malformed BVH', () => {
  const expectLine = (text: string, line: number, msg: RegExp) => {
    let err: unknown;
    try {
      importBvh(text, 'bad.bvh');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BvhError);
    const e = err as BvhError;
    expect(e.line).toBe(line);
    expect(e.file).toBe('bad.bvh');
    expect(e.message.startsWith(`bad.bvh:${line}: `)).toBe(true);
    expect(e.message).toMatch(msg);
    expect(e.message).not.toMatch(/Cannot read properties/);
  };
  const edit = (lineIdx: number, f: (l: string) => string) => mixamoLines.map((l, i) => (i === lineIdx ? f(l) : l)).join('\n');

  it('truncated in the motion data', () => {
    const cut = mixamoLines.slice(0, firstFrameLine + 10).join('\n');
    expectLine(cut, firstFrameLine + 10, /ends after 10 of 69 frames/);
    const midLine = mixamoLines.slice(0, firstFrameLine + 5).join('\n').slice(0, -40);
    expectLine(midLine, firstFrameLine + 5, /frame 5 has \d+ values, expected \d+ .*truncated\?/);
    const midHeader = mixamoText.slice(0, mixamoText.indexOf('CHANNELS', 2000) + 7);
    expectLine(midHeader, midHeader.split('\n').length, /expected CHANNELS, found "CHANNEL".*truncated\?/);
  });
  it('truncated inside the hierarchy', () => expectLine(mixamoLines.slice(0, 100).join('\n'), 100, /ends early/));
  it('wrong number of values on a MOTION line', () => {
    expectLine(edit(firstFrameLine + 4, (l) => l.replace(/\s+\S+\s*$/, '')), firstFrameLine + 5, /frame 5 has \d+ values, expected \d+/);
  });
  it('a non-numeric value', () => {
    expectLine(edit(firstFrameLine + 2, (l) => l.replace(/^(\S+\s+\S+\s+)\S+/, '$1abc')), firstFrameLine + 3, /frame 3, value 3 is not a number: "abc"/);
  });
  it('missing HIERARCHY or MOTION', () => {
    expectLine(mixamoLines.slice(1).join('\n'), 1, /expected HIERARCHY/);
    expectLine(edit(motionLine, () => 'MOTON'), motionLine + 1, /expected MOTION/);
  });
  it('Frames count that does not match the data', () => {
    expectLine(edit(motionLine + 1, () => 'Frames: 68'), firstFrameLine + 69, /more motion lines than Frames: 68/);
    expectLine(edit(motionLine + 1, () => 'Frames: 70'), mixamoLines.length, /ends after 69 of 70 frames/);
  });
  it('a single frame, or a joint header with braces on the same line', () => {
    const one = mixamoLines.slice(0, firstFrameLine + 1).join('\n').replace('Frames: 69', 'Frames: 1');
    expect(() => importBvh(one, 'bad.bvh')).toThrow(/bad\.bvh: needs at least 2 frames/);
    const brace = mixamoLines.findIndex((l) => l.includes('JOINT mixamorig:Spine1'));
    expectLine(edit(brace, (l) => `${l} {`), brace + 1, /needs exactly one name/);
  });
  it('bad OFFSET and CHANNELS lines', () => {
    const off = mixamoLines.findIndex((l) => l.includes('OFFSET') && l.includes('9.9235'));
    expectLine(edit(off, (l) => l.replace('9.9235', '9,92')), off + 1, /OFFSET y is not a number/);
    const ch = mixamoLines.findIndex((l, i) => i > off && l.includes('CHANNELS 3'));
    expectLine(edit(ch, (l) => l.replace(' Xrotation', '')), ch + 1, /CHANNELS says 3 channels but lists 2/);
  });
});

describe('resampling', () => {
  it('keeps the duration: 69 @ 30 fps → 46 @ 20 fps; 60 @ 20 → 60', () => {
    expect(resampledLength(69, 30, 20)).toBe(46);
    expect(resampledLength(60, 20, 20)).toBe(60);
    expect(resampledLength(121, 60, 20)).toBe(41);
  });
  it('interpolates the root linearly and rotations along the arc', () => {
    const c = emptyClip(31, 30);
    for (let f = 0; f < 31; f++) {
      c.rootPos[f * 3] = 0.1 * f;
      qFromYaw(c.rotations, f * NUM_JOINTS * 4, 0.03 * f);
      qFromAxisAngle(c.rotations, (f * NUM_JOINTS + J.left_knee) * 4, 1, 0, 0, 0.05 * f);
    }
    const r = resampleClip(c, 20);
    expect(r.nFrames).toBe(21);
    const want = new Float64Array(4);
    for (let i = 0; i < 21; i++) {
      const t = i * 1.5; // source frame
      expect(r.rootPos[i * 3]).toBeCloseTo(0.1 * t, 5);
      qFromAxisAngle(want, 0, 1, 0, 0, 0.05 * t);
      expect(qAngle(r.rotations, (i * NUM_JOINTS + J.left_knee) * 4, want, 0)).toBeLessThan(1e-3);
    }
    expect(PARENTS.length).toBe(NUM_JOINTS);
  });
});
