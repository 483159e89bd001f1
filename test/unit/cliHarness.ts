// Shared by the CLI tests: run `scsc` in this process and capture what it prints.

import { runCli } from '../../src/cli/main';

/** Run `scsc ARGV…` in-process; its exit code and everything it wrote to stdout and stderr. */
export async function runScsc(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
