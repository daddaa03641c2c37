import { accessSync, constants, statSync } from 'node:fs';
import type { Env } from '../paths';
import type { EditorId, Scope } from '../editors/editor-defs';
import { listEditors } from '../editors/list';
import { workspaceDirs } from '../editors/scan';

/** A tokentray entry in an editor config whose command no longer exists (e.g. an old AppImage mount). */
export interface StaleEntry {
  editor: EditorId;
  editor_label: string;
  scope: Scope;
  file: string;
  /** The server key in the config. */
  name: string;
  profile: string;
  command: string;
  /** The workspace folder of a project-scope file. */
  project?: string;
  /** False for entries tokentray cannot rewrite in place (e.g. Claude Code's per-project lists in ~/.claude.json). */
  repairable: boolean;
}

/** True when `command` is a file this user can run (on Windows: a file that exists). */
export function commandExists(command: string): boolean {
  try {
    if (!statSync(command).isFile()) return false;
    if (process.platform !== 'win32') accessSync(command, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Every tokentray entry, in the user's editor configs and in the registered workspaces' project configs, whose command is gone. */
export function findStaleEntries(env: Env, home: string, exists: (command: string) => boolean = commandExists): StaleEntry[] {
  const stale: StaleEntry[] = [];
  const seen = new Set<string>();
  const views = [{ project: undefined as string | undefined, editors: listEditors(env) }, ...workspaceDirs(home).map((dir) => ({ project: dir, editors: listEditors(env, dir) }))];
  for (const { project, editors } of views) {
    for (const editor of editors) {
      for (const file of editor.files) {
        if (project !== undefined && file.scope !== 'project') continue;
        for (const entry of file.entries) {
          const key = `${file.path}\0${entry.name}`;
          if (seen.has(key) || exists(entry.command)) continue;
          seen.add(key);
          stale.push({
            editor: editor.editor,
            editor_label: editor.label,
            scope: file.scope,
            file: file.path,
            name: entry.name,
            profile: entry.profile,
            command: entry.command,
            ...(project !== undefined && { project }),
            // listEditors prefixes entries of nested lists with their path ("projects./dir:name").
            repairable: !entry.name.includes(':'),
          });
        }
      }
    }
  }
  return stale;
}
