// Flag parsing for the `scsc` command line: a typed spec per command, clear one-line errors for bad flags.
// Errors a user can cause are thrown as UserError; scsc.ts prints their message on stderr and exits 2.

export class UserError extends Error {
  override name = 'UserError';
}

export type FlagType = 'string' | 'number' | 'int' | 'boolean';

export interface FlagSpec {
  type: FlagType;
  description: string;
  default?: string | number | boolean;
  /** Allowed values for string flags. */
  choices?: readonly string[];
  min?: number;
  max?: number;
  required?: boolean;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Usage line after `scsc NAME`, e.g. 'FILE.bvh|FILE.json [--json]'. */
  usage: string;
  /** Names of positional arguments, in order (documentation only; the count is checked). */
  positionals?: { name: string; required: boolean }[];
  flags: Record<string, FlagSpec>;
}

export type FlagValues = Record<string, string | number | boolean | undefined>;

export interface ParsedArgs {
  positionals: string[];
  flags: FlagValues;
  help: boolean;
}

/** Parse argv (after the command name) against a spec. `--json` and `--help` are accepted by every command. */
export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const flags: FlagValues = {};
  const positionals: string[] = [];
  let help = false;
  const all: Record<string, FlagSpec> = {
    json: { type: 'boolean', description: 'machine-readable JSON output' },
    ...spec.flags,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      help = true;
      continue;
    }
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    const f = all[name];
    if (!f) throw new UserError(`scsc ${spec.name}: unknown flag --${name} (see scsc ${spec.name} --help)`);
    let raw: string | undefined = eq >= 0 ? a.slice(eq + 1) : undefined;
    if (f.type === 'boolean') {
      if (raw === undefined) flags[name] = true;
      else if (raw === 'true' || raw === 'false') flags[name] = raw === 'true';
      else throw new UserError(`scsc ${spec.name}: --${name} takes no value or true/false, got "${raw}"`);
      continue;
    }
    if (raw === undefined) {
      raw = argv[i + 1];
      if (raw === undefined || (raw.startsWith('--') && raw.length > 2)) {
        throw new UserError(`scsc ${spec.name}: --${name} needs a value`);
      }
      i++;
    }
    flags[name] = convertFlag(spec.name, name, f, raw);
  }
  if (help) return { positionals, flags, help };
  for (const [name, f] of Object.entries(all)) {
    if (flags[name] === undefined) {
      if (f.required) throw new UserError(`scsc ${spec.name}: missing required flag --${name}`);
      if (f.default !== undefined) flags[name] = f.default;
    }
  }
  const pos = spec.positionals ?? [];
  const required = pos.filter((p) => p.required).length;
  if (positionals.length < required) {
    throw new UserError(`scsc ${spec.name}: missing ${pos[positionals.length].name} (usage: scsc ${spec.name} ${spec.usage})`);
  }
  if (positionals.length > pos.length) {
    throw new UserError(`scsc ${spec.name}: unexpected argument "${positionals[pos.length]}" (usage: scsc ${spec.name} ${spec.usage})`);
  }
  return { positionals, flags, help };
}

function convertFlag(cmd: string, name: string, f: FlagSpec, raw: string): string | number {
  if (f.type === 'string') {
    if (f.choices && !f.choices.includes(raw)) {
      throw new UserError(`scsc ${cmd}: --${name} must be one of ${f.choices.join(', ')}; got "${raw}"`);
    }
    return raw;
  }
  const lower = raw.toLowerCase();
  const v = lower === 'inf' || lower === 'infinity' ? Infinity : Number(raw);
  if (raw.trim() === '' || Number.isNaN(v)) throw new UserError(`scsc ${cmd}: --${name} must be a number, got "${raw}"`);
  if (f.type === 'int' && !Number.isInteger(v)) throw new UserError(`scsc ${cmd}: --${name} must be an integer, got "${raw}"`);
  if (f.min !== undefined && v < f.min) throw new UserError(`scsc ${cmd}: --${name} must be ≥ ${f.min}, got ${raw}`);
  if (f.max !== undefined && v > f.max) throw new UserError(`scsc ${cmd}: --${name} must be ≤ ${f.max}, got ${raw}`);
  return v;
}

/** The --help text of a command. */
export function helpText(spec: CommandSpec): string {
  const lines = [`scsc ${spec.name} ${spec.usage}`, '', spec.summary, '', 'Flags:'];
  const all: Record<string, FlagSpec> = { ...spec.flags, json: { type: 'boolean', description: 'machine-readable JSON output' } };
  for (const [name, f] of Object.entries(all)) {
    const kind = f.type === 'boolean' ? '' : ` <${f.choices ? f.choices.join('|') : f.type}>`;
    const def = f.default !== undefined ? ` (default ${String(f.default)})` : f.required ? ' (required)' : '';
    lines.push(`  --${name}${kind}`.padEnd(30) + f.description + def);
  }
  lines.push('  --help'.padEnd(30) + 'this text');
  return lines.join('\n');
}
