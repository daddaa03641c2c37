import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { homeDir, osConfigDir, type Env } from '../paths';
import {
  claudeCodeDir,
  clineSettingsFile,
  codexHome,
  continueDir,
  copilotDir,
  extensionStorageDirs,
  fileSafeName,
  filesIn,
  geminiDir,
  gooseDir,
  opencodeDir,
  qwenDir,
  zedDir,
} from './client-paths';
import type { EditorDef, EditorId, ServersLayout } from './editor-types';

/**
 * The client table: every path, format and entry shape here was checked against the client's own
 * CLI (claude, codex, gemini, qwen, copilot, opencode: what `mcp add` wrote in a temp HOME) or its
 * documentation and source. README.md ("What each client wrote") has the evidence.
 */

const MCP_SERVERS: ServersLayout = { path: ['mcpServers'], kind: 'map' };

/** A Cursor-shaped client: JSON, `mcpServers`, `{command, args, env}`. */
function cursorShaped(def: Pick<EditorDef, 'id' | 'label' | 'userFile' | 'presenceDirs' | 'binaries'> & Partial<EditorDef>): EditorDef {
  return { format: 'json', layout: MCP_SERVERS, shape: 'plain', ...def };
}

const CLINE_EXTENSION = 'saoudrizwan.claude-dev';
const ROO_EXTENSION = 'rooveterinaryinc.roo-cline';

/** Roo Code's global file in the first VS Code flavour that has the extension's storage (VS Code by default). */
function rooFiles(env: Env, platform: NodeJS.Platform): string[] {
  return extensionStorageDirs(env, platform, ROO_EXTENSION).map((dir) => join(dir, 'settings', 'mcp_settings.json'));
}

/** opencode reads `opencode.json` and `opencode.jsonc`; its `mcp add` writes the `.json` one when it exists, else `.jsonc`. */
function opencodeFile(dir: string, preferJsonc: boolean): string {
  const json = join(dir, 'opencode.json');
  const jsonc = join(dir, 'opencode.jsonc');
  if (existsSync(json)) return json;
  if (existsSync(jsonc)) return jsonc;
  return preferJsonc ? jsonc : json;
}

function otherOpencodeFiles(dir: string, chosen: string): string[] {
  return [join(dir, 'opencode.json'), join(dir, 'opencode.jsonc'), join(dir, 'config.json')].filter((p) => p !== chosen);
}

