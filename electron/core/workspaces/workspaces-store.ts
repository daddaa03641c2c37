import { listFile } from '../fs/list-file';
import type { SnapshotReads } from '../fs/snapshot-reads';

/** One folder the user added: its real absolute path and the mootup profile that sponsors its agents. */
export interface WorkspaceRecord {
  dir: string;
  profile: string;
  added_at: string;
  [extra: string]: unknown;
}

/** workspaces.json: folders only, never keys. */
const WORKSPACES = listFile<WorkspaceRecord>('workspaces.json', 'workspaces', (w, i) => {
  const { dir, profile } = (typeof w === 'object' && w !== null ? w : {}) as Record<string, unknown>;
  return typeof dir !== 'string' || typeof profile !== 'string' ? `workspaces[${i}] lacks a dir or a profile` : null;
});

/** Where the workspace list lives: `$TOKENTRAY_HOME/workspaces.json`. */
export function workspacesPath(home: string): string {
  return WORKSPACES.path(home);
}

/** The workspaces the user added, in the order they were added; with `reads`, the snapshot's one read of the file. */
export function readWorkspaces(home: string, reads?: SnapshotReads): WorkspaceRecord[] {
  return WORKSPACES.read(home, reads);
}

/** Locked read-modify-write of the workspace list. Return `workspaces` unchanged to skip the write. */
export function updateWorkspaces<R>(
  home: string,
  change: (workspaces: WorkspaceRecord[]) => { workspaces: WorkspaceRecord[]; result: R },
): Promise<R> {
  return WORKSPACES.update(home, (list) => {
    const { workspaces, result } = change(list);
    return { items: workspaces, result };
  });
}
