import { join } from 'node:path';
import { readJsonFile, updateJsonFile } from '../fs/json-file';
import type { SnapshotReads } from '../fs/snapshot-reads';

/** One folder the user added: its real absolute path and the mootup profile that sponsors its agents. */
export interface WorkspaceRecord {
  dir: string;
  profile: string;
  added_at: string;
  [extra: string]: unknown;
}

/** workspaces.json: folders only, never keys. */
export interface WorkspacesFile {
  version: 1;
  workspaces: WorkspaceRecord[];
  [extra: string]: unknown;
}

const EMPTY: WorkspacesFile = { version: 1, workspaces: [] };

/** Where the workspace list lives: `$TOKENTRAY_HOME/workspaces.json`. */
export function workspacesPath(home: string): string {
  return join(home, 'workspaces.json');
}

function validate(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const list = (value as { workspaces?: unknown }).workspaces;
  if (!Array.isArray(list)) return 'expected a "workspaces" array';
  for (const [i, w] of list.entries()) {
    const { dir, profile } = (typeof w === 'object' && w !== null ? w : {}) as Record<string, unknown>;
    if (typeof dir !== 'string' || typeof profile !== 'string') return `workspaces[${i}] lacks a dir or a profile`;
  }
  return null;
}

/** The workspaces the user added, in the order they were added; with `reads`, the snapshot's one read of the file. */
export function readWorkspaces(home: string, reads?: SnapshotReads): WorkspaceRecord[] {
  const path = workspacesPath(home);
  if (!reads) return readJsonFile(path, EMPTY, validate).workspaces;
  return reads.derive(path, 'workspaces', () => readJsonFile(path, EMPTY, validate, (p) => reads.text(p)).workspaces);
}

/** Locked read-modify-write of the workspace list. Return `workspaces` unchanged to skip the write. */
export function updateWorkspaces<R>(
  home: string,
  change: (workspaces: WorkspaceRecord[]) => { workspaces: WorkspaceRecord[]; result: R },
): Promise<R> {
  return updateJsonFile(workspacesPath(home), EMPTY, validate, (file) => {
    const { workspaces, result } = change(file.workspaces);
    return { next: workspaces === file.workspaces ? file : { ...file, workspaces }, result };
  });
}
