import type { EditorId, Scope } from './editor-defs';
import type { LaunchSpec } from './proxy-entry';

/**
 * A client's own command that adds the same stdio entry tokentray writes, for people who prefer
 * it (printed as an alternative; the file edit stays the one tokentray does). Each form is the one
 * the client's `--help` documents; none carries a token (the env block holds paths and a name).
 */

/** POSIX-shell quoting for one word. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

type AddCommand = (name: string, spec: LaunchSpec, scope: Scope) => string[] | null;

const envFlags = (flag: string, env?: Record<string, string>) => Object.entries(env ?? {}).flatMap(([k, v]) => [flag, `${k}=${v}`]);
const launch = (spec: LaunchSpec) => [spec.command, ...spec.args];

const ADD_COMMANDS: Partial<Record<EditorId, AddCommand>> = {
  'claude-code': (name, spec, scope) => ['claude', 'mcp', 'add', '--scope', scope, name, ...envFlags('-e', spec.env), '--', ...launch(spec)],
  // `codex mcp add` and `copilot mcp add` write the user file only.
  codex: (name, spec, scope) => (scope === 'user' ? ['codex', 'mcp', 'add', name, ...envFlags('--env', spec.env), '--', ...launch(spec)] : null),
  copilot: (name, spec, scope) => (scope === 'user' ? ['copilot', 'mcp', 'add', name, ...envFlags('--env', spec.env), '--', ...launch(spec)] : null),
  // Gemini's and Qwen's `-e` take every word after them: they go last.
  gemini: (name, spec, scope) => ['gemini', 'mcp', 'add', '--scope', scope, name, ...launch(spec), ...envFlags('-e', spec.env)],
  qwen: (name, spec, scope) => ['qwen', 'mcp', 'add', '--scope', scope, name, ...launch(spec), ...envFlags('-e', spec.env)],
  vscode: (name, spec, scope) => (scope === 'user' ? ['code', '--add-mcp', JSON.stringify({ name, type: 'stdio', command: spec.command, args: spec.args, ...(spec.env && { env: spec.env }) })] : null),
};

/** The client's own add command as a shell line, or null when it has none for this scope. */
export function clientAddCommand(editor: EditorId, name: string, spec: LaunchSpec, scope: Scope): string | null {
  const words = ADD_COMMANDS[editor]?.(name, spec, scope);
  return words ? words.map(shellQuote).join(' ') : null;
}
