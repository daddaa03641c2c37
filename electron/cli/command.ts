import { parseArgs } from 'node:util';
import type { CoreContext } from '../core/context';
import { UsageError } from '../core/errors';
import { secretLikeIn } from '../../shared/token-formats';
import type { CliIO } from './io';

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in help for string options, e.g. <url>. */
  value?: string;
}

/** The parsed command line handed to a command. */
export interface CommandArgs {
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
}

/** One `tokentray …` command: its help text, its options and what it does. */
export interface Command {
  /** Words after `tokentray`, e.g. ['profile', 'add']. */
  path: string[];
  /** Positional argument names, e.g. ['<name>']; optional ones in brackets, e.g. ['[dir]']. */
  args: string[];
  summary: string;
  details?: string;
  options?: Record<string, OptionSpec>;
  run(args: CommandArgs, io: CliIO, ctx: CoreContext): Promise<number | void>;
}

const COMMON_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print one JSON document on stdout' },
  help: { type: 'boolean', description: 'show this help' },
};

/** Parses argv for one command, with usage errors a person can act on. */
export function parseCommandArgs(command: Command, argv: string[]): CommandArgs {
  const options = { ...COMMON_OPTIONS, ...command.options };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, { type: spec.type, ...(name === 'help' && { short: 'h' }) }])),
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, '')}\n\n${commandHelp(command)}`);
  }
  const values = parsed.values as CommandArgs['options'];
  if (values.help) return { positionals: parsed.positionals, options: values };
  const required = command.args.filter((a) => a.startsWith('<')).length;
  if (parsed.positionals.length < required) {
    throw new UsageError(`missing ${command.args.slice(parsed.positionals.length).filter((a) => a.startsWith('<')).join(' ')}\n\n${commandHelp(command)}`);
  }
  if (parsed.positionals.length > command.args.length) {
    const extra = parsed.positionals[command.args.length]!;
    // A token pasted on the command line is not repeated back (it is already in the shell's history).
    const shown = secretLikeIn(extra) ? 'an extra argument that looks like a token (tokens are read from stdin, never from arguments)' : `"${extra}"`;
    throw new UsageError(`unexpected argument ${shown}\n\n${commandHelp(command)}`);
  }
  return { positionals: parsed.positionals, options: values };
}

/** The `--help` text of one command. */
export function commandHelp(command: Command): string {
  const options = { ...command.options, ...COMMON_OPTIONS };
  const lines = [`Usage: tokentray ${[...command.path, ...command.args].join(' ')} [options]`, '', command.summary];
  if (command.details) lines.push('', command.details);
  lines.push('', 'Options:');
  const labels = Object.entries(options).map(([name, spec]) => `--${name}${spec.type === 'string' ? ` ${spec.value ?? '<value>'}` : ''}`);
  const width = Math.max(...labels.map((l) => l.length));
  Object.values(options).forEach((spec, i) => lines.push(`  ${labels[i]!.padEnd(width)}  ${spec.description}`));
  return lines.join('\n');
}

/** Reads a string option, or undefined. */
export function stringOption(args: CommandArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}