export const EDITORS: Record<EditorId, EditorDef> = {
  cursor: cursorShaped({
    id: 'cursor',
    label: 'Cursor',
    userFile: (env) => join(homeDir(env), '.cursor', 'mcp.json'),
    projectFile: (dir) => join(dir, '.cursor', 'mcp.json'),
    presenceDirs: (env) => [join(homeDir(env), '.cursor')],
    binaries: ['cursor'],
  }),
  vscode: {
    id: 'vscode',
    label: 'VS Code',
    format: 'jsonc',
    layout: { path: ['servers'], kind: 'map' },
    shape: 'vscode',
    userFile: (env, platform) => join(osConfigDir(env, platform), 'Code', 'User', 'mcp.json'),
    projectFile: (dir) => join(dir, '.vscode', 'mcp.json'),
    presenceDirs: (env, platform) => [join(osConfigDir(env, platform), 'Code')],
    binaries: ['code'],
  },
  'claude-code': cursorShaped({
    id: 'claude-code',
    label: 'Claude Code',
    userFile: (env) => join(claudeCodeDir(env), '.claude.json'),
    // Claude Code's own copies of ~/.claude.json: a token pasted there lives on in them.
    moreUserFiles: (env) => filesIn(env.CLAUDE_CONFIG_DIR ? join(env.CLAUDE_CONFIG_DIR, 'backups') : join(homeDir(env), '.claude', 'backups'), /^\.claude\.json\.backup(?!.*\.tokentray-backup$)/),
    projectFile: (dir) => join(dir, '.mcp.json'),
    presenceDirs: (env) => [env.CLAUDE_CONFIG_DIR || join(homeDir(env), '.claude')],
    binaries: ['claude'],
  }),
  'claude-desktop': cursorShaped({
    id: 'claude-desktop',
    label: 'Claude Desktop',
    userFile: (env, platform) => join(osConfigDir(env, platform), 'Claude', 'claude_desktop_config.json'),
    presenceDirs: (env, platform) => [join(osConfigDir(env, platform), 'Claude')],
    binaries: [],
  }),
  windsurf: cursorShaped({
    id: 'windsurf',
    label: 'Windsurf',
    userFile: (env) => join(homeDir(env), '.codeium', 'windsurf', 'mcp_config.json'),
    presenceDirs: (env) => [join(homeDir(env), '.codeium', 'windsurf')],
    binaries: ['windsurf'],
  }),
  codex: {
    id: 'codex',
    label: 'Codex CLI',
    format: 'toml',
    layout: { path: ['mcp_servers'], kind: 'map' },
    shape: 'plain',
    userFile: (env) => join(codexHome(env), 'config.toml'),
    // Read in trusted projects only (`[projects."<dir>"] trust_level = "trusted"` in the user file).
    projectFile: (dir) => join(dir, '.codex', 'config.toml'),
    presenceDirs: (env) => [codexHome(env)],
    binaries: ['codex'],
  },
  gemini: {
    id: 'gemini',
    label: 'Gemini CLI',
    // Read with strip-json-comments: comments are fine.
    format: 'jsonc',
    layout: MCP_SERVERS,
    shape: 'plain',
    userFile: (env) => join(geminiDir(env), 'settings.json'),
    projectFile: (dir) => join(dir, '.gemini', 'settings.json'),
    presenceDirs: (env) => [geminiDir(env)],
    binaries: ['gemini'],
  },
  copilot: {
    id: 'copilot',
    label: 'GitHub Copilot CLI',
    format: 'json',
    layout: MCP_SERVERS,
    shape: 'copilot',
    userFile: (env) => join(copilotDir(env), 'mcp-config.json'),
    // Copilot reads `.mcp.json`, or `.github/mcp.json` when there is no `.mcp.json`: write the one it reads.
    projectFile: (dir) => (!existsSync(join(dir, '.mcp.json')) && existsSync(join(dir, '.github', 'mcp.json')) ? join(dir, '.github', 'mcp.json') : join(dir, '.mcp.json')),
    moreProjectFiles: (dir) => [join(dir, '.github', 'mcp.json')],
    presenceDirs: (env) => [copilotDir(env)],
    binaries: ['copilot'],
  },
  opencode: {
    id: 'opencode',
    label: 'opencode',
    // opencode parses its config as JSONC, whatever the file's extension.
    format: 'jsonc',
    layout: { path: ['mcp'], kind: 'map' },
    shape: 'opencode',
    userFile: (env) => opencodeFile(opencodeDir(env), true),
    moreUserFiles: (env) => otherOpencodeFiles(opencodeDir(env), opencodeFile(opencodeDir(env), true)),
    projectFile: (dir) => opencodeFile(dir, false),
    moreProjectFiles: (dir) => [...otherOpencodeFiles(dir, opencodeFile(dir, false)).filter((p) => !p.endsWith('config.json')), join(dir, '.opencode', 'opencode.json'), join(dir, '.opencode', 'opencode.jsonc')],
    presenceDirs: (env) => [opencodeDir(env)],
    binaries: ['opencode'],
  },
  qwen: {
    id: 'qwen',
    label: 'Qwen Code',
    format: 'jsonc',
    layout: MCP_SERVERS,
    shape: 'plain',
    userFile: (env) => join(qwenDir(env), 'settings.json'),
    projectFile: (dir) => join(dir, '.qwen', 'settings.json'),
    moreProjectFiles: (dir) => [join(dir, '.qwen', 'settings.local.json')],
    presenceDirs: (env) => [qwenDir(env)],
    binaries: ['qwen'],
  },
  zed: {
    id: 'zed',
    label: 'Zed',
    format: 'jsonc',
    layout: { path: ['context_servers'], kind: 'map' },
    shape: 'zed',
    userFile: (env, platform) => join(zedDir(env, platform), 'settings.json'),
    projectFile: (dir) => join(dir, '.zed', 'settings.json'),
    presenceDirs: (env, platform) => [zedDir(env, platform)],
    binaries: ['zed', 'zeditor'],
  },
  cline: cursorShaped({
    id: 'cline',
    label: 'Cline',
    userFile: (env) => clineSettingsFile(env),
    // The extension's old file in VS Code's storage: Cline moves it to the shared file on start.
    moreUserFiles: (env, platform) => extensionStorageDirs(env, platform, CLINE_EXTENSION).map((dir) => join(dir, 'settings', 'cline_mcp_settings.json')),
    presenceDirs: (env, platform) => [join(homeDir(env), '.cline'), ...extensionStorageDirs(env, platform, CLINE_EXTENSION)],
    binaries: ['cline'],
  }),
  roo: cursorShaped({
    id: 'roo',
    label: 'Roo Code',
    userFile: (env, platform) => rooTarget(env, platform),
    moreUserFiles: (env, platform) => rooFiles(env, platform).filter((f) => f !== rooTarget(env, platform)),
    projectFile: (dir) => join(dir, '.roo', 'mcp.json'),
    presenceDirs: (env, platform) => extensionStorageDirs(env, platform, ROO_EXTENSION),
    binaries: [],
  }),
  continue: {
    id: 'continue',
    label: 'Continue',
    format: 'yaml',
    layout: { path: ['mcpServers'], kind: 'list' },
    shape: 'continue',
    userFile: (env) => join(continueDir(env), 'config.yaml'),
    // One server per block file; the folder may also hold JSON files in Claude's shape.
    projectFile: (dir, name) => join(dir, '.continue', 'mcpServers', `${fileSafeName(name)}.yaml`),
    moreProjectFiles: (dir) => filesIn(join(dir, '.continue', 'mcpServers'), /\.(ya?ml|json)$/i).map((path) => (/\.json$/i.test(path) ? { path, format: 'json' as const, layout: MCP_SERVERS } : path)),
    newFile: (scope, name) => (scope === 'project' ? { name, version: '0.0.1', schema: 'v1', mcpServers: [] } : {}),
    presenceDirs: (env) => [continueDir(env)],
    binaries: ['cn'],
  },
  goose: {
    id: 'goose',
    label: 'goose',
    format: 'yaml',
    layout: { path: ['extensions'], kind: 'map' },
    shape: 'goose',
    userFile: (env, platform) => join(gooseDir(env, platform), 'config.yaml'),
    presenceDirs: (env, platform) => [gooseDir(env, platform)],
    binaries: ['goose'],
  },
  kiro: cursorShaped({
    id: 'kiro',
    label: 'Kiro',
    userFile: (env) => join(homeDir(env), '.kiro', 'settings', 'mcp.json'),
    projectFile: (dir) => join(dir, '.kiro', 'settings', 'mcp.json'),
    presenceDirs: (env) => [join(homeDir(env), '.kiro')],
    binaries: ['kiro', 'kiro-cli'],
  }),
  amazonq: cursorShaped({
    id: 'amazonq',
    label: 'Amazon Q Developer',
    // The default agent reads these with `useLegacyMcpJson`; agent files carry their own `mcpServers`.
    userFile: (env) => join(homeDir(env), '.aws', 'amazonq', 'mcp.json'),
    moreUserFiles: (env) => [...filesIn(join(homeDir(env), '.aws', 'amazonq', 'cli-agents'), /\.json$/i), join(homeDir(env), '.aws', 'amazonq', 'agents', 'default.json')],
    projectFile: (dir) => join(dir, '.amazonq', 'mcp.json'),
    moreProjectFiles: (dir) => filesIn(join(dir, '.amazonq', 'cli-agents'), /\.json$/i),
    presenceDirs: (env) => [join(homeDir(env), '.aws', 'amazonq')],
    binaries: ['q'],
  }),
  lmstudio: cursorShaped({
    id: 'lmstudio',
    label: 'LM Studio',
    userFile: (env) => join(homeDir(env), '.lmstudio', 'mcp.json'),
    presenceDirs: (env) => [join(homeDir(env), '.lmstudio')],
    binaries: ['lms'],
  }),
  junie: cursorShaped({
    id: 'junie',
    label: 'JetBrains Junie',
    userFile: (env) => join(homeDir(env), '.junie', 'mcp', 'mcp.json'),
    projectFile: (dir) => join(dir, '.junie', 'mcp', 'mcp.json'),
    presenceDirs: (env) => [join(homeDir(env), '.junie')],
    binaries: ['junie'],
  }),
};

/** Roo Code's target: its file in the first flavour whose extension storage exists, else VS Code's. */
function rooTarget(env: Env, platform: NodeJS.Platform): string {
  const dirs = extensionStorageDirs(env, platform, ROO_EXTENSION);
  const index = Math.max(0, dirs.findIndex((d) => existsSync(d)));
  return rooFiles(env, platform)[index]!;
}
