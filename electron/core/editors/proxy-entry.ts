import { basename } from 'node:path';
import { EDITORS, isObject, type EditorId } from './editor-defs';

/** The server entry tokentray writes: a command and two arguments, never a token, env or header. */
export interface ProxyEntry {
  type?: 'stdio';
  command: string;
  args: ['mcp', string];
}

/** The entry that makes an editor launch `tokentray mcp <profile>`, in that editor's shape. */
export function proxyEntry(editor: EditorId, profile: string, launcher: string): ProxyEntry {
  return {
    ...(EDITORS[editor].stdioType && { type: 'stdio' as const }),
    command: launcher,
    args: ['mcp', profile],
  };
}

/** The profile a server entry launches when it is a tokentray proxy entry, else null. */
export function proxyEntryProfile(entry: unknown): string | null {
  if (!isObject(entry) || typeof entry.command !== 'string' || !Array.isArray(entry.args)) return null;
  const [verb, profile, ...rest] = entry.args as unknown[];
  if (verb !== 'mcp' || typeof profile !== 'string' || rest.length > 0) return null;
  return /^tokentray(\.[cm]?js|\.cmd|\.exe)?$/i.test(basename(entry.command)) ? profile : null;
}

/** A whole config document holding one proxy entry: what the tray's "copy MCP config" item copies. */
export function mcpConfigSnippet(editor: EditorId, profile: string, launcher: string, name: string = profile): string {
  return `${JSON.stringify({ [EDITORS[editor].serversKey]: { [name]: proxyEntry(editor, profile, launcher) } }, null, 2)}\n`;
}

/** Cursor's and VS Code's one-click install links for a proxy entry; they carry no token. */
export function oneClickLinks(profile: string, launcher: string, name: string = profile): { cursor: string; vscode: string } {
  const cursorConfig = Buffer.from(JSON.stringify(proxyEntry('cursor', profile, launcher)), 'utf8').toString('base64');
  const vscodeConfig = JSON.stringify({ name, ...proxyEntry('vscode', profile, launcher) });
  return {
    cursor: `cursor://anysphere.cursor-deeplink/mcp/install?name=${encodeURIComponent(name)}&config=${encodeURIComponent(cursorConfig)}`,
    vscode: `vscode:mcp/install?${encodeURIComponent(vscodeConfig)}`,
  };
}
