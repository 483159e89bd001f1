// `scsc correct`: run the physics corrector on the clips of a .bvh/.json file (or folder) and print each report;
// `--out` writes the corrected clips. `--eval N` instead measures the corrector on N test-split clips (good
// motion and every artifact kind) and prints the quality figures; `--kinds imperfect` adds the imperfect-motion
// set (imperfect.ts: test clips corrupted the way a diffusion model errs) and `--kinds generated` the real
// samples of a briefly trained diffusion model (test/fixtures/physics/generated-tiny.json).

import { UserError } from '../args';
import type { Command } from '../command';
import { readClipsFile, writeClipsFile } from '../io';
import { ARTIFACT_KINDS, correct, initPhysics, type ArtifactKind, type CorrectOptions, type CorrectionReport } from '../../core/physics/index';
import { evaluateCorrector, evaluateImperfect, type ImperfectFigures } from '../../core/physics/correctorEvaluation';
import { imperfectSet } from '../../core/physics/imperfect';
import { fileURLToPath } from 'node:url';
import { generateTestSplit } from '../../core/motion/dataset/index';

/** Real samples of a briefly trained tiny diffusion model (how they were made: the README beside it). */
const GENERATED_FIXTURE = fileURLToPath(new URL('../../../test/fixtures/physics/generated-tiny.json', import.meta.url));

const r2 = (v: number): number => Math.round(v * 100) / 100;

function reportJson(r: CorrectionReport): Record<string, unknown> {
  const m = (x: CorrectionReport['before']) => ({ penetrate: r2(x.penetrate), float: r2(x.float), skate: r2(x.skate), physErr: r2(x.physErr), jitter: r2(x.jitter) });
  return {
    mpjpeMm: r2(r.mpjpeMm), resets: r.resets, residualForceMean: r2(r.residualForceMean), residualForceMax: r2(r.residualForceMax),
    before: m(r.before), after: m(r.after), ms: r2(r.ms), ...(r.failSafe ? { failSafe: r.failSafe } : {}),
  };
}

