// `scsc bench --suite correction`: speed of the physics corrector (ms per 3-s clip, clips per second, × real time,
// on one core: the corrector is single-threaded), memory over many corrections (Rapier worlds are freed), and its
// quality figures on the test split (good motion and each artifact kind), on imperfect motion (imperfect.ts's
// diffusion-style corruptions of test clips) and on the generated-samples fixture. --quick uses fewer clips.

import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { BenchSuite } from './suite';
import { correct, initPhysics } from '../../core/physics/index';
import { readFileSync } from 'node:fs';
import { evaluateCorrector, evaluateImperfect, type ImperfectFigures } from '../../core/physics/correctorEvaluation';
import { imperfectSet } from '../../core/physics/imperfect';
import { PGS_ITERATIONS, SOLVER_ITERATIONS } from '../../core/physics/corrector';
import { clipsFromDatasetJson } from '../../core/motion/datasetJson';
import { generateTestSplit } from '../../core/motion/dataset/index';

const r2 = (v: number): number => Math.round(v * 100) / 100;

/** A full garbage collection function: node's `gc` when started with --expose-gc, else enabled at run time. */
function exposeGc(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

export const correctionBench: BenchSuite = {
  name: 'correction',
  description: 'physics corrector: ms per 3-s clip, × real time, memory over N corrections, quality on the test split',
  async run({ quick, log }) {
    const t0 = performance.now();
    await initPhysics();
    const initMs = performance.now() - t0;
    const nSpeed = quick ? 12 : 48;
    const clips = generateTestSplit(Math.max(nSpeed, 12));
    const first = performance.now();
    correct(clips[0]);
    const firstMs = performance.now() - first;
    const times: number[] = [];
    let simSeconds = 0;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < nSpeed; i++) {
      const c = clips[i % clips.length];
      const s = performance.now();
      correct(c);
      times.push(performance.now() - s);
      simSeconds += (c.nFrames - 1) / c.fps;
    }
    const cpu = process.cpuUsage(cpu0);
    const total = times.reduce((a, b) => a + b, 0);
    const sorted = [...times].sort((a, b) => a - b);
    log(`speed: ${(total / nSpeed).toFixed(1)} ms per clip over ${nSpeed} clips`);

    // memory: heap and RSS (after a full GC) after a warm-up block, half-way and after nMem more corrections. The
    // loop corrects 1-s clips (the first 20 frames of test clips): every correction builds and frees a whole world
    // of the same 22 bodies, so memory per correction is that of a 3-s clip at a third of the time.
    const nMem = quick ? 100 : 1000;
    const gc = exposeGc();
    const short = clips.map((c) => ({ ...c, nFrames: 20, rootPos: c.rootPos.slice(0, 60), rotations: c.rotations.slice(0, 20 * 88), flight: c.flight?.slice(0, 20) }));
    const warm = Math.min(50, nMem);
    for (let i = 0; i < warm; i++) correct(short[i % short.length]);
    gc?.();
    const m0 = process.memoryUsage();
    let mHalf = m0;
    for (let i = 0; i < nMem; i++) {
      correct(short[i % short.length]);
      if (i + 1 === nMem >> 1) {
        gc?.();
        mHalf = process.memoryUsage();
      }
      if ((i + 1) % 250 === 0) log(`memory: ${i + 1}/${nMem} corrections`);
    }
    gc?.();
    const m1 = process.memoryUsage();

    const nGood = quick ? 24 : 512;
    const nArt = quick ? 12 : 128;
    const test = generateTestSplit(Math.max(nGood, nArt));
    const quality = evaluateCorrector(test.slice(0, nGood), test.slice(0, nArt), { log });
    const flat: Record<string, number | string | boolean | null> = {};
    for (const [kind, f] of Object.entries(quality.artifacts)) {
      if (!f) continue;
      flat[`${kind}.physErrBefore`] = r2(f.physErrBefore);
      flat[`${kind}.physErrAfter`] = r2(f.physErrAfter);
      flat[`${kind}.ratio`] = Math.round(f.ratio * 1000) / 1000;
      flat[`${kind}.penetrateAfter`] = r2(f.penetrateAfter);
      flat[`${kind}.skateBefore`] = r2(f.skateBefore);
      flat[`${kind}.skateAfter`] = r2(f.skateAfter);
      if (f.handDepthBefore !== undefined) flat[`${kind}.handDepthBefore`] = r2(f.handDepthBefore);
      if (f.handDepthAfter !== undefined) flat[`${kind}.handDepthAfter`] = r2(f.handDepthAfter);
    }
    const nImp = quick ? 10 : 100;
    const imp = evaluateImperfect(imperfectSet(test.length >= nImp ? test.slice(0, nImp) : generateTestSplit(nImp), 1), undefined, (c) => String(c.meta?.imperfect ?? '?'));
    const genFile = new URL('../../../test/fixtures/physics/generated-tiny.json', import.meta.url);
    const gen = evaluateImperfect(clipsFromDatasetJson(JSON.parse(readFileSync(genFile, 'utf8')), 'generated-tiny.json'));
    const imperfectJson = (f: ImperfectFigures) => ({
      clips: f.clips, physErrBefore: r2(f.physErrBefore), physErrAfter: r2(f.physErrAfter), jitterBefore: r2(f.jitterBefore),
      jitterAfter: r2(f.jitterAfter), medianMpjpeMm: r2(f.medianMpjpeMm), maxMpjpeMm: r2(f.maxMpjpeMm), resetClipPercent: r2(f.resetClipPercent),
      physErrWorsePercent: r2(f.physErrWorsePercent), jitterWorsePercent: r2(f.jitterWorsePercent),
    });
    log(`imperfect: Phys-Err ${imp.all.physErrBefore.toFixed(1)} → ${imp.all.physErrAfter.toFixed(1)} mm; generated: ${gen.all.physErrBefore.toFixed(1)} → ${gen.all.physErrAfter.toFixed(1)} mm`);
    return {
      initMs: r2(initMs),
      firstClipMs: r2(firstMs),
      clipsTimed: nSpeed,
      msPerClip: r2(total / nSpeed),
      msPerClipMedian: r2(sorted[sorted.length >> 1]),
      /** CPU time of this process per clip (user + system): less sensitive to other load on the machine. */
      cpuMsPerClip: r2((cpu.user + cpu.system) / 1000 / nSpeed),
      loadAverage1m: r2(os.loadavg()[0]),
      clipsPerSecond: r2((1000 * nSpeed) / total),
      timesRealTime: r2((1000 * simSeconds) / total),
      cores: 1,
      simHz: 240,
      solverIterations: SOLVER_ITERATIONS,
      pgsIterations: PGS_ITERATIONS,
      memory: {
        corrections: nMem,
        heapUsedMbBefore: r2(m0.heapUsed / 2 ** 20),
        heapUsedMbHalfway: r2(mHalf.heapUsed / 2 ** 20),
        heapUsedMbAfter: r2(m1.heapUsed / 2 ** 20),
        rssMbBefore: r2(m0.rss / 2 ** 20),
        rssMbHalfway: r2(mHalf.rss / 2 ** 20),
        rssMbAfter: r2(m1.rss / 2 ** 20),
        gcExposed: typeof gc === 'function',
      },
      goodMotion: {
        clips: quality.good.clips,
        medianMpjpeMm: r2(quality.good.medianMpjpeMm),
        meanMpjpeMm: r2(quality.good.meanMpjpeMm),
        resetClipPercent: r2(quality.good.resetClipPercent),
        physErrBefore: r2(quality.good.physErrBefore),
        physErrAfter: r2(quality.good.physErrAfter),
        worseBy2mmPercent: r2(quality.good.worseBy2mmPercent),
      },
      artifacts: { clips: nArt, ...flat },
      imperfect: imperfectJson(imp.all),
      generated: imperfectJson(gen.all),
    };
  },
};
