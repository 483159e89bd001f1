// One colour and one label per loop arm, shared by the charts, the viewer's arm picker and the runs list, so an
// arm looks the same everywhere: baseline blue, self-consuming red (it drifts), self-correcting teal (it holds),
// idealized (oracle correction) violet. Colours are chosen to stay apart for the common colour-vision deficiencies
// (red vs teal differ in lightness too) and every chart also names the arm in its legend and tooltip.

import type { ArmName } from '../core/loop/config';

export const ARM_COLORS: Readonly<Record<ArmName, string>> = Object.freeze({
  baseline: '#4c9be8',
  'self-consuming': '#e5484d',
  'self-correcting': '#3fb8a3',
  idealized: '#b59cf5',
});

export const ARM_LABELS: Readonly<Record<ArmName, string>> = Object.freeze({
  baseline: 'baseline (real data only)',
  'self-consuming': 'self-consuming (no correction)',
  'self-correcting': 'self-correcting (physics)',
  idealized: 'idealized (oracle correction)',
});

/** Dash pattern of each arm's line (colour is not the only cue). */
export const ARM_DASHES: Readonly<Record<ArmName, string | undefined>> = Object.freeze({
  baseline: undefined,
  'self-consuming': undefined,
  'self-correcting': undefined,
  idealized: '2 3',
});
