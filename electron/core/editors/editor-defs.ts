import { isAbsolute, resolve } from 'node:path';
import { isClientId } from '../../../shared/clients';
import { EDITOR_IDS, type ConfigFormat, type EditorDef, type EditorId, type FileSpec, type Scope, type ServersLayout } from './editor-types';
import type { Env } from '../paths';
import { EDITORS } from './client-table';

export { EDITOR_IDS, type EditorId, type Scope, type ConfigFormat, type ServersLayout, type EntryShape, type FileSpec, type EditorDef } from './editor-types';
export { EDITORS };

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
