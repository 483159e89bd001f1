// One benchmark suite of `scsc bench`: a name and a function returning flat JSON figures (timings, rates, memory).
// Benchmarks measure; they never pass or fail. Their figures go in docs/performance.md.

export interface BenchOptions {
  /** Fewer repetitions, for a smoke run. */
  quick: boolean;
  /** Write progress lines here (stderr), never results. */
  log: (line: string) => void;
}

export type BenchFigures = Record<string, number | string | boolean | null | Record<string, number | string | boolean | null>>;

export interface BenchSuite {
  name: string;
  description: string;
  run(opts: BenchOptions): Promise<BenchFigures>;
}
