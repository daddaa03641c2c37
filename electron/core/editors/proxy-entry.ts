import { basename } from 'node:path';
import { renderDocument } from './config-format';
import { EDITORS, isObject, type EditorId } from './editor-defs';
import { renderTomlTable } from './toml-edit';

/** What the proxy entry launches: a command and `mcp <profile>`, plus the proxy's env block when needed. Never a token. */
export interface LaunchSpec {
  command: string;
  args: ['mcp', string];
  env?: Record<string, string>;
}

/** The command on PATH that project files run: shared through git, they cannot name this machine's launcher. */
export const PORTABLE_COMMAND = 'tokentray';

/** The launch of `tokentray mcp <profile>` through `command`. */
export function launchSpec(profile: string, command: string, env?: Record<string, string>): LaunchSpec {
  return { command, args: ['mcp', profile], ...(env && { env }) };
}

/**
 * The server entry that makes a client launch `tokentray mcp <profile>`, in that client's shape
 * (the shapes its own `mcp add` writes, where it has one; see README.md).
 */
export function clientEntry(editor: EditorId, name: string, spec: LaunchSpec): Record<string, unknown> {
  const { command, args, env } = spec;
  switch (EDITORS[editor].shape) {
    case 'vscode':
      return { type: 'stdio', command, args, ...(env && { env }) };
    case 'copilot':
      return { type: 'local', command, args, ...(env && { env }), tools: ['*'] };
    case 'opencode':
      return { type: 'local', command: [command, ...args], ...(env && { environment: env }) };
    case 'zed':
      return { source: 'custom', command, args, ...(env && { env }) };
    case 'goose':
      return { type: 'stdio', name, enabled: true, cmd: command, args, envs: env ?? {}, env_keys: [], timeout: 300 };
    case 'continue':
      return { name, command, args, ...(env && { env }) };
    default:
      return { command, args, ...(env && { env }) };
  }
}

/** The program and arguments an entry launches, in any client's shape; null for a remote entry. */
export function entryLaunch(entry: unknown): { command: string; args: unknown[] } | null {
  if (!isObject(entry)) return null;
  if (Array.isArray(entry.command) && typeof entry.command[0] === 'string') return { command: entry.command[0], args: entry.command.slice(1) };
  const command = typeof entry.command === 'string' ? entry.command : typeof entry.cmd === 'string' ? entry.cmd : null;
  if (command === null) return null;
  return { command, args: Array.isArray(entry.args) ? entry.args : [] };
}

/** The profile a server entry launches when it is a tokentray proxy entry, else null. */
export function proxyEntryProfile(entry: unknown): string | null {
  const launch = entryLaunch(entry);
  if (!launch) return null;
  const [verb, profile, ...rest] = launch.args;
  if (verb !== 'mcp' || typeof profile !== 'string' || rest.length > 0) return null;
  return /^tokentray(\.[cm]?js|\.cmd|\.exe)?$/i.test(basename(launch.command.replace(/\\/g, '/'))) ? profile : null;
}

/** A whole config document holding one proxy entry, in the client's format: what the tray's "copy MCP config" item copies. */
export function mcpConfigSnippet(editor: EditorId, profile: string, launcher: string, name: string = profile, env?: Record<string, string>): string {
  const def = EDITORS[editor];
  const entry = clientEntry(editor, name, launchSpec(profile, launcher, env));
  if (def.format === 'toml') return `${renderTomlTable([...def.layout.path, name], entry)}\n`;
  if (def.layout.kind === 'list') return renderDocument(def.format, def.layout.path, [entry]);
  return renderDocument(def.format, def.layout.path, { [name]: entry });
}

/** Cursor's and VS Code's one-click install links for a proxy entry; they carry no token. */
export function oneClickLinks(profile: string, launcher: string, name: string = profile, env?: Record<string, string>): { cursor: string; vscode: string } {
  const spec = launchSpec(profile, launcher, env);
  const cursorConfig = Buffer.from(JSON.stringify(clientEntry('cursor', name, spec)), 'utf8').toString('base64');
  const vscodeConfig = JSON.stringify({ name, ...clientEntry('vscode', name, spec) });
  return {
    cursor: `cursor://anysphere.cursor-deeplink/mcp/install?name=${encodeURIComponent(name)}&config=${encodeURIComponent(cursorConfig)}`,
    vscode: `vscode:mcp/install?${encodeURIComponent(vscodeConfig)}`,
  };
}
