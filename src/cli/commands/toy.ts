// `scsc toy`: the paper's 2-D Gaussian self-consuming loop over K seeds; prints W2 to the target per generation
// (mean and median over seeds) as JSON, or a short table. Defaults are the paper's settings except γ and mode.

import { UserError } from '../args';
import type { Command } from '../command';
import { syntheticCount } from '../../core/loop/params';
import { runToySeeds } from '../../core/theory/gaussianToy';

function fmt(x: number): string {
  return x.toFixed(4);
}

export const toyCommand: Command = {
  spec: {
    name: 'toy',
    summary: 'run the 2-D Gaussian theory toy (W2 to the target per generation, over seeds)',
    usage: '[--gamma G|inf] [--lambda L] [--n N] [--generations T] [--seeds K] [--accumulate] [--seed S] [--json]',
    flags: {
      gamma: { type: 'number', description: 'correction strength γ ≥ 0 ("inf": correct every point)', default: 0, min: 0 },
      lambda: { type: 'number', description: 'synthetic points per generation = ⌊λ·n⌋', default: 0.5, min: 0, max: 100 },
      n: { type: 'int', description: 'real points drawn from N(0, I)', default: 50, min: 2, max: 1_000_000 },
      generations: { type: 'int', description: 'generations after generation 0', default: 500, min: 0, max: 100_000 },
      seeds: { type: 'int', description: 'independent runs summarised by mean and median', default: 20, min: 1, max: 10_000 },
      accumulate: { type: 'boolean', description: 'keep earlier synthetic generations (the paper\'s toy) instead of replacing them', default: false },
      seed: { type: 'int', description: 'base seed', default: 0, min: 0, max: 4294967295 },
    },
  },
  async run(args, io) {
    const gamma = args.flags.gamma as number;
    const lambda = args.flags.lambda as number;
    const n = args.flags.n as number;
    const generations = args.flags.generations as number;
    const seeds = args.flags.seeds as number;
    const accumulate = args.flags.accumulate === true;
    const seed = args.flags.seed as number;
    if (!Number.isFinite(lambda)) throw new UserError(`scsc toy: --lambda must be finite, got ${lambda}`);
    let res;
    try {
      res = runToySeeds({ n, lambda, gamma, generations, accumulate, seed }, seeds);
    } catch (e) {
      // Option combinations the core refuses (e.g. an accumulate table too large) are the user's to fix.
      if (e instanceof RangeError) throw new UserError(`scsc toy: ${e.message}`);
      throw e;
    }
    const T = generations;
    if (args.flags.json === true) {
      io.out(JSON.stringify({
        w2: { mean: Array.from(res.mean), median: Array.from(res.median) },
        final: { mean: res.mean[T], median: res.median[T] },
      }) + '\n');
      return;
    }
    const m = syntheticCount(lambda, n);
    const lines = [
      `Gaussian toy: n = ${n}, λ = ${lambda} (${m} synthetic/generation), γ = ${gamma === Infinity ? '∞' : gamma}, ` +
        `${accumulate ? 'accumulate' : 'replace'}, ${seeds} seed${seeds === 1 ? '' : 's'} from ${seed}`,
      'generation   W2 mean   W2 median',
    ];
    const shown = new Set<number>([0, T]);
    for (const g of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000]) if (g < T) shown.add(g);
    for (const g of [...shown].sort((a, b) => a - b)) {
      lines.push(`${String(g).padStart(10)}   ${fmt(res.mean[g]).padStart(7)}   ${fmt(res.median[g]).padStart(9)}`);
    }
    io.out(lines.join('\n') + '\n');
  },
};
