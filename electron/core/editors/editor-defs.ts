import { join } from 'node:path';
import { homeDir, osConfigDir, type Env } from '../paths';

/** The editors tokentray knows, by the id the CLI takes. */
export const EDITOR_IDS = ['cursor', 'vscode', 'claude-code', 'claude-desktop', 'windsurf'] as const;
export type EditorId = (typeof EDITOR_IDS)[number];

export type Scope = 'user' | 'project';

/** Where an editor keeps its MCP servers and what shape an entry has there. */
export interface EditorDef {
  id: EditorId;
  label: string;
  /** The key of the object that maps server names to entries. */
  serversKey: 'mcpServers' | 'servers';
  /** VS Code accepts comments and trailing commas; the others are plain JSON. */
  jsonc: boolean;
  /** VS Code needs `type: "stdio"` on a command entry. */
  stdioType: boolean;
  userFile(env: Env, platform: NodeJS.Platform): string;
  /** Relative to the project folder; absent when the editor has no project scope. */
  projectFile?: string;
  /** A folder whose existence means the editor is installed (or has been used) here. */
  presenceDir(env: Env, platform: NodeJS.Platform): string;
}

/** Claude Code keeps its user file in $CLAUDE_CONFIG_DIR when set, else in HOME. */
function claudeCodeDir(env: Env): string {
  return env.CLAUDE_CONFIG_DIR || homeDir(env);
}

/** Editor table: paths follow HOME / XDG_CONFIG_HOME / APPDATA / CLAUDE_CONFIG_DIR as the editors do (see EDITORS.md). */
export const EDITORS: Record<EditorId, EditorDef> = {
  cursor: {
    id: 'cursor',
    label: 'Cursor',
    serversKey: 'mcpServers',
    jsonc: false,
    stdioType: false,
    userFile: (env) => join(homeDir(env), '.cursor', 'mcp.json'),
    projectFile: join('.cursor', 'mcp.json'),
    presenceDir: (env) => join(homeDir(env), '.cursor'),
  },
  vscode: {
    id: 'vscode',
    label: 'VS Code',
    serversKey: 'servers',
    jsonc: true,
    stdioType: true,
    userFile: (env, platform) => join(osConfigDir(env, platform), 'Code', 'User', 'mcp.json'),
    projectFile: join('.vscode', 'mcp.json'),
    presenceDir: (env, platform) => join(osConfigDir(env, platform), 'Code'),
  },
  'claude-code': {
    id: 'claude-code',
    label: 'Claude Code',
    serversKey: 'mcpServers',
    jsonc: false,
    stdioType: false,
    userFile: (env) => join(claudeCodeDir(env), '.claude.json'),
    projectFile: '.mcp.json',
    presenceDir: (env) => (env.CLAUDE_CONFIG_DIR ? env.CLAUDE_CONFIG_DIR : join(homeDir(env), '.claude')),
  },
  'claude-desktop': {
    id: 'claude-desktop',
    label: 'Claude Desktop',
    serversKey: 'mcpServers',
    jsonc: false,
    stdioType: false,
    userFile: (env, platform) => join(osConfigDir(env, platform), 'Claude', 'claude_desktop_config.json'),
    presenceDir: (env, platform) => join(osConfigDir(env, platform), 'Claude'),
  },
  windsurf: {
    id: 'windsurf',
    label: 'Windsurf',
    serversKey: 'mcpServers',
    jsonc: false,
    stdioType: false,
    userFile: (env) => join(homeDir(env), '.codeium', 'windsurf', 'mcp_config.json'),
    presenceDir: (env) => join(homeDir(env), '.codeium', 'windsurf'),
  },
};

/** Whether a string names a known editor. */
export function isEditorId(value: string): value is EditorId {
  return (EDITOR_IDS as readonly string[]).includes(value);
}

/** One editor config file tokentray may read or write. */
export interface ConfigFileRef {
  editor: EditorId;
  scope: Scope;
  path: string;
}

/** The config file of one editor and scope; null when the editor has no such scope. */
export function configFileFor(editor: EditorId, scope: Scope, env: Env, projectDir?: string, platform: NodeJS.Platform = process.platform): ConfigFileRef | null {
  const def = EDITORS[editor];
  if (scope === 'user') return { editor, scope, path: def.userFile(env, platform) };
  if (!def.projectFile || projectDir === undefined) return null;
  return { editor, scope, path: join(projectDir, def.projectFile) };
}

/** Every known config file: each editor's user file, and its project file in each given folder. */
export function allConfigFiles(env: Env, projectDirs: readonly string[] = [], platform: NodeJS.Platform = process.platform): ConfigFileRef[] {
  const files: ConfigFileRef[] = [];
  for (const id of EDITOR_IDS) {
    files.push(configFileFor(id, 'user', env, undefined, platform)!);
    for (const dir of projectDirs) {
      const ref = configFileFor(id, 'project', env, dir, platform);
      if (ref) files.push(ref);
    }
  }
  return files;
}

/**
 * JSON paths of the objects that map server names to entries in a parsed file. Claude Code's
 * user file also keeps per-project servers under `projects.<folder>.mcpServers`.
 */
export function serverContainers(ref: ConfigFileRef, root: unknown): (string | number)[][] {
  const key = EDITORS[ref.editor].serversKey;
  const paths: (string | number)[][] = [[key]];
  if (ref.editor === 'claude-code' && ref.scope === 'user' && isObject(root) && isObject(root.projects)) {
    for (const [folder, project] of Object.entries(root.projects)) {
      if (isObject(project) && isObject(project.mcpServers)) paths.push(['projects', folder, 'mcpServers']);
    }
  }
  return paths;
}

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
