/**
 * The MCP clients tokentray configures, by the id the CLI, the IPC contract and the window use.
 * One list: the IPC enum, core's client table and the CLI's help all derive from it.
 */
export const CLIENT_IDS = [
  'cursor',
  'vscode',
  'claude-code',
  'claude-desktop',
  'windsurf',
  'codex',
  'gemini',
  'copilot',
  'opencode',
  'qwen',
  'zed',
  'cline',
  'roo',
  'continue',
  'goose',
  'kiro',
  'amazonq',
  'lmstudio',
  'junie',
] as const;

/** A client id, e.g. `codex`. */
export type ClientId = (typeof CLIENT_IDS)[number];

/** Whether a string names a known client. */
export function isClientId(value: string): value is ClientId {
  return (CLIENT_IDS as readonly string[]).includes(value);
}
