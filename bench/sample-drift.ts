// How an `scsc experiment` run's synthetic samples drift in posture: for every generation that stored
// viewer samples (DIR/samples/g{g}/{arm}.clips, before and after correction), the mean root height, the mean
// pelvis tilt — the distance of the pelvis's 6-D rotation feature from upright, 0 when upright; about 0.35 is 20° —
// and the same tilt in degrees (posture.ts: the angle between the pelvis's up axis and the vertical).
// A corrector with a systematic bias (leaning, sagging) shows here as "after" further from the data than "before",
// and, iterated by the loop, as "before" moving generation by generation.
// Usage: npx tsx bench/sample-drift.ts RUN_DIR   (e.g. runs/reproduce/lambda1-s0)

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ARM_NAMES } from '../src/core/loop/config';
import { clipsFromBytes } from '../src/core/loop/clipBytes';
import type { Clip } from '../src/core/motion/clip';
import { clipToFeatures, FEATURE_DIM, rotationFeatureOffset } from '../src/core/motion/features';
import { clipPosture } from '../src/core/motion/posture';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npx tsx bench/sample-drift.ts RUN_DIR');
  process.exit(2);
}

/** Mean root height (m) and mean pelvis tilt (6-D distance from upright) over every frame of the clips. */
function posture(clips: readonly Clip[]): { rootHeight: number; tilt: number; tiltDeg: number } {
  let h = 0, tilt = 0, n = 0, deg = 0;
  const o0 = rotationFeatureOffset(0);
  for (const c of clips) {
    const f = clipToFeatures(c);
    deg += clipPosture(c).pelvisTiltDeg * c.nFrames;
    for (let t = 0; t < c.nFrames; t++, n++) {
      h += c.rootPos[t * 3 + 1];
      const o = t * FEATURE_DIM + o0;
      tilt += Math.hypot(f[o] - 1, f[o + 1], f[o + 2], f[o + 3], f[o + 4] - 1, f[o + 5]);
    }
  }
  return { rootHeight: h / n, tilt: tilt / n, tiltDeg: deg / n };
}

const real = path.join(dir, 'real.clips');
if (existsSync(real)) {
  const p = posture(clipsFromBytes(new Uint8Array(readFileSync(real)), real));
  console.log(`real clips: root height ${p.rootHeight.toFixed(3)} m, pelvis tilt ${p.tilt.toFixed(3)} (${p.tiltDeg.toFixed(1)}°)\n`);
}
console.log('| generation | arm | samples | root height before → after (m) | pelvis tilt before → after | tilt before → after (°) |\n|---:|---|---:|---|---|---|');
for (let g = 1; existsSync(path.join(dir, 'samples', `g${g}`)); g++) {
  for (const arm of ARM_NAMES) {
    const key = path.join(dir, 'samples', `g${g}`, arm);
    if (!existsSync(`${key}.clips`)) continue;
    const { count } = JSON.parse(readFileSync(`${key}.json`, 'utf8')) as { count: number };
    const clips = clipsFromBytes(new Uint8Array(readFileSync(`${key}.clips`)), `${key}.clips`);
    const b = posture(clips.slice(0, count)), a = posture(clips.slice(count));
    console.log(`| ${g} | ${arm} | ${count} | ${b.rootHeight.toFixed(3)} → ${a.rootHeight.toFixed(3)} | ${b.tilt.toFixed(3)} → ${a.tilt.toFixed(3)} | ${b.tiltDeg.toFixed(1)} → ${a.tiltDeg.toFixed(1)} |`);
  }
}
