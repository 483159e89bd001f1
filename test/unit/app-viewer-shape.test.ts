// The viewer's capsule body and the app store: every bone is drawn with a positive radius, joint spheres cap
// every capsule, and the store keeps the selection inside the clip list.

import { describe, expect, it } from 'vitest';
import { BONES, BONE_RADIUS, JOINT_RADIUS, jointBelowFloor } from '../../src/app/viewer/bodyShape';
import { J, NUM_JOINTS, PARENTS, STANDING_PELVIS_HEIGHT } from '../../src/core/motion/skeleton';
import { jointPositions } from '../../src/core/motion/fk';
import { emptyClip } from '../../src/core/motion/clip';
import { useAppStore } from '../../src/app/store';

describe('capsule body shape', () => {
  it('draws one capsule per non-root joint, from its parent', () => {
    expect(BONES.length).toBe(NUM_JOINTS - 1);
    for (const [p, j] of BONES) expect(PARENTS[j]).toBe(p);
  });

  it('gives every bone a plausible radius and caps both ends with a sphere at least as thick', () => {
    for (const [p, j] of BONES) {
      expect(BONE_RADIUS[j]).toBeGreaterThan(0.02);
      expect(BONE_RADIUS[j]).toBeLessThan(0.15);
      expect(JOINT_RADIUS[j]).toBeGreaterThanOrEqual(BONE_RADIUS[j]);
      expect(JOINT_RADIUS[p]).toBeGreaterThanOrEqual(BONE_RADIUS[j]);
    }
  });
});

describe('below-floor marking', () => {
  const standing = (dy: number) => {
    const c = emptyClip(2);
    c.rootPos[1] = STANDING_PELVIS_HEIGHT + dy;
    return jointPositions(c);
  };
  const below = (pos: Float32Array) => {
    const out: number[] = [];
    for (let j = 0; j < NUM_JOINTS; j++) if (jointBelowFloor(j, pos[j * 3 + 1])) out.push(j);
    return out;
  };

  it('marks nothing for a body standing flat on the floor, nor 4 mm low (within the 5 mm tolerance)', () => {
    expect(below(standing(0))).toEqual([]);
    expect(below(standing(-0.004))).toEqual([]);
  });

  it('marks exactly the ankles and feet when the body is sunk 1 cm', () => {
    expect(below(standing(-0.01)).sort((a, b) => a - b)).toEqual(
      [J.left_ankle, J.right_ankle, J.left_foot, J.right_foot].sort((a, b) => a - b),
    );
  });
});

describe('app store', () => {
  it('selects within range and resets the selection when clips change', () => {
    const clips = [emptyClip(), emptyClip(), emptyClip()];
    useAppStore.getState().setClips(clips, 'test');
    useAppStore.getState().select(2);
    expect(useAppStore.getState().selected).toBe(2);
    useAppStore.getState().select(99);
    expect(useAppStore.getState().selected).toBe(2);
    useAppStore.getState().select(-4);
    expect(useAppStore.getState().selected).toBe(0);
    useAppStore.getState().select(1);
    useAppStore.getState().setClips(clips.slice(0, 2), 'test 2');
    expect(useAppStore.getState().selected).toBe(0);
    expect(useAppStore.getState().source).toBe('test 2');
  });

  it('toggles playback', () => {
    const before = useAppStore.getState().playing;
    useAppStore.getState().togglePlaying();
    expect(useAppStore.getState().playing).toBe(!before);
  });
});
