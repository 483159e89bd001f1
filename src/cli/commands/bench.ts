// `scsc bench`: runs the benchmark suites and prints one JSON object of figures (machine, versions, per suite).

import os from 'node:os';
import { UserError } from '../args';
import type { Command } from '../command';
import { BENCH_SUITES } from '../benchSuites/index';

export const benchCommand: Command = {
  spec: {
    name: 'bench',
    summary: 'measure speed and memory of the core (JSON on stdout)',
    usage: '[--suite NAME[,NAME…]] [--quick]',
    flags: {
      suite: { type: 'string', description: 'comma-separated suites to run (default: all)' },
      quick: { type: 'boolean', description: 'fewer repetitions (smoke run)', default: false },
    },
  },
  async run(args, io) {
    const wanted = typeof args.flags.suite === 'string' ? args.flags.suite.split(',').map((s) => s.trim()) : null;
    const names = BENCH_SUITES.map((s) => s.name);
    for (const w of wanted ?? []) {
      if (!names.includes(w)) throw new UserError(`scsc bench: unknown suite "${w}" (suites: ${names.join(', ') || 'none'})`);
    }
    const suites = BENCH_SUITES.filter((s) => !wanted || wanted.includes(s.name));
    const result: Record<string, unknown> = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()}-${os.arch()}` },
      quick: args.flags.quick === true,
      suites: {} as Record<string, unknown>,
    };
    for (const s of suites) {
      io.err(`bench: ${s.name} — ${s.description}\n`);
      (result.suites as Record<string, unknown>)[s.name] = await s.run({ quick: args.flags.quick === true, log: (l) => io.err(`  ${l}\n`) });
    }
    io.out(JSON.stringify(result, null, 2) + '\n');
  },
};
