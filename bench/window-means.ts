// FID, Phys-Err and R-precision of `scsc experiment` runs as means over windows of generations (a single
// generation's FID varies by about ±0.03 on 64 samples, so docs/results.md compares windows). One row per RUN_DIR:ARM.
// Usage: npx tsx bench/window-means.ts [--windows 1-10,11-25,26-50] RUN_DIR:ARM[=NAME] ...
//   e.g. npx tsx bench/window-means.ts runs/reproduce/baseline-s0:baseline runs/reproduce/lambda1-s0:self-consuming
// The last window is the "late" one whose Phys-Err and R-precision are shown too.

import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ArmMetrics { fid: number; physErr: number; rPrecision: number[] }
interface Generation { generation: number; arms: Record<string, { metrics: ArmMetrics } | undefined> }

const USAGE = 'usage: npx tsx bench/window-means.ts [--windows 1-10,11-25,26-50] RUN_DIR:ARM[=NAME] ...';
const args = process.argv.slice(2);
let windowSpec = '1-10,11-25,26-50';
const w = args.indexOf('--windows');
if (w >= 0) {
  windowSpec = args[w + 1] ?? '';
  args.splice(w, 2);
}
const WINDOWS: [number, number][] = windowSpec.split(',').map((part) => {
  const m = /^(\d+)-(\d+)$/.exec(part.trim());
  if (!m || +m[1] > +m[2]) {
    console.error(`window-means: --windows "${windowSpec}": "${part}" is not FROM-TO (generations, FROM ≤ TO)`);
    process.exit(2);
  }
  return [+m[1], +m[2]];
});
const [LATE_FROM, LATE_TO] = WINDOWS[WINDOWS.length - 1];
const specs = args;
if (specs.length === 0) {
  console.error(USAGE);
  process.exit(2);
}
const mean = (a: number[]): number => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : NaN);
const f = (v: number, d: number): string => (Number.isFinite(v) ? v.toFixed(d) : '—');

console.log(`| arm | ${WINDOWS.map(([a, b]) => `FID g${a}–${b}`).join(' | ')} | highest FID (generation) | Phys-Err g${LATE_FROM}–${LATE_TO} (mm) | R-precision top-3 g${LATE_FROM}–${LATE_TO} |`);
console.log(`|---|${WINDOWS.map(() => '---:').join('|')}|---:|---:|---:|`);
for (const spec of specs) {
  const m = /^(.+):([^:=]+)(?:=(.+))?$/.exec(spec);
  if (!m) {
    console.error(`window-means: "${spec}" is not RUN_DIR:ARM[=NAME]`);
    process.exit(2);
  }
  const [, dir, arm, name] = m;
  const file = path.join(dir, 'results.json');
  const gens = (JSON.parse(readFileSync(file, 'utf8')) as { generations: Generation[] }).generations
    .filter((g) => g.generation >= 1 && g.arms[arm]);
  if (gens.length === 0) {
    console.error(`window-means: ${file} has no generation ≥ 1 of arm "${arm}"`);
    process.exit(1);
  }
  const metric = (g: Generation): ArmMetrics => (g.arms[arm] as { metrics: ArmMetrics }).metrics;
  const inWindow = (a: number, b: number) => gens.filter((g) => g.generation >= a && g.generation <= b).map(metric);
  const top = gens.reduce((best, g) => (metric(g).fid > metric(best).fid ? g : best));
  const late = inWindow(LATE_FROM, LATE_TO);
  console.log(
    `| ${name ?? `${path.basename(dir)} ${arm}`} | ${WINDOWS.map(([a, b]) => f(mean(inWindow(a, b).map((x) => x.fid)), 3)).join(' | ')} | ` +
      `${f(metric(top).fid, 3)} (g${top.generation}) | ${f(mean(late.map((x) => x.physErr)), 1)} | ${f(mean(late.map((x) => x.rPrecision[2])), 2)} |`,
  );
}
