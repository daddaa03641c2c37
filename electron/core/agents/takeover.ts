import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Remedy } from '../../../shared/remedy';
import { tokenHint } from '../../../shared/token-formats';
import type { CoreContext } from '../context';
import { TokentrayError, errorMessage, type ErrorCode } from '../errors';
import { AgentConnectedError, type MootupClient } from '../mootup';
import { actorsPath, readActorsFile, removeStaleTemps, withActorKey, writeActorsFile } from './actors-file';
import { auditAgentAction } from './agent-audit';
import { findMootupProfile, openApiSession } from './api-session';
import { finalTarget } from '../fs/link-target';
import { withFileLocks } from './file-locks';
import { resolveTakeoverTarget } from './takeover-target';
import { testPauseHook } from '../test-pause';

/** Which agent to take over, whether to take it from a connected installation, and where to write its key. */
export interface TakeoverOptions {
  actorId: string;
  force?: boolean;
  /** The folder whose .moot/actors.json gets the key; needed for an agent in no workspace. */
  workspace?: string;
  /** Write the new key into every registered workspace holding the agent (and `workspace`, if given). */
  allWorkspaces?: boolean;
}

/** What a takeover did. When the key could not be written somewhere, `unsaved_key` carries it to be shown ONCE. */
export interface TakeoverResult {
  ok: boolean;
  actor_id: string;
  display_name: string;
  profile: string;
  /** The first folder the key was meant for (the one named by --workspace, or the first holder). */
  workspace: string;
  /** The folders whose actors.json now holds the new key. */
  written_workspaces: string[];
  /** The folders whose write failed, with why. */
  failed_workspaces: Array<{ dir: string; error: string }>;
  /** Registered workspaces that hold the agent but were not given the new key: their key stops working now. */
  other_workspaces: string[];
  /** What to do next, as data: take it over in every workspace (when others were left), or again (when the key was not saved). */
  remedy?: Remedy;
  forced: boolean;
  /** Every write succeeded. */
  key_written: boolean;
  /** A hint of the new key (prefix…last 4), never the key. */
  token_hint: string;
  message: string;
  code?: ErrorCode;
  /** Only when key_written is false: the new key, for the person to save by hand. Never log it. */
  unsaved_key?: string;
}

/** Rotates the key with the PAT client; a 409 becomes `needs_confirmation` with the server's words (a 401 marks the profile revoked through the client). */
async function rotate(client: MootupClient, actorId: string, force: boolean, installationId: string | null) {
  try {
    return await client.rotateKey(actorId, { force, ...(installationId && { installationId }) });
  } catch (error) {
    if (error instanceof AgentConnectedError) {
      // Our own words, for every host: the server's sentence names an HTTP header. The remedy (confirm) is data:
      // the CLI words it as --force, the tray and the window as a dialog.
      const remedy: Remedy = { kind: 'confirm', action: 'takeover' };
      throw new TokentrayError('needs_confirmation', `Agent ${actorId} is currently connected to another installation. Taking it over here stops the key that installation uses at once.`, {
        actor_id: actorId,
        error: 'agent_connected',
        ...(error.serverMessage && { server_message: error.serverMessage }),
        remedy,
      });
    }
    if (error instanceof TokentrayError && (error.code === 'network' || error.code === 'timeout')) {
      const again: Remedy = { kind: 'action', action: 'agents-takeover', subject: actorId, force: true };
      throw new TokentrayError(error.code, `${error.message}. If mootup rotated the key before the answer was lost, the key on disk no longer works.`, { ...error.details, remedy: again });
    }
    throw error;
  }
}

/** One folder's write: done (`error` null) or failed. */
interface WriteOutcome {
  dir: string;
  path: string;
  error: unknown;
}

/**
 * Takes an agent over to this machine: rotate-key with the profile's PAT (X-Force-Rotate with
 * `force`), then the new key goes durably into the workspace's actors.json — or, with
 * `allWorkspaces`, into every registered workspace holding the agent — under locks on all those
 * files held across both, before anything else is done or said. A failed write does not stop the
 * others; the key then comes back in `unsaved_key` so it is shown once rather than lost.
 */
