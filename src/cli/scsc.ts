#!/usr/bin/env -S npx tsx
// `scsc`: the SCSC Lab command line (run as `npm run scsc -- <command> …`). See README.md for the commands.
import { runCli } from './main';

const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
process.exitCode = code;
