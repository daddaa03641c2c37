import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { homeDir, osConfigDir, type Env } from '../paths';

/**
 * Where each client keeps its files, following the variables the client itself reads (each one
 * confirmed in the client's CLI or source; see README.md, "What each client wrote").
 */

/** `$XDG_CONFIG_HOME` or `~/.config` on every OS: the tools that use XDG paths on macOS too (opencode, goose, zed). */
export function xdgConfigDir(env: Env): string {
  return env.XDG_CONFIG_HOME || join(homeDir(env), '.config');
}

/** Claude Code keeps its user file in $CLAUDE_CONFIG_DIR when set, else in HOME. */
export function claudeCodeDir(env: Env): string {
  return env.CLAUDE_CONFIG_DIR || homeDir(env);
}

/** Codex: `$CODEX_HOME`, default `~/.codex`. */
export function codexHome(env: Env): string {
  return env.CODEX_HOME || join(homeDir(env), '.codex');
}

/** Gemini CLI: `$GEMINI_CLI_HOME` replaces the home folder; its files sit in `.gemini` below it. */
export function geminiDir(env: Env): string {
  return join(env.GEMINI_CLI_HOME || homeDir(env), '.gemini');
}

/** Qwen Code: `$QWEN_HOME` is the `.qwen` folder itself. */
export function qwenDir(env: Env): string {
  return env.QWEN_HOME || join(homeDir(env), '.qwen');
}

/** Copilot CLI: `$COPILOT_HOME`, default `~/.copilot`. */
export function copilotDir(env: Env): string {
  return env.COPILOT_HOME || join(homeDir(env), '.copilot');
}

/** Zed: `%APPDATA%\Zed` on Windows, `$FLATPAK_XDG_CONFIG_HOME`/`$XDG_CONFIG_HOME`/`~/.config` + `zed` on Linux, `~/.config/zed` on macOS. */
export function zedDir(env: Env, platform: NodeJS.Platform): string {
  if (platform === 'win32') return join(osConfigDir(env, platform), 'Zed');
  if (platform === 'darwin') return join(homeDir(env), '.config', 'zed');
  return join(env.FLATPAK_XDG_CONFIG_HOME || xdgConfigDir(env), 'zed');
}

/** goose: `%APPDATA%\Block\goose\config` on Windows, else `$XDG_CONFIG_HOME/goose` (`~/.config/goose`, macOS included). */
export function gooseDir(env: Env, platform: NodeJS.Platform): string {
  if (platform === 'win32') return join(osConfigDir(env, platform), 'Block', 'goose', 'config');
  return join(xdgConfigDir(env), 'goose');
}

/** opencode: `$XDG_CONFIG_HOME/opencode` (`~/.config/opencode` on every OS). */
export function opencodeDir(env: Env): string {
  return join(xdgConfigDir(env), 'opencode');
}

/** The Cline CLI's and extension's shared file: `$CLINE_MCP_SETTINGS_PATH`, else `$CLINE_DATA_DIR`/`$CLINE_DIR/data` (default `~/.cline/data`) + `settings/cline_mcp_settings.json`. */
export function clineSettingsFile(env: Env): string {
  if (env.CLINE_MCP_SETTINGS_PATH) return env.CLINE_MCP_SETTINGS_PATH;
  const data = env.CLINE_DATA_DIR || join(env.CLINE_DIR || join(homeDir(env), '.cline'), 'data');
  return join(data, 'settings', 'cline_mcp_settings.json');
}

/** Continue: `$CONTINUE_GLOBAL_DIR`, default `~/.continue`. */
export function continueDir(env: Env): string {
  return env.CONTINUE_GLOBAL_DIR || join(homeDir(env), '.continue');
}

/** VS Code and the forks whose extension storage holds Cline's and Roo Code's settings. */
const VSCODE_FLAVOURS = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf', 'Kiro'];

/** `<user dir>/globalStorage/<extension>` of VS Code and each fork, VS Code first. */
export function extensionStorageDirs(env: Env, platform: NodeJS.Platform, extension: string): string[] {
  return VSCODE_FLAVOURS.map((flavour) => join(osConfigDir(env, platform), flavour, 'User', 'globalStorage', extension));
}

/** The files in a folder whose names match, sorted; none when the folder is missing. */
export function filesIn(dir: string, pattern: RegExp): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => pattern.test(name))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** A file name for a server name (Continue keeps one server per file). */
export function fileSafeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'tokentray';
}