export async function takeoverAgent(ctx: CoreContext, options: TakeoverOptions): Promise<TakeoverResult> {
  const { actorId } = options;
  const force = options.force ?? false;
  const target = resolveTakeoverTarget(ctx, actorId, options.workspace, options.allWorkspaces ?? false);
  const profile = findMootupProfile(ctx, target.profile);
  const paths = target.dirs.map(actorsPath);
  const pause = testPauseHook(ctx.env);
  const session = await openApiSession(ctx);
  try {
    const client = await session.patClient(profile);
    for (const path of paths) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const outcome = await withFileLocks(paths, async () => {
      const files = target.dirs.map((dir) => readActorsFile(dir)); // a corrupt file stops us here, before anything changes
      const entries = files.flatMap((f) => f?.actors.filter((a) => a.actor_id === actorId) ?? []);
      for (const path of paths) removeStaleTemps(path); // a killed earlier takeover may have left its key in a temp file
      const installationId = entries.find((e) => e.installation_id)?.installation_id ?? null;
      const rotated = await rotate(client, actorId, force, installationId);
      pause?.('rotated');
      const shownName = typeof rotated.display_name === 'string' ? rotated.display_name : null;
      const displayName = entries.find((e) => e.display_name)?.display_name ?? shownName ?? actorId;
      const done = new Map<string, unknown>(); // per real file (folders may link to one): null, or why its write failed
      const writes = paths.map((path, i): WriteOutcome => {
        const real = finalTarget(path);
        if (!done.has(real)) {
          try {
            writeActorsFile(path, withActorKey(files[i] ?? null, { actor_id: actorId, display_name: displayName }, rotated.api_key, path), pause);
            done.set(real, null);
          } catch (error) {
            done.set(real, error);
          }
        }
        return { dir: target.dirs[i]!, path, error: done.get(real) };
      });
      return { key: rotated.api_key, displayName, writes };
    });
    return finish(ctx, { actorId, force, profile: profile.name, others: target.others, unreadable: target.unreadable, ...outcome });
  } catch (error) {
    const status = error instanceof TokentrayError && error.code === 'needs_confirmation' ? 'needs_confirmation' : 'error';
    auditAgentAction(ctx, 'agent.takeover', { actor_id: actorId, profile: profile.name, status, message: errorMessage(error) });
    throw error;
  } finally {
    await session.close();
  }
}

/** The sentence about registered workspaces left with the key the rotation just killed; empty when there are none. */
function othersNote(actorId: string, displayName: string, others: string[], unreadable: string[]): string {
  const unread = unreadable.length === 0 ? '' : ` Could not read ${unreadable.join(', ')}: if ${unreadable.length === 1 ? 'it holds' : 'one of them holds'} ${displayName}, the key there stops working now.`;
  if (others.length === 0) return unread;
  const [these, hold] = others.length === 1 ? ['Workspace', 'holds'] : ['Workspaces', 'hold'];
  return (
    ` ${these} ${others.join(', ')} also ${hold} ${displayName}: the key there stops working now.` +
    ` A new key can go into every one of them.${unread}`
  );
}

function finish(
  ctx: CoreContext,
  o: { actorId: string; force: boolean; profile: string; others: string[]; unreadable: string[]; key: string; displayName: string; writes: WriteOutcome[] },
): TakeoverResult {
  const written = o.writes.filter((w) => w.error === null);
  const failed = o.writes.filter((w) => w.error !== null).map((w) => ({ ...w, why: errorMessage(w.error) }));
  const base = {
    actor_id: o.actorId,
    display_name: o.displayName,
    profile: o.profile,
    workspace: o.writes[0]!.dir,
    written_workspaces: written.map((w) => w.dir),
    failed_workspaces: failed.map((f) => ({ dir: f.dir, error: f.why })),
    other_workspaces: o.others,
    forced: o.force,
    token_hint: tokenHint(o.key),
  };
  const others = othersNote(o.actorId, o.displayName, o.others, o.unreadable);
  const writtenPaths = written.map((w) => w.path).join(', ');
  if (failed.length === 0) {
    const message = `Took over ${o.displayName}: its new key (${base.token_hint}) is in ${writtenPaths}; the previous key no longer works.${others}`;
    auditAgentAction(ctx, 'agent.takeover', { actor_id: o.actorId, profile: o.profile, status: 'ok', message });
    const everywhere: Remedy = { kind: 'action', action: 'agents-takeover', subject: o.actorId, all_workspaces: true };
    return { ok: true, ...base, key_written: true, message, ...(o.others.length > 0 && { remedy: everywhere }) };
  }
  const failedPaths = failed.map((f) => f.path).join(', ');
  const whys = failed.map((f) => `${f.path}: ${f.why}`).join('; ');
  const alsoWritten = written.length > 0 ? ` It was written to ${writtenPaths}.` : '';
  auditAgentAction(ctx, 'agent.takeover', {
    actor_id: o.actorId,
    profile: o.profile,
    status: 'error',
    message: `key rotated but not written to ${whys}.${alsoWritten}${others}`,
  });
  const message =
    `Took over ${o.displayName}, but its new key could not be written to ${failedPaths} (${failed.map((f) => f.why).join('; ')}).${alsoWritten} ` +
    `The old key no longer works. Save the new key now: it is shown only this once. ` +
    `Put it as "api_key" of actor ${o.actorId} in ${failedPaths} (mode 600), or take it over again once the file can be written.${others}`;
  const again: Remedy = { kind: 'action', action: 'agents-takeover', subject: o.actorId, force: true };
  return { ok: false, ...base, key_written: false, code: 'io', message, unsaved_key: o.key, remedy: again };
}
