import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { tokenHint } from '../../../shared/token-formats';
import type { CoreContext } from '../context';
import { TokentrayError, UsageError, errorMessage } from '../errors';
import { withFileLock } from '../fs/file-lock';
import { AgentConnectedError, type MootupClient } from '../mootup';
import { markRevoked } from '../secrets/revocation';
import { actorsPath, readActorsFile, removeStaleTemps, withActorKey, writeActorsFile } from './actors-file';
import { auditAgentAction } from './agent-audit';
import { chooseMootupProfile, findMootupProfile, openApiSession } from './api-session';
import { workspacesHolding } from './locate';
import { testPauseHook } from './test-pause';
import { realFolder } from './workspaces';
import { readWorkspaces } from './workspaces-store';

/** Which agent to take over, whether to take it from a connected installation, and where to write its key. */
export interface TakeoverOptions {
  actorId: string;
  force?: boolean;
  /** The folder whose .moot/actors.json gets the key; needed for an agent in no workspace. */
  workspace?: string;
}

/** What a takeover did. When the key could not be written, `unsaved_key` carries it to be shown ONCE. */
export interface TakeoverResult {
  ok: boolean;
  actor_id: string;
  display_name: string;
  profile: string;
  workspace: string;
  forced: boolean;
  key_written: boolean;
  /** A hint of the new key (prefix…last 4), never the key. */
  token_hint: string;
  message: string;
  code?: string;
  /** Only when key_written is false: the new key, for the person to save by hand. Never log it. */
  unsaved_key?: string;
}

/** The folder to write into and the profile to rotate with. */
function resolveTarget(ctx: CoreContext, actorId: string, workspace: string | undefined): { dir: string; profile: string } {
  if (workspace !== undefined) {
    const dir = realFolder(workspace);
    const stored = readWorkspaces(ctx.home).find((w) => w.dir === dir);
    return { dir, profile: stored?.profile ?? chooseMootupProfile(ctx, undefined).name };
  }
  const holders = workspacesHolding(ctx, actorId);
  if (holders.length === 0) {
    throw new UsageError(`agent ${actorId} is in no workspace on this machine; say where to write its new key with --workspace <dir>`);
  }
  const dirs = [...new Set(holders.map((h) => h.workspace.dir))];
  if (dirs.length > 1) throw new UsageError(`agent ${actorId} is in several workspaces (${dirs.join(', ')}); choose one with --workspace <dir>`);
  return { dir: holders[0]!.workspace.dir, profile: holders[0]!.workspace.profile };
}

/** Rotates the key; a 409 becomes `needs_confirmation` with the server's words, a 401 marks the profile revoked. */
async function rotate(ctx: CoreContext, client: MootupClient, profile: string, actorId: string, force: boolean, installationId: string | null) {
  try {
    return await client.rotateKey(actorId, { force, ...(installationId && { installationId }) });
  } catch (error) {
    if (error instanceof AgentConnectedError) {
      const said = error.serverMessage ?? `Agent ${actorId} is connected to another installation.`;
      throw new TokentrayError('needs_confirmation', `${said} To take it over here anyway, run again with --force: the other installation's key stops working at once.`, {
        actor_id: actorId,
        error: 'agent_connected',
      });
    }
    if (error instanceof TokentrayError && error.code === 'unauthorized') await markRevoked(ctx, profile, 'agents');
    if (error instanceof TokentrayError && (error.code === 'network' || error.code === 'timeout')) {
      throw new TokentrayError(error.code, `${error.message}. If mootup rotated the key before the answer was lost, the key on disk no longer works: run the takeover again with --force.`, error.details);
    }
    throw error;
  }
}

/**
 * Takes an agent over to this machine: rotate-key with the profile's PAT (X-Force-Rotate with
 * `force`), then the new key goes durably into the workspace's actors.json — under a lock held
 * across both, before anything else is done or said. If that write fails the key comes back in
 * `unsaved_key` so it is shown once rather than lost.
 */
export async function takeoverAgent(ctx: CoreContext, options: TakeoverOptions): Promise<TakeoverResult> {
  const { actorId } = options;
  const force = options.force ?? false;
  const target = resolveTarget(ctx, actorId, options.workspace);
  const profile = findMootupProfile(ctx, target.profile);
  const path = actorsPath(target.dir);
  const pause = testPauseHook(ctx.env);
  const session = await openApiSession(ctx);
  try {
    const client = await session.patClient(profile);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const outcome = await withFileLock(path, async () => {
      const file = readActorsFile(target.dir); // a corrupt file stops us here, before anything changes
      const entry = file?.actors.find((a) => a.actor_id === actorId);
      removeStaleTemps(path); // a killed earlier takeover may have left its key in a temp file
      const rotated = await rotate(ctx, client, profile.name, actorId, force, entry?.installation_id ?? null);
      pause?.('rotated');
      const shownName = typeof rotated.display_name === 'string' ? rotated.display_name : null;
      const displayName = entry?.display_name ?? shownName ?? actorId;
      try {
        writeActorsFile(path, withActorKey(file, { actor_id: actorId, display_name: displayName }, rotated.api_key, path), pause);
        return { key: rotated.api_key, displayName, writeError: null };
      } catch (error) {
        return { key: rotated.api_key, displayName, writeError: error };
      }
    });
    return finish(ctx, { actorId, force, dir: target.dir, profile: profile.name, path, ...outcome });
  } catch (error) {
    const status = error instanceof TokentrayError && error.code === 'needs_confirmation' ? 'needs_confirmation' : 'error';
    auditAgentAction(ctx, 'agent.takeover', { actor_id: actorId, profile: profile.name, status, message: errorMessage(error) });
    throw error;
  } finally {
    await session.close();
  }
}

function finish(
  ctx: CoreContext,
  o: { actorId: string; force: boolean; dir: string; profile: string; path: string; key: string; displayName: string; writeError: unknown },
): TakeoverResult {
  const base = { actor_id: o.actorId, display_name: o.displayName, profile: o.profile, workspace: o.dir, forced: o.force, token_hint: tokenHint(o.key) };
  if (o.writeError === null) {
    const message = `Took over ${o.displayName}: its new key (${base.token_hint}) is in ${o.path}; the previous key no longer works.`;
    auditAgentAction(ctx, 'agent.takeover', { actor_id: o.actorId, profile: o.profile, status: 'ok', message });
    return { ok: true, ...base, key_written: true, message };
  }
  const why = errorMessage(o.writeError);
  auditAgentAction(ctx, 'agent.takeover', { actor_id: o.actorId, profile: o.profile, status: 'error', message: `key rotated but not written to ${o.path}: ${why}` });
  const message =
    `Took over ${o.displayName}, but its new key could not be written to ${o.path} (${why}). ` +
    `The old key no longer works. Save the new key now: it is shown only this once. ` +
    `Put it as "api_key" of actor ${o.actorId} in ${o.path} (mode 600), or run the takeover again with --force once the file can be written.`;
  return { ok: false, ...base, key_written: false, code: 'io', message, unsaved_key: o.key };
}
