// The shape of one `scsc` sub-command: its flag spec and what it does. Each command lives in its own file under
// src/cli/commands/ and is listed once in src/cli/commands/index.ts.

import type { CommandSpec, ParsedArgs } from './args';

export interface CliIO {
  /** Write to stdout (the command's result). */
  out(text: string): void;
  /** Write to stderr (progress and notices). */
  err(text: string): void;
}

export interface Command {
  spec: CommandSpec;
  run(args: ParsedArgs, io: CliIO): Promise<void>;
}
