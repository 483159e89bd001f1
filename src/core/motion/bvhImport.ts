// BVH import: validate the text (bvhValidate.ts), parse it with three's BVHLoader, retarget the rig onto our
// 22-joint skeleton (retarget.ts: name tables, rest-pose correction, leg-length scale, so cm or m both work),
// resample to 20 fps and put the clip on the floor. Any length is kept (not cut to 60 frames).

import { BVHLoader } from 'three/examples/jsm/loaders/BVHLoader.js';
import type { Clip } from './clip';
import { FPS, validateClip } from './clip';
import { BvhError, validateBvh } from './bvhValidate';
import { RetargetError, putOnFloor, retargetMotion, type SourceRig } from './retarget';
import { resampleClip } from './resample';

export { BvhError } from './bvhValidate';

export interface BvhImportOptions {
  label?: string;
  caption?: string;
  /** Put the lowest body point of the clip at y = 0 (default true). */
  floor?: boolean;
  /** Target frame rate (default 20). */
  fps?: number;
}

/** The file's base name without folders and extension, as a clip id. */
export function clipIdFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]*$/, '') || 'clip';
}

/** Parse BVH text into a clip on our skeleton. Throws BvhError naming the file (and line for syntax errors). */
export function importBvh(text: string, fileName = 'input.bvh', opts: BvhImportOptions = {}): Clip {
  const info = validateBvh(text, fileName);
  if (info.frames < 2) throw new BvhError(`needs at least 2 frames, has ${info.frames}`, fileName);
  let parsed: ReturnType<BVHLoader['parse']>;
  try {
    parsed = new BVHLoader().parse(text);
  } catch (e) {
    throw new BvhError(`could not be parsed: ${e instanceof Error ? e.message : String(e)}`, fileName);
  }
  // The loader's bone list and our validator's node list are in the same (file) order.
  const bones = parsed.skeleton.bones;
  if (bones.length !== info.nodes.length) throw new BvhError(`parser found ${bones.length} nodes, expected ${info.nodes.length}`, fileName);
  const nN = bones.length;
  const rig: SourceRig = {
    names: info.nodes.map((n) => n.name),
    parents: info.nodes.map((n) => n.parent),
    offsets: new Float64Array(nN * 3),
  };
  for (let b = 0; b < nN; b++) rig.offsets.set(info.nodes[b].offset, b * 3);

  const n = info.frames;
  const localRot = new Float32Array(n * nN * 4);
  const localPos = new Float32Array(n * nN * 3);
  // defaults for end sites (no tracks): identity rotation, rest offset
  for (let f = 0; f < n; f++) {
    for (let b = 0; b < nN; b++) {
      localRot[(f * nN + b) * 4 + 3] = 1;
      localPos.set(info.nodes[b].offset, (f * nN + b) * 3);
    }
  }
  // tracks come as (position, quaternion) pairs for every non-end-site node, in node order
  const tracks = parsed.clip.tracks;
  let t = 0;
  for (let b = 0; b < nN; b++) {
    if (info.nodes[b].endSite) continue;
    const posTrack = tracks[t++];
    const rotTrack = tracks[t++];
    if (!posTrack || !rotTrack || posTrack.values.length !== n * 3 || rotTrack.values.length !== n * 4) {
      throw new BvhError(`parser output does not match the hierarchy at joint ${info.nodes[b].name}`, fileName, info.nodes[b].line);
    }
    for (let f = 0; f < n; f++) {
      for (let k = 0; k < 3; k++) localPos[(f * nN + b) * 3 + k] = posTrack.values[f * 3 + k];
      for (let k = 0; k < 4; k++) localRot[(f * nN + b) * 4 + k] = rotTrack.values[f * 4 + k];
    }
  }

  let result;
  try {
    result = retargetMotion(rig, { nFrames: n, fps: 1 / info.frameTime, localRot, localPos }, fileName);
  } catch (e) {
    if (e instanceof RetargetError) throw new BvhError(e.message.replace(`${fileName}: `, ''), fileName);
    throw e;
  }
  const clip = resampleClip(result.clip, opts.fps ?? FPS);
  if (opts.floor !== false) putOnFloor(clip);
  clip.id = clipIdFromFileName(fileName);
  clip.label = opts.label ?? 'imported';
  clip.caption = opts.caption ?? `motion imported from ${clip.id}.bvh`;
  clip.meta = {
    source: fileName,
    rig: result.table,
    scale: result.scale,
    sourceFps: Math.round((1 / info.frameTime) * 1000) / 1000,
    sourceFrames: n,
  };
  validateClip(clip, fileName);
  return clip;
}
