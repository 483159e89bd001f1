// The clips the first page shows. Until the procedural dataset lands this is a rest-pose placeholder.

import { emptyClip, type Clip } from '../core/motion/clip';
import { STANDING_PELVIS_HEIGHT } from '../core/motion/skeleton';

export interface ClipSet {
  clips: Clip[];
  source: string;
}

export function embeddedClips(): ClipSet {
  const clips: Clip[] = [];
  for (let k = 0; k < 2; k++) {
    const c = emptyClip();
    for (let f = 0; f < c.nFrames; f++) c.rootPos[f * 3 + 1] = STANDING_PELVIS_HEIGHT;
    c.id = `rest-${k}`;
    c.label = 'stand';
    c.caption = k === 0 ? 'a person stands still in the rest pose' : 'someone holds a T-pose';
    clips.push(c);
  }
  return { clips, source: 'rest-pose placeholder' };
}
