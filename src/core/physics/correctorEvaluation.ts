// The corrector's quality figures on a set of clips, the ones its targets are stated on: on good motion, median
// MPJPE to the input, share of clips with a fail-safe reset and Phys-Err before/after; on corrupted motion (each
// artifact kind), Phys-Err before/after and their ratio, Penetrate after, and for a hand through the torso its depth.
// Shared by `scsc correct --eval` and the `correction` benchmark.

import { Rng } from '../random';
import type { Clip } from '../motion/clip';
import { type PostureBias, postureBias } from '../motion/posture';
import { ARTIFACT_KINDS, handTorsoPenetration, injectArtifact, type ArtifactKind } from './artifacts';
import { correct, type CorrectOptions } from './corrector';

export interface GoodMotionFigures {
  clips: number;
  medianMpjpeMm: number;
  meanMpjpeMm: number;
  resetClipPercent: number;
  physErrBefore: number;
  physErrAfter: number;
  /** Share of clips whose output Phys-Err exceeds the input's by more than 2 mm (%). */
  worseBy2mmPercent: number;
  /** Systematic posture change of the output (after − before, means over clips; posture.ts). */
  bias: PostureBias;
  meanMs: number;
}

export type { PostureBias } from '../motion/posture';

export interface ArtifactFigures {
  clips: number;
  physErrBefore: number;
  physErrAfter: number;
  /** physErrAfter / physErrBefore (means over clips). */
  ratio: number;
  skateBefore: number;
  skateAfter: number;
  penetrateAfter: number;
  /** Only for hand-through-torso: mean hand depth inside the torso (mm). */
  handDepthBefore?: number;
  handDepthAfter?: number;
  medianMpjpeMm: number;
  resetClipPercent: number;
}

