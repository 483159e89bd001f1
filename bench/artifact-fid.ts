// Does the evaluator's FID see physical errors? (Why physics correction does not lower FID here.) Takes
// the real training clips of an `scsc experiment` run, injects each artifact kind (artifacts.ts: sink, float, slide,
// jitter, hand through torso) and each imperfect-motion kind (imperfect.ts), and prints FID against the test
// reference and Phys-Err for each. If FID barely moves while Phys-Err grows tenfold, the evaluator is nearly blind to
// what a physics corrector fixes, and correcting samples cannot bring their FID down.
// Usage: npx tsx bench/artifact-fid.ts RUN_DIR   (e.g. runs/reproduce/gen0-s0)

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadEvaluatorFile } from '../src/cli/evaluatorFile';
import { selectNodeBackend } from '../src/core/diffusion/backendNode';
import { evaluateMotions } from '../src/core/eval/motionMetrics';
import { clipsFromBytes } from '../src/core/loop/clipBytes';
import type { Clip } from '../src/core/motion/clip';
import { generateTestSplit } from '../src/core/motion/dataset/index';
import { ARTIFACT_KINDS, injectArtifact } from '../src/core/physics/artifacts';
import { corruptImperfect, IMPERFECT_KINDS } from '../src/core/physics/imperfect';
import { Rng } from '../src/core/random';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npx tsx bench/artifact-fid.ts RUN_DIR');
  process.exit(2);
}
await selectNodeBackend('wasm');
const ev = await loadEvaluatorFile();
const file = path.join(dir, 'real.clips');
const real = clipsFromBytes(new Uint8Array(await readFile(file)), file);
const reference = generateTestSplit(256);
const row = async (name: string, clips: Clip[]): Promise<void> => {
  const m = await evaluateMotions(ev, clips, reference, { seed: 3 });
  console.log(`| ${name} | ${m.fid.toFixed(3)} | ${m.physErr.toFixed(1)} |`);
};
console.log(`${real.length} real clips of ${dir} against ${reference.length} test clips\n\n| clips | FID | Phys-Err (mm) |\n|---|---:|---:|`);
await row('real', real);
for (const kind of ARTIFACT_KINDS) {
  const rng = new Rng(7);
  await row(`artifact: ${kind}`, real.map((c) => injectArtifact(c, kind, rng.fork(c.id))));
}
for (const kind of IMPERFECT_KINDS) {
  const rng = new Rng(7);
  await row(`imperfect: ${kind}`, real.map((c) => corruptImperfect(c, kind, rng.fork(c.id))));
}
ev.dispose();
