// The one skeleton of SCSC Lab: 22 joints in SMPL order and naming, one fixed adult body about 1.75 m tall.
// Rest pose is a T-pose, Y up, the body faces +Z and its left side is +X (the SMPL convention); units are metres.
// Everything that needs joint indices, parents, bone offsets or foot geometry takes them from here.

export const JOINT_NAMES = [
  'pelvis', 'left_hip', 'right_hip', 'spine1', 'left_knee', 'right_knee', 'spine2', 'left_ankle',
  'right_ankle', 'spine3', 'left_foot', 'right_foot', 'neck', 'left_collar', 'right_collar', 'head',
  'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist',
] as const;

export type JointName = (typeof JOINT_NAMES)[number];

export const NUM_JOINTS = 22;

/** Parent index of each joint (-1 for the root); parents always come before children. */
export const PARENTS: readonly number[] = [-1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 12, 13, 14, 16, 17, 18, 19];

/** Joint index by name. */
export const J: Readonly<Record<JointName, number>> = Object.fromEntries(
  JOINT_NAMES.map((n, i) => [n, i]),
) as Record<JointName, number>;

/**
 * Rest-pose offset of each joint from its parent (metres), in the parent's frame. The root's offset is zero: its
 * position is the clip's root trajectory. Lengths: thigh 0.40, shank 0.40, upper arm 0.27, forearm 0.25.
 */
export const REST_OFFSETS: Float64Array = new Float64Array([
  0, 0, 0, //           pelvis
  0.09, -0.07, 0, //     left_hip
  -0.09, -0.07, 0, //    right_hip
  0, 0.11, -0.01, //     spine1
  0, -0.4, 0, //         left_knee
  0, -0.4, 0, //         right_knee
  0, 0.13, 0, //         spine2
  0, -0.4, -0.01, //     left_ankle
  0, -0.4, -0.01, //     right_ankle
  0, 0.05, 0.01, //      spine3
  0, -0.05, 0.13, //     left_foot (ball of the foot / toe base)
  0, -0.05, 0.13, //     right_foot
  0, 0.2, 0, //          neck
  0.07, 0.14, -0.01, //  left_collar
  -0.07, 0.14, -0.01, // right_collar
  0, 0.12, 0.03, //      head
  0.12, 0.03, 0, //      left_shoulder
  -0.12, 0.03, 0, //     right_shoulder
  0.27, 0, 0, //         left_elbow
  -0.27, 0, 0, //        right_elbow
  0.25, 0, 0, //         left_wrist
  -0.25, 0, 0, //        right_wrist
]);

/** Height of the ankle joint above the sole when the foot is flat (m). */
export const ANKLE_SOLE_OFFSET = 0.08;
/** Height of the foot (toe-base) joint above the sole when the foot is flat (m). */
export const TOE_SOLE_OFFSET = 0.03;

/** Pelvis height when standing upright in the rest pose with flat feet (m). */
export const STANDING_PELVIS_HEIGHT = 0.07 + 0.4 + 0.4 + ANKLE_SOLE_OFFSET; // 0.95

/** Total body height in the rest pose (m): from the sole to the top of the head (head joint + 0.18). */
export const BODY_HEIGHT = STANDING_PELVIS_HEIGHT + 0.11 + 0.13 + 0.05 + 0.2 + 0.12 + 0.18;

/** Length of the bone from joint i's parent to joint i (m). */
export function boneLength(i: number): number {
  const x = REST_OFFSETS[3 * i];
  const y = REST_OFFSETS[3 * i + 1];
  const z = REST_OFFSETS[3 * i + 2];
  return Math.sqrt(x * x + y * y + z * z);
}

/** Left/right mirror partner of each joint (itself for joints on the midline). */
export const MIRROR: readonly number[] = JOINT_NAMES.map((n) => {
  if (n.startsWith('left_')) return JOINT_NAMES.indexOf(('right_' + n.slice(5)) as JointName);
  if (n.startsWith('right_')) return JOINT_NAMES.indexOf(('left_' + n.slice(6)) as JointName);
  return JOINT_NAMES.indexOf(n);
});
