// Entry logic of the `scsc` command line, separate from process handling so tests can call it directly.
// Returns the exit code: 0 success, 2 for a user error (one line on stderr, no stack trace), 1 for a bug.

import { UserError, helpText, parseArgs } from './args';
import type { CliIO } from './command';
import { COMMANDS } from './commands/index';

export function topHelp(): string {
  const lines = ['scsc — SCSC Lab from the command line', '', 'Usage: scsc <command> [flags]   (scsc <command> --help for its flags)', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.spec.name.padEnd(12)}${c.spec.summary}`);
  return lines.join('\n');
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(topHelp() + '\n');
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS.find((c) => c.spec.name === name);
  if (!cmd) {
    io.err(`scsc: unknown command "${name}" (commands: ${COMMANDS.map((c) => c.spec.name).join(', ')})\n`);
    return 2;
  }
  try {
    const args = parseArgs(cmd.spec, rest);
    if (args.help) {
      io.out(helpText(cmd.spec) + '\n');
      return 0;
    }
    await cmd.run(args, io);
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`scsc ${name}: internal error: ${msg}\n`);
    if (process.env.SCSC_DEBUG && e instanceof Error) io.err(`${e.stack}\n`);
    return 1;
  }
}