export const correctCommand: Command = {
  spec: {
    name: 'correct',
    summary: 'physics-correct the clips of a file (PD-controlled Rapier humanoid); --eval N measures the corrector',
    usage: 'IN.bvh|IN.json|FOLDER [--out OUT] [--sim-hz N] [--residual-force N] [--residual-torque N] [--root-integral K] [--json] | --eval N [--artifact-clips M] [--good-clips K] [--kinds LIST]',
    positionals: [{ name: 'IN', required: false }],
    flags: {
      out: { type: 'string', description: 'write the corrected clips here (.json, .bvh or a folder)' },
      'sim-hz': { type: 'number', description: 'simulation rate (Hz)', default: 240, min: 240, max: 4000 },
      'residual-force': { type: 'number', description: 'largest residual force on the pelvis (N); default m·g ≈ 687', min: 0 },
      'residual-torque': { type: 'number', description: 'largest residual torque on the pelvis (N·m)', default: 400, min: 0 },
      'root-integral': { type: 'number', description: 'integral gain (1/s) of the pelvis support (0: PD only; the loop uses 5)', default: 0, min: 0, max: 100 },
      eval: { type: 'int', description: 'measure on this many test-split clips instead of reading a file', min: 1, max: 4096 },
      'artifact-clips': { type: 'int', description: 'with --eval: clips per artifact kind (default: same as --eval)', min: 1, max: 4096 },
      kinds: { type: 'string', description: `with --eval: artifact kinds, comma-separated, or none (default: ${ARTIFACT_KINDS.join(',')}); also imperfect (--artifact-clips corrupted test clips) and generated (the diffusion samples fixture)` },
      'good-clips': { type: 'int', description: 'with --eval: good-motion clips (default: --eval N; 0 skips them)', min: 0, max: 4096 },
    },
  },
  async run(args, io) {
    const options: CorrectOptions = {
      simHz: args.flags['sim-hz'] as number,
      residualTorqueLimit: args.flags['residual-torque'] as number,
      rootIntegralGain: args.flags['root-integral'] as number,
      ...(typeof args.flags['residual-force'] === 'number' ? { residualForceLimit: args.flags['residual-force'] } : {}),
    };
    const file = args.positionals[0];
    if (typeof args.flags.eval === 'number') {
      if (file) throw new UserError('scsc correct: give either an input file or --eval N, not both');
      await initPhysics();
      const n = args.flags.eval;
      const m = typeof args.flags['artifact-clips'] === 'number' ? args.flags['artifact-clips'] : n;
      const t0 = performance.now();
      const clips = generateTestSplit(Math.max(n, m));
      const kindsFlag = typeof args.flags.kinds === 'string' ? args.flags.kinds.trim() : '';
      const all = kindsFlag === '' ? [...ARTIFACT_KINDS] : kindsFlag === 'none' ? [] : kindsFlag.split(',').map((k) => k.trim());
      const extra = ['imperfect', 'generated'];
      for (const k of all) {
        if (!(ARTIFACT_KINDS as readonly string[]).includes(k) && !extra.includes(k)) {
          throw new UserError(`scsc correct: --kinds: unknown kind "${k}" (kinds: ${[...ARTIFACT_KINDS, ...extra].join(', ')}, or none)`);
        }
      }
      const kinds = all.filter((k) => !extra.includes(k)) as ArtifactKind[];
      const nGood = typeof args.flags['good-clips'] === 'number' ? args.flags['good-clips'] : n;
      const log = (l: string) => io.err(`correct --eval: ${l}\n`);
      const cpu0 = process.cpuUsage();
      const res = evaluateCorrector(clips.slice(0, nGood), clips.slice(0, m), { options, kinds, log });
      const more: { imperfect?: { all: ImperfectFigures; byKind: Record<string, ImperfectFigures> }; generated?: { all: ImperfectFigures; byKind: Record<string, ImperfectFigures> } } = {};
      if (all.includes('imperfect')) {
        more.imperfect = evaluateImperfect(imperfectSet(clips.slice(0, m), 1), options, (c) => String(c.meta?.imperfect ?? '?'), log);
      }
      if (all.includes('generated')) {
        const gen = await readClipsFile(GENERATED_FIXTURE);
        more.generated = evaluateImperfect(gen, options, (c) => c.label || '?', log);
      }
      const cpu = process.cpuUsage(cpu0);
      const out = {
        command: `scsc correct --eval ${n}${m !== n ? ` --artifact-clips ${m}` : ''}${kindsFlag ? ` --kinds ${kindsFlag}` : ''}${nGood !== n ? ` --good-clips ${nGood}` : ''}${options.rootIntegralGain ? ` --root-integral ${options.rootIntegralGain}` : ''}`,
        seconds: r2((performance.now() - t0) / 1000),
        cpuSeconds: r2((cpu.user + cpu.system) / 1e6),
        ...(nGood > 0 ? { good: res.good } : {}),
        artifacts: res.artifacts,
        ...more,
      };
      io.out(JSON.stringify(out, (_k, v) => (typeof v === 'number' ? r2(v) : v), args.flags.json ? 1 : 2) + '\n');
      return;
    }
    if (!file) throw new UserError('scsc correct: missing IN (usage: scsc correct IN.bvh|IN.json [--out OUT]) or use --eval N');
    const clips = await readClipsFile(file);
    await initPhysics();
    const results = clips.map((c) => {
      try {
        return correct(c, options);
      } catch (e) {
        throw new UserError(`${file}: clip ${c.id || '(unnamed)'}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    const written = typeof args.flags.out === 'string' ? await writeClipsFile(args.flags.out, results.map((r) => r.clip)) : [];
    if (args.flags.json) {
      io.out(JSON.stringify({ file, clips: results.map((r, i) => ({ id: clips[i].id, label: clips[i].label, ...reportJson(r.report) })), written }, null, 1) + '\n');
      return;
    }
    io.out('clip'.padEnd(24) + 'MPJPE mm'.padStart(10) + 'resets'.padStart(8) + 'PhysErr in'.padStart(12) + 'out'.padStart(8) + 'resid N'.padStart(9) + 'ms'.padStart(8) + '\n');
    for (let i = 0; i < results.length; i++) {
      const r = results[i].report;
      io.out(
        (clips[i].id || `clip-${i}`).slice(0, 23).padEnd(24) + r.mpjpeMm.toFixed(1).padStart(10) + String(r.resets).padStart(8) +
          r.before.physErr.toFixed(2).padStart(12) + r.after.physErr.toFixed(2).padStart(8) + r.residualForceMean.toFixed(0).padStart(9) +
          r.ms.toFixed(0).padStart(8) + (r.failSafe ? `  fail-safe: ${r.failSafe}` : '') + '\n',
      );
    }
    for (const w of written) io.out(`wrote ${w}\n`);
  },
};
