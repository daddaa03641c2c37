import type { CoreContext } from '../context';
import { TokentrayError, UsageError } from '../errors';
import { finalTarget } from '../fs/link-target';
import { actorsPath } from './actors-file';
import { readLocalAgents, type UnreadableWorkspace } from './agents-list';
import { chooseMootupProfile } from './api-session';
import { realFolder } from './workspaces';
import { readWorkspaces } from '../workspaces/workspaces-store';

/** The file a folder's actors.json really is (through links); two folders sharing one file are one target. */
function fileOf(dir: string): string {
  try {
    return finalTarget(actorsPath(dir));
  } catch {
    return actorsPath(dir); // a dangling link: named when the takeover locks it
  }
}

/** No readable workspace holds the agent, but some file could not be read: say which, rather than "in no workspace". */
function unreadableHolders(actorId: string, unreadable: UnreadableWorkspace[]): TokentrayError {
  const [these, it] = unreadable.length === 1 ? ['this file', 'it'] : ['these files', 'one of them'];
  return new TokentrayError(
    'metadata_corrupt',
    `agent ${actorId} is in none of the workspaces tokentray could read, and ${these} could not be read: ${unreadable.map((u) => u.error).join(' ')} ` +
      `If the agent is in ${it}, fix the file and run the takeover again; otherwise say where to write its new key with --workspace <dir>.`,
    { actor_id: actorId, unreadable: unreadable.map((u) => u.workspace.dir) },
  );
}

/** Where a takeover writes the new key, the profile it rotates with, and the folders left holding a dead key. */
export interface TakeoverTarget {
  /** The folders that get the new key; the first is the one named by --workspace, or the first holder. */
  dirs: string[];
  profile: string;
  /** Registered workspaces that hold the agent but do not get the new key: their copy stops working. */
  others: string[];
  /** The actors.json files of other registered workspaces that could not be read: they may hold the agent too. */
  unreadable: string[];
}

/**
 * Picks the folders for a takeover. One holder, or `--workspace`: that folder. Several holders
 * without `--workspace`: a usage error, unless `all` (then every holder, plus `--workspace` if given).
 */
export function resolveTakeoverTarget(ctx: CoreContext, actorId: string, workspace: string | undefined, all: boolean): TakeoverTarget {
  const local = readLocalAgents(ctx);
  const held = [...new Set(local.agents.filter((l) => l.entry.actor_id === actorId).map((h) => h.workspace.dir))];
  const chosen = workspace === undefined ? undefined : realFolder(workspace);
  if (chosen === undefined && held.length === 0 && local.unreadable.length > 0) throw unreadableHolders(actorId, local.unreadable);
  if (chosen === undefined && held.length === 0) {
    throw new UsageError(`agent ${actorId} is in no workspace on this machine; say where to write its new key with --workspace <dir>`);
  }
  if (chosen === undefined && new Set(held.map(fileOf)).size > 1 && !all) {
    throw new UsageError(
      `agent ${actorId} is in several workspaces (${held.join(', ')}); write its new key into all of them with --all-workspaces, ` +
        `or into one with --workspace <dir> (the others' key then stops working)`,
    );
  }
  const first = chosen ?? held[0]!;
  const picked = all ? [...new Set([first, ...held])] : [first];
  // A folder whose actors.json is a link to a file written anyway gets the key too: it is no "other".
  const files = new Set(picked.map(fileOf));
  const dirs = [...picked, ...held.filter((d) => !picked.includes(d) && files.has(fileOf(d)))];
  const stored = readWorkspaces(ctx.home).find((w) => w.dir === first);
  const profile = stored?.profile ?? chooseMootupProfile(ctx, undefined).name;
  const unreadable = local.unreadable.filter((u) => !dirs.includes(u.workspace.dir)).map((u) => actorsPath(u.workspace.dir));
  return { dirs, profile, others: held.filter((d) => !dirs.includes(d)), unreadable };
}
