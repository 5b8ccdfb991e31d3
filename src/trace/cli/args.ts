// A small, strict argv parser: `--name value`, `--name=value`, boolean switches, positionals.
// Unknown options are usage errors (a typo must not silently trace the wrong thing).

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OptionSpec {
  /** Takes a value (`--endpoint URL`) or is a switch (`--watch`). */
  kind: 'value' | 'switch';
  /** Allowed values, for `kind: 'value'`. */
  choices?: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  values: Map<string, string>;
  switches: Set<string>;
}

export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>, command: string): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], values: new Map(), switches: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    if (arg === '-h') {
      parsed.switches.add('help');
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`${command}: unknown option ${arg}`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const option = spec[name];
    if (!option) throw new UsageError(`${command}: unknown option --${name}`);
    if (option.kind === 'switch') {
      if (eq !== -1) throw new UsageError(`${command}: --${name} takes no value`);
      parsed.switches.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${command}: --${name} needs a value`);
    if (option.choices && !option.choices.includes(value)) {
      throw new UsageError(`${command}: --${name} must be one of ${option.choices.join(', ')} (got "${value}")`);
    }
    parsed.values.set(name, value);
  }
  return parsed;
}

/** The single ID a command takes (`task <taskId>`, `trace <resultId>`); `what` names it in the
 * usage error. */
export function onePositional(args: ParsedArgs, command: string, what: string): string {
  if (args.positionals.length !== 1) {
    throw new UsageError(`${command}: expected exactly one ${what}, got ${args.positionals.length} (see armonik-trace ${command} --help)`);
  }
  return args.positionals[0]!;
}
