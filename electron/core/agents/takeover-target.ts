import type { CoreContext } from '../context';
import { UsageError } from '../errors';
import { chooseMootupProfile } from './api-session';
import { workspacesHolding } from './locate';
import { realFolder } from './workspaces';
import { readWorkspaces } from './workspaces-store';

/** Where a takeover writes the new key, the profile it rotates with, and the folders left holding a dead key. */
export interface TakeoverTarget {
  /** The folders that get the new key; the first is the one named by --workspace, or the first holder. */
  dirs: string[];
  profile: string;
  /** Registered workspaces that hold the agent but do not get the new key: their copy stops working. */
  others: string[];
}

/**
 * Picks the folders for a takeover. One holder, or `--workspace`: that folder. Several holders
 * without `--workspace`: a usage error, unless `all` (then every holder, plus `--workspace` if given).
 */
export function resolveTakeoverTarget(ctx: CoreContext, actorId: string, workspace: string | undefined, all: boolean): TakeoverTarget {
  const held = [...new Set(workspacesHolding(ctx, actorId).map((h) => h.workspace.dir))];
  const chosen = workspace === undefined ? undefined : realFolder(workspace);
  if (chosen === undefined && held.length === 0) {
    throw new UsageError(`agent ${actorId} is in no workspace on this machine; say where to write its new key with --workspace <dir>`);
  }
  if (chosen === undefined && held.length > 1 && !all) {
    throw new UsageError(
      `agent ${actorId} is in several workspaces (${held.join(', ')}); write its new key into all of them with --all-workspaces, ` +
        `or into one with --workspace <dir> (the others' key then stops working)`,
    );
  }
  const first = chosen ?? held[0]!;
  const dirs = all ? [...new Set([first, ...held])] : [first];
  const stored = readWorkspaces(ctx.home).find((w) => w.dir === first);
  const profile = stored?.profile ?? chooseMootupProfile(ctx, undefined).name;
  return { dirs, profile, others: held.filter((d) => !dirs.includes(d)) };
}
