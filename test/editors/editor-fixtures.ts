import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLI_PATH, runCli, type CliResult, type TestEnv } from '../helpers/cli';

/** What editor entries launch from a source checkout: the sh launcher beside the built CLI (it picks Node 24). */
export const LAUNCHER = join(dirname(realpathSync(CLI_PATH)), 'tokentray');

/** Each editor's user config file inside a test HOME (Linux layout, XDG_CONFIG_HOME = HOME/.config). */
export function userFile(t: TestEnv, editor: string): string {
  switch (editor) {
    case 'cursor':
      return join(t.home, '.cursor', 'mcp.json');
    case 'vscode':
      return join(t.home, '.config', 'Code', 'User', 'mcp.json');
    case 'claude-code':
      return join(t.home, '.claude.json');
    case 'claude-desktop':
      return join(t.home, '.config', 'Claude', 'claude_desktop_config.json');
    case 'windsurf':
      return join(t.home, '.codeium', 'windsurf', 'mcp_config.json');
    default:
      throw new Error(`no such editor ${editor}`);
  }
}

/** Writes a file, creating its folder. */
export function put(path: string, text: string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { mode });
}

export function readJson(path: string): Record<string, any> {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Adds an mcp profile through the CLI (token on stdin). */
export async function addMcpProfile(t: TestEnv, name: string, token: string): Promise<CliResult> {
  return runCli(['profile', 'add', name, '--kind', 'mcp', '--url', 'https://api.moly.so/mcp', '--expires', 'never'], { env: t.env, input: token });
}

/** Runs the CLI in the test's root folder (so "the current project" is under the temp dir, not the repo). */
export function cli(t: TestEnv, args: string[], input?: string, cwd?: string): Promise<CliResult> {
  return runCli(args, { env: t.env, input, cwd: cwd ?? t.root });
}
