// Public surface of the physics corrector: init, correct one clip, correct a batch with strength γ, artifact
// injection for tests and benchmarks, and the ragdoll's shapes for drawing.

export { initPhysics, physicsReady } from './rapier';
export { correct, type CorrectOptions, type CorrectionReport, type PhysMetrics } from './corrector';
export { applyCorrection, blendClips, type CorrectionMode } from './gammaCorrection';
export { injectArtifact, handTorsoPenetration, ARTIFACT_KINDS, type ArtifactKind } from './artifacts';
export { corruptImperfect, imperfectSet, IMPERFECT_KINDS, type ImperfectKind } from './imperfect';
export { DEFAULT_GAINS, type GainTable, type JointGain } from './gains';
export { HUMANOID_SEGMENTS, BODY_MASS, ragdollCapsules, ragdollPose, type HumanoidSegment, type SegmentShape } from './humanoid';
export { evaluateCorrector, evaluateArtifact, evaluateGoodMotion, evaluateImperfect, type ArtifactFigures, type GoodMotionFigures, type ImperfectFigures } from './correctorEvaluation';
