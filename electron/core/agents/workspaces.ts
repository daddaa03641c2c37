import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WorkspaceView } from '../../../shared/app-state';
import type { CoreContext } from '../context';
import { TokentrayError, errorMessage } from '../errors';
import { actorsPath, readActorsFile } from './actors-file';
import { chooseMootupProfile } from './api-session';
import { checkHygiene, type GitMemory } from './hygiene';
import { createSnapshotReads, type SnapshotReads } from '../fs/snapshot-reads';
import { readWorkspaces, updateWorkspaces, type WorkspaceRecord } from '../workspaces/workspaces-store';

/** What adding a workspace did. */
export interface WorkspaceAddResult {
  ok: true;
  dir: string;
  profile: string;
  has_actors_file: boolean;
  /** Added now, or already there (its profile possibly changed). */
  added: boolean;
  message: string;
  note?: string;
}

/** The real, absolute path of an existing folder, or a clear error. */
export function realFolder(dir: string): string {
  let real: string;
  try {
    real = realpathSync(resolve(dir));
  } catch {
    throw new TokentrayError('not_found', `folder ${resolve(dir)} does not exist`, { dir });
  }
  if (!statSync(real).isDirectory()) throw new TokentrayError('invalid_input', `${real} is not a folder`, { dir });
  return real;
}

/** Adds a folder whose `.moot/actors.json` holds agents, tied to `profile` (default: the only mootup profile). */
export async function addWorkspace(ctx: CoreContext, dir: string, profileName?: string): Promise<WorkspaceAddResult> {
  const real = realFolder(dir);
  const profile = chooseMootupProfile(ctx, profileName).name;
  let note: string | undefined;
  let hasFile = true;
  try {
    hasFile = readActorsFile(real) !== null;
  } catch (error) {
    note = `${errorMessage(error)} Added anyway; its agents show once the file is fixed.`;
  }
  if (!hasFile) note = `${actorsPath(real)} does not exist yet: run \`moot init\` there, or take an agent over into it with --workspace`;
  const added = await updateWorkspaces(ctx.home, (list) => {
    const index = list.findIndex((w) => w.dir === real);
    if (index < 0) return { workspaces: [...list, { dir: real, profile, added_at: ctx.now().toISOString() }], result: true };
    if (list[index]!.profile === profile) return { workspaces: list, result: false };
    const next = list.slice();
    next[index] = { ...list[index]!, profile };
    return { workspaces: next, result: false };
  });
  const message = added ? `Added workspace ${real} (profile ${profile}).` : `${real} is already a workspace (profile ${profile}).`;
  return { ok: true, dir: real, profile, has_actors_file: hasFile, added, message, ...(note && { note }) };
}

/** Removes a folder from the list (its files are not touched). */
export async function removeWorkspace(ctx: CoreContext, dir: string): Promise<{ ok: true; dir: string; message: string }> {
  let wanted = resolve(dir);
  try {
    wanted = realpathSync(wanted);
  } catch {
    // a folder deleted since it was added: match the stored path as given
  }
  const removed = await updateWorkspaces(ctx.home, (list) => {
    const kept = list.filter((w) => w.dir !== wanted);
    if (kept.length === list.length) {
      throw new TokentrayError('not_found', `${wanted} is not a workspace`, { dir: wanted, remedy: { kind: 'action', action: 'workspace-list' } });
    }
    return { workspaces: kept, result: wanted };
  });
  return { ok: true, dir: removed, message: `Removed workspace ${removed} (its files were not touched).` };
}

/** The stored workspace for a folder, or null. */
export function findWorkspace(ctx: CoreContext, dir: string): WorkspaceRecord | null {
  const real = realFolder(dir);
  return readWorkspaces(ctx.home).find((w) => w.dir === real) ?? null;
}

/** What a snapshot brings to the workspace list: its one read of each file, and the store's git memory. */
export interface WorkspaceListOptions {
  reads?: SnapshotReads;
  git?: GitMemory;
}

/** Every workspace with its agent count and hygiene problems; a broken one carries `error`, never hides the rest. */
export async function listWorkspaces(ctx: CoreContext, options: WorkspaceListOptions = {}): Promise<WorkspaceView[]> {
  const reads = options.reads ?? createSnapshotReads();
  return Promise.all(readWorkspaces(ctx.home, reads).map((w) => workspaceView(ctx, w, reads, options.git)));
}

async function workspaceView(ctx: CoreContext, w: WorkspaceRecord, reads: SnapshotReads, git: GitMemory | undefined): Promise<WorkspaceView> {
  const view: WorkspaceView = { dir: w.dir, profile: w.profile, has_actors_file: false, agent_count: 0, hygiene: [] };
  try {
    if (!statSync(w.dir).isDirectory()) throw new Error('not a folder');
  } catch {
    return { ...view, error: `folder ${w.dir} no longer exists`, remedy: { kind: 'action', action: 'workspace-remove', subject: w.dir } };
  }
  try {
    const file = readActorsFile(w.dir, reads);
    view.has_actors_file = file !== null;
    view.agent_count = file?.actors.length ?? 0;
  } catch (error) {
    view.has_actors_file = true;
    view.error = errorMessage(error);
  }
  view.hygiene = await checkHygiene(w.dir, ctx.env, reads, git);
  return view;
}
