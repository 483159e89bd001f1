// The figures the viewer draws for what the panel shows: one real (or prompt) clip; a run's before/after pair side
// by side; and, with Simulate on, the simulated ragdoll beside the motion it performed (or overlaid: the ragdoll
// solid, the motion see-through over it).
// Pure: turns the selection into ViewerClip descriptions (colours, offsets, labels).

import type { Clip } from '../../core/motion/clip';
import type { ViewerClip } from './motionViewer';
import type { SimulatedRagdoll } from './ragdollSimulation';
import { afterLabel, type SamplePair } from './selection';

export const FIGURE_COLOR = '#f2a541';
export const AFTER_COLOR = '#4cc9a0';
export const RAGDOLL_COLOR = '#6aa8ff';
/** Sideways distance (m) between figures shown side by side. */
export const FIGURE_SPACING = 1.5;

export type FigureSpec =
  | { kind: 'single'; clip: Clip; ragdoll: SimulatedRagdoll | null; overlay: boolean }
  | { kind: 'pair'; pair: SamplePair; ragdoll: SimulatedRagdoll | null; overlay: boolean };

function ragdollFigure(r: SimulatedRagdoll, offsetX: number, overlay: boolean): ViewerClip {
  return {
    clip: r.clip,
    positions: r.positions,
    ragdollRotations: r.rotations,
    color: RAGDOLL_COLOR,
    offsetX,
    label: overlay ? undefined : 'ragdoll (simulated)',
    // Over the input, one set of contact marks (the input's) is enough.
    contacts: !overlay,
  };
}

/** The viewer's figures for `spec`. */
export function buildFigures(spec: FigureSpec): ViewerClip[] {
  const h = FIGURE_SPACING / 2;
  if (spec.kind === 'single') {
    if (!spec.ragdoll) return [{ clip: spec.clip, color: FIGURE_COLOR }];
    const x = spec.overlay ? 0 : -h;
    return [
      { clip: spec.clip, color: FIGURE_COLOR, offsetX: x, label: spec.overlay ? 'input + ragdoll' : 'input', opacity: spec.overlay ? 0.45 : 1 },
      ragdollFigure(spec.ragdoll, spec.overlay ? 0 : h, spec.overlay),
    ];
  }
  const { pair } = spec;
  const out: ViewerClip[] = [
    { clip: pair.before, color: FIGURE_COLOR, offsetX: -h, label: 'before' },
    { clip: pair.after, color: AFTER_COLOR, offsetX: h, label: afterLabel(pair.arm, pair.corrected) },
  ];
  if (spec.ragdoll) out.push(ragdollFigure(spec.ragdoll, spec.overlay ? -h : h + FIGURE_SPACING, spec.overlay));
  return out;
}
