// Is the physics corrector idempotent? (issue 7: the loop applies it again and again to what the model learned from
// its last output.) Corrects N test-split clips, then corrects the corrected clips, K times, and prints per pass the
// mean MPJPE to the previous pass and to the original, the mean joint jitter and the mean root height. A contractive
// corrector's step shrinks towards 0; an expansive one's grows, and a self-correcting loop compounds it.
// Usage: npx tsx bench/iterate-correction.ts [--clips 12] [--passes 5] [--root-integral 5] [--velocity-feed-forward 0|1]

import { parseArgs } from 'node:util';
import type { Clip } from '../src/core/motion/clip';
import { generateTestSplit } from '../src/core/motion/dataset/index';
import { jointPositions } from '../src/core/motion/fk';
import { clipPhysMetrics } from '../src/core/motion/physMetrics';
import { clipPosture } from '../src/core/motion/posture';
import { correct, initPhysics, type CorrectOptions } from '../src/core/physics/index';

const { values } = parseArgs({
  options: {
    clips: { type: 'string', default: '12' }, passes: { type: 'string', default: '5' },
    'root-integral': { type: 'string', default: '5' }, 'velocity-feed-forward': { type: 'string' },
  },
});
const N = Number(values.clips), K = Number(values.passes), KI = Number(values['root-integral']);
if (![N, K, KI].every((v) => Number.isFinite(v) && v >= 0)) {
  console.error('iterate-correction: --clips, --passes and --root-integral must be numbers ≥ 0');
  process.exit(2);
}
const options: CorrectOptions = { rootIntegralGain: KI };
if (values['velocity-feed-forward'] !== undefined) options.velocityFeedForward = values['velocity-feed-forward'] !== '0';

const mpjpe = (a: Clip, b: Clip): number => {
  const p = jointPositions(a), q = jointPositions(b);
  let s = 0;
  for (let i = 0; i < p.length; i += 3) s += Math.hypot(p[i] - q[i], p[i + 1] - q[i + 1], p[i + 2] - q[i + 2]);
  return (s / (p.length / 3)) * 1000;
};
const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;

await initPhysics();
const input = generateTestSplit(N);
console.log(`${N} test clips, ${K} passes, options ${JSON.stringify(options)}\n`);
console.log('| pass | MPJPE to previous (mm) | MPJPE to input (mm) | jitter (m/s³) | root height (m) |\n|---:|---:|---:|---:|---:|');
console.log(`| 0 | — | — | ${mean(input.map((c) => clipPhysMetrics(c).jitter)).toFixed(0)} | ${mean(input.map((c) => clipPosture(c).rootHeight)).toFixed(3)} |`);
let cur = input;
for (let k = 1; k <= K; k++) {
  const next = cur.map((c) => correct(c, options).clip);
  console.log(
    `| ${k} | ${mean(next.map((c, i) => mpjpe(c, cur[i]))).toFixed(1)} | ${mean(next.map((c, i) => mpjpe(c, input[i]))).toFixed(1)} | ` +
      `${mean(next.map((c) => clipPhysMetrics(c).jitter)).toFixed(0)} | ${mean(next.map((c) => clipPosture(c).rootHeight)).toFixed(3)} |`,
  );
  cur = next;
}
