// `scsc metrics`: physical-plausibility metrics (Penetrate, Float, Skate, Phys-Err in mm; Jitter in m/s³) of
// every clip in a .bvh or dataset .json file, and their mean. Top-level fields of the JSON are the means.

import type { Command } from '../command';
import { clipPhysMetrics, type PhysMetrics } from '../../core/motion/physMetrics';
import { readClipsFile } from '../io';

const KEYS = ['penetrate', 'float', 'skate', 'physErr', 'jitter'] as const;

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

export const metricsCommand: Command = {
  spec: {
    name: 'metrics',
    summary: 'physics metrics (penetrate, float, skate, physErr in mm; jitter in m/s³) of the clips in a file',
    usage: 'FILE.bvh|FILE.json|FOLDER [--exclude-flight] [--json]',
    positionals: [{ name: 'FILE', required: true }],
    flags: {
      'exclude-flight': { type: 'boolean', description: 'leave designed flight frames (jumps) out of penetrate/float/skate', default: false },
    },
  },
  async run(args, io) {
    const file = args.positionals[0];
    const clips = await readClipsFile(file);
    const per = clips.map((c) => ({ id: c.id, label: c.label, nFrames: c.nFrames, m: clipPhysMetrics(c, { excludeFlight: args.flags['exclude-flight'] === true }) }));
    const mean = {} as PhysMetrics;
    for (const k of KEYS) mean[k] = per.length ? per.reduce((s, p) => s + p.m[k], 0) / per.length : 0;
    if (args.flags.json) {
      const out: Record<string, unknown> = { file, nClips: clips.length, units: { penetrate: 'mm', float: 'mm', skate: 'mm', physErr: 'mm', jitter: 'm/s^3' } };
      for (const k of KEYS) out[k] = r4(mean[k]);
      out.clips = per.map((p) => {
        const o: Record<string, unknown> = { id: p.id, label: p.label, nFrames: p.nFrames };
        for (const k of KEYS) o[k] = r4(p.m[k]);
        return o;
      });
      io.out(JSON.stringify(out, null, 1) + '\n');
      return;
    }
    const row = (name: string, m: PhysMetrics): string =>
      name.padEnd(24) + KEYS.map((k) => m[k].toFixed(2).padStart(11)).join('');
    io.out('clip'.padEnd(24) + KEYS.map((k) => k.padStart(11)).join('') + '   (mm; jitter m/s³)\n');
    const shown = per.length > 40 ? per.slice(0, 40) : per;
    for (const p of shown) io.out(row(p.id.slice(0, 23), p.m) + '\n');
    if (per.length > shown.length) io.out(`… ${per.length - shown.length} more clips (use --json for all)\n`);
    if (per.length > 1) io.out(row(`mean of ${per.length}`, mean) + '\n');
  },
};
