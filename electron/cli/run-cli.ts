import { createCoreContext, type CoreContext } from '../core/context';
import { TokentrayError, UsageError, errorMessage } from '../core/errors';
import { explainFsError, prepareHome } from '../core/home';
import { tokentrayHome } from '../core/paths';
import { redactDeep, redactText } from '../core/redact/redact';
import { cliMessage } from './remedy';
import { commandHelp, parseCommandArgs, type Command } from './command';
import type { CliIO } from './io';

const TOP_HELP_FOOTER = [
  '',
  'Tokens are read from stdin or a hidden prompt, never from arguments, and live only in the OS keychain.',
  'Every command takes --json (one JSON document on stdout) and --help.',
  'Exit codes: 0 ok, 1 failed, 2 usage error, 3 needs confirmation (e.g. takeover without --force).',
  'Environment: TOKENTRAY_HOME (metadata folder), TOKENTRAY_KEYCHAIN_SERVICE (keychain service name).',
].join('\n');

/** `tokentray --help`, or the help of one command group (`tokentray profile --help`). */
export function topHelp(all: readonly Command[], prefix: string[] = []): string {
  const commands = all.filter((c) => prefix.every((word, i) => c.path[i] === word));
  const usages = commands.map((c) => [`tokentray ${[...c.path, ...c.args].join(' ')}`, c.summary] as const);
  const width = Math.max(...usages.map(([u]) => u.length));
  return [
    prefix.length === 0 ? 'tokentray: personal access tokens in the OS keychain, agents on this machine, and an MCP proxy that injects the token.' : `tokentray ${prefix.join(' ')} commands:`,
    '',
    'Usage:',
    ...usages.map(([usage, summary]) => `  ${usage.padEnd(width)}  ${summary}`),
    TOP_HELP_FOOTER,
  ].join('\n');
}

function findCommand(commands: readonly Command[], argv: string[]): { command: Command; rest: string[] } | null {
  let best: Command | null = null;
  for (const command of commands) {
    if (command.path.every((word, i) => argv[i] === word) && (!best || command.path.length > best.path.length)) best = command;
  }
  return best ? { command: best, rest: argv.slice(best.path.length) } : null;
}

/**
 * Runs the CLI over the given commands and returns its exit code. The bin passes every command, or
 * only `mcp` on the proxy's fast path (editors spawn it for every session).
 */
export async function runCli(commands: readonly Command[], argv: string[], io: CliIO, makeContext: () => CoreContext = createCoreContext): Promise<number> {
  io.json = argv.includes('--json');
  const words = argv.filter((a) => !a.startsWith('-'));
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(`${topHelp(commands, argv[0] === 'help' ? words.slice(1) : [])}\n`);
    return 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.stdout.write(`${process.env.TOKENTRAY_VERSION ?? 'dev'}\n`);
    return 0;
  }
  let home: string | undefined;
  try {
    const found = findCommand(commands, argv);
    if (!found) {
      const group = commands.some((c) => c.path[0] === words[0]);
      if (group && (argv.includes('--help') || argv.includes('-h') || words.length === 1)) {
        io.stdout.write(`${topHelp(commands, [words[0]!])}\n`);
        return words.length === 1 && !argv.includes('--help') && !argv.includes('-h') ? 2 : 0;
      }
      throw new UsageError(`unknown command "${words.slice(0, 2).join(' ')}"; run \`tokentray --help\` for the list`);
    }
    const args = parseCommandArgs(found.command, found.rest);
    if (args.options.help) {
      io.stdout.write(`${commandHelp(found.command)}\n`);
      return 0;
    }
    const ctx = makeContext();
    home = ctx.home;
    prepareHome(ctx.home);
    return (await found.command.run(args, io, ctx)) ?? 0;
  } catch (error) {
    return reportError(io, explainFsError(error, home ?? tokentrayHome()) ?? error, argv);
  }
}

function reportError(io: CliIO, error: unknown, argv: string[]): number {
  const known = error instanceof TokentrayError;
  const code = known ? error.code : 'internal';
  const message = redactText(cliMessage(errorMessage(error), known ? error.remedy : undefined, argv));
  if (io.json) io.stdout.write(`${JSON.stringify(redactDeep({ ok: false, error: { code, message, ...(known ? error.details : {}) } }), null, 2)}
`);
  io.stderr.write(`tokentray: ${message}
`);
  if (!known && process.env.TOKENTRAY_DEBUG) io.stderr.write(`${redactText(String((error as Error).stack))}
`);
  return known ? error.exitCode : 1;
}