const mean = (a: number[]): number => (a.length ? a.reduce((s, x) => s + x, 0) / a.length : 0);
const median = (a: number[]): number => {
  if (!a.length) return 0;
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Quality on good motion: every clip corrected as it is. */
export function evaluateGoodMotion(clips: Clip[], options?: CorrectOptions, log?: (line: string) => void): GoodMotionFigures {
  const mp: number[] = [], pb: number[] = [], pa: number[] = [], ms: number[] = [];
  const outs: Clip[] = [];
  let resetClips = 0, worse = 0;
  clips.forEach((c, i) => {
    const { clip, report } = correct(c, options);
    outs.push(clip);
    mp.push(report.mpjpeMm);
    pb.push(report.before.physErr);
    pa.push(report.after.physErr);
    ms.push(report.ms);
    if (report.resets > 0) resetClips++;
    if (report.after.physErr > report.before.physErr + 2) worse++;
    if (log && (i + 1) % 64 === 0) log(`good motion: ${i + 1}/${clips.length} clips`);
  });
  return {
    clips: clips.length,
    medianMpjpeMm: median(mp),
    meanMpjpeMm: mean(mp),
    resetClipPercent: clips.length ? (100 * resetClips) / clips.length : 0,
    physErrBefore: mean(pb),
    physErrAfter: mean(pa),
    worseBy2mmPercent: clips.length ? (100 * worse) / clips.length : 0,
    bias: postureBias(clips, outs),
    meanMs: mean(ms),
  };
}

/** Quality on corrupted motion: each clip gets `kind` injected (seeded per clip id), then corrected. */
export function evaluateArtifact(clips: Clip[], kind: ArtifactKind, seed: number, options?: CorrectOptions): ArtifactFigures {
  const rng = new Rng(seed);
  const pb: number[] = [], pa: number[] = [], sb: number[] = [], sa: number[] = [], pen: number[] = [], mp: number[] = [];
  const hb: number[] = [], ha: number[] = [];
  let resetClips = 0;
  for (const c of clips) {
    const bad = injectArtifact(c, kind, rng.fork(`${kind}:${c.id}`));
    const { clip, report } = correct(bad, options);
    pb.push(report.before.physErr);
    pa.push(report.after.physErr);
    sb.push(report.before.skate);
    sa.push(report.after.skate);
    pen.push(report.after.penetrate);
    mp.push(report.mpjpeMm);
    if (report.resets > 0) resetClips++;
    if (kind === 'hand-through-torso') {
      hb.push(handTorsoPenetration(bad));
      ha.push(handTorsoPenetration(clip));
    }
  }
  const out: ArtifactFigures = {
    clips: clips.length,
    physErrBefore: mean(pb),
    physErrAfter: mean(pa),
    ratio: mean(pb) > 0 ? mean(pa) / mean(pb) : 0,
    skateBefore: mean(sb),
    skateAfter: mean(sa),
    penetrateAfter: mean(pen),
    medianMpjpeMm: median(mp),
    resetClipPercent: clips.length ? (100 * resetClips) / clips.length : 0,
  };
  if (kind === 'hand-through-torso') {
    out.handDepthBefore = mean(hb);
    out.handDepthAfter = mean(ha);
  }
  return out;
}

/** Good-motion figures on `good`, and artifact figures per kind on `corrupt` (defaults: all kinds). */
export function evaluateCorrector(
  good: Clip[],
  corrupt: Clip[],
  opts: { seed?: number; kinds?: readonly ArtifactKind[]; options?: CorrectOptions; log?: (line: string) => void } = {},
): { good: GoodMotionFigures; artifacts: Partial<Record<ArtifactKind, ArtifactFigures>> } {
  const goodFigures = evaluateGoodMotion(good, opts.options, opts.log);
  opts.log?.(`good motion: median MPJPE ${goodFigures.medianMpjpeMm.toFixed(1)} mm, resets in ${goodFigures.resetClipPercent.toFixed(1)} % of clips`);
  const artifacts: Partial<Record<ArtifactKind, ArtifactFigures>> = {};
  for (const kind of opts.kinds ?? ARTIFACT_KINDS) {
    const f = evaluateArtifact(corrupt, kind, opts.seed ?? 1, opts.options);
    artifacts[kind] = f;
    opts.log?.(`${kind}: Phys-Err ${f.physErrBefore.toFixed(1)} → ${f.physErrAfter.toFixed(1)} mm (ratio ${f.ratio.toFixed(3)})`);
  }
  return { good: goodFigures, artifacts };
}

export interface ImperfectFigures {
  clips: number;
  physErrBefore: number;
  physErrAfter: number;
  /** Mean joint jerk (m/s³) of input and output. */
  jitterBefore: number;
  jitterAfter: number;
  medianMpjpeMm: number;
  meanMpjpeMm: number;
  maxMpjpeMm: number;
  resetClipPercent: number;
  /** Share of clips (%) whose output Phys-Err / jitter is higher than the input's. */
  physErrWorsePercent: number;
  jitterWorsePercent: number;
  /** Systematic posture change of the output (after − before, means over clips; posture.ts). */
  bias: PostureBias;
  meanMs: number;
}

/**
 * Quality on imperfect motion (imperfect.ts's corrupted clips or real generated samples): the corrector must lower
 * Phys-Err and jitter while staying near the input. `groupOf` splits the figures by kind (e.g. the corruption).
 */
export function evaluateImperfect(
  clips: readonly Clip[],
  options?: CorrectOptions,
  groupOf: (c: Clip) => string = () => 'all',
  log?: (line: string) => void,
): { all: ImperfectFigures; byKind: Record<string, ImperfectFigures> } {
  type Row = { g: string; pb: number; pa: number; jb: number; ja: number; mp: number; reset: boolean; ms: number; input: Clip; output: Clip };
  const rows: Row[] = [];
  clips.forEach((c, i) => {
    const { clip, report } = correct(c, options);
    rows.push({
      input: c, output: clip, g: groupOf(c), pb: report.before.physErr, pa: report.after.physErr, jb: report.before.jitter, ja: report.after.jitter,
      mp: report.mpjpeMm, reset: report.resets > 0, ms: report.ms,
    });
    if (log && (i + 1) % 32 === 0) log(`imperfect motion: ${i + 1}/${clips.length} clips`);
  });
  const fig = (r: Row[]): ImperfectFigures => ({
    clips: r.length,
    physErrBefore: mean(r.map((x) => x.pb)),
    physErrAfter: mean(r.map((x) => x.pa)),
    jitterBefore: mean(r.map((x) => x.jb)),
    jitterAfter: mean(r.map((x) => x.ja)),
    medianMpjpeMm: median(r.map((x) => x.mp)),
    meanMpjpeMm: mean(r.map((x) => x.mp)),
    maxMpjpeMm: r.reduce((m, x) => Math.max(m, x.mp), 0),
    resetClipPercent: r.length ? (100 * r.filter((x) => x.reset).length) / r.length : 0,
    physErrWorsePercent: r.length ? (100 * r.filter((x) => x.pa > x.pb).length) / r.length : 0,
    jitterWorsePercent: r.length ? (100 * r.filter((x) => x.ja > x.jb).length) / r.length : 0,
    bias: postureBias(r.map((x) => x.input), r.map((x) => x.output)),
    meanMs: mean(r.map((x) => x.ms)),
  });
  const byKind: Record<string, ImperfectFigures> = {};
  for (const g of [...new Set(rows.map((r) => r.g))]) byKind[g] = fig(rows.filter((r) => r.g === g));
  return { all: fig(rows), byKind };
}
