import { isAbsolute, resolve } from 'node:path';
import { CLIENT_IDS, isClientId, type ClientId } from '../../../shared/clients';
import type { Env } from '../paths';
import { EDITORS } from './client-table';

/** The clients tokentray knows, by the id the CLI takes (the one list lives in shared/clients.ts). */
export const EDITOR_IDS = CLIENT_IDS;
export type EditorId = ClientId;
export { EDITORS };

export type Scope = 'user' | 'project';

/** How a file is written: JSON (strict), JSONC (comments, trailing commas), TOML or YAML. */
export type ConfigFormat = 'json' | 'jsonc' | 'toml' | 'yaml';

/** Where the servers sit in a file: an object of name → entry, or (Continue) a list of entries with a `name`. */
export interface ServersLayout {
  path: string[];
  kind: 'map' | 'list';
}

/** The shape of a stdio entry in a client (see proxy-entry.ts). */
export type EntryShape = 'plain' | 'vscode' | 'copilot' | 'opencode' | 'zed' | 'goose' | 'continue';

/** A file a client reads, when it differs from the client's own format or layout. */
export interface FileSpec {
  path: string;
  format?: ConfigFormat;
  layout?: ServersLayout;
}

/** Where a client keeps its MCP servers and what shape an entry has there. */
export interface EditorDef {
  id: EditorId;
  label: string;
  format: ConfigFormat;
  layout: ServersLayout;
  shape: EntryShape;
  /** The user file tokentray writes. */
  userFile(env: Env, platform: NodeJS.Platform): string;
  /** More user files the client reads (legacy locations, agent files): scanned and listed, never installed into. */
  moreUserFiles?(env: Env, platform: NodeJS.Platform): (string | FileSpec)[];
  /** The project file tokentray writes for a server name; absent when the client has no project scope. */
  projectFile?(dir: string, name: string): string;
  /** More project files the client reads: scanned, never installed into. */
  moreProjectFiles?(dir: string): (string | FileSpec)[];
  /** What a new file starts as, before the entry goes in (Continue's block files need a header). */
  newFile?(scope: Scope, name: string): Record<string, unknown>;
  /** Folders whose existence means the client is installed (or has been used) here. */
  presenceDirs(env: Env, platform: NodeJS.Platform): string[];
  /** Commands on PATH that mean the client is installed here. */
  binaries: readonly string[];
}

/** Whether a string names a known client. */
export function isEditorId(value: string): value is EditorId {
  return isClientId(value);
}

/** One client config file tokentray may read or write. */
export interface ConfigFileRef {
  editor: EditorId;
  scope: Scope;
  path: string;
  format: ConfigFormat;
  layout: ServersLayout;
  /** True for the file install writes; false for files only scanned and listed. */
  target: boolean;
}

function refFor(def: EditorDef, scope: Scope, spec: string | FileSpec, target: boolean): ConfigFileRef {
  const s = typeof spec === 'string' ? { path: spec } : spec;
  return { editor: def.id, scope, path: s.path, format: s.format ?? def.format, layout: s.layout ?? def.layout, target };
}

/** The file install writes for one client and scope; null when the client has no such scope. */
export function configFileFor(editor: EditorId, scope: Scope, env: Env, projectDir?: string, platform: NodeJS.Platform = process.platform, name = 'tokentray'): ConfigFileRef | null {
  const def = EDITORS[editor];
  if (scope === 'user') return refFor(def, 'user', def.userFile(env, platform), true);
  if (!def.projectFile || projectDir === undefined) return null;
  return refFor(def, 'project', def.projectFile(absolute(projectDir), name), true);
}

function absolute(dir: string): string {
  return isAbsolute(dir) ? dir : resolve(dir);
}

/** Every file one client reads in a scope: the target first, then the files only scanned. */
export function clientFiles(editor: EditorId, scope: Scope, env: Env, projectDir?: string, platform: NodeJS.Platform = process.platform): ConfigFileRef[] {
  const def = EDITORS[editor];
  if (scope === 'user') return [refFor(def, 'user', def.userFile(env, platform), true), ...(def.moreUserFiles?.(env, platform) ?? []).map((s) => refFor(def, 'user', s, false))];
  if (projectDir === undefined || (!def.projectFile && !def.moreProjectFiles)) return [];
  const dir = absolute(projectDir);
  const target = def.projectFile ? [refFor(def, 'project', def.projectFile(dir, 'tokentray'), true)] : [];
  return [...target, ...(def.moreProjectFiles?.(dir) ?? []).map((s) => refFor(def, 'project', s, false))];
}

/**
 * Every known config file: each client's user files, and its project files in each given folder.
 * A file two clients share (`.mcp.json`: Claude Code and Copilot CLI) is listed once, for the first.
 */
export function allConfigFiles(env: Env, projectDirs: readonly string[] = [], platform: NodeJS.Platform = process.platform): ConfigFileRef[] {
  const files: ConfigFileRef[] = [];
  const seen = new Set<string>();
  const add = (ref: ConfigFileRef) => {
    if (seen.has(ref.path)) return;
    seen.add(ref.path);
    files.push(ref);
  };
  for (const id of EDITOR_IDS) {
    clientFiles(id, 'user', env, undefined, platform).forEach(add);
    for (const dir of projectDirs) clientFiles(id, 'project', env, dir, platform).forEach(add);
  }
  return files;
}

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
