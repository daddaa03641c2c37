import type { CoreContext } from '../context';
import { TokentrayError, errorMessage } from '../errors';
import { auditAgentAction } from './agent-audit';
import { openApiSession } from './api-session';
import { profileForAgent } from './locate';

/** What releasing did; `already_released` is a success too. */
export interface ReleaseAgentResult {
  ok: true;
  actor_id: string;
  profile: string;
  status: 'released' | 'already_released';
  message: string;
}

/**
 * Frees an agent for another machine: POST /api/actors/{id}/release with the sponsoring profile's
 * PAT. The key keeps working; the agent becomes `available`. Audited either way.
 */
export async function releaseAgent(ctx: CoreContext, actorId: string): Promise<ReleaseAgentResult> {
  const session = await openApiSession(ctx);
  let profileName: string | undefined;
  try {
    const profile = await profileForAgent(ctx, session, actorId);
    profileName = profile.name;
    const answer = await (await session.patClient(profile)).release(actorId);
    const message =
      answer.status === 'released'
        ? `Released ${actorId}: it is now available to take over on any machine (its current holder may finish its work).`
        : `${actorId} was already released (available); nothing to do.`;
    auditAgentAction(ctx, 'agent.release', { actor_id: actorId, profile: profile.name, status: answer.status, message });
    return { ok: true, actor_id: actorId, profile: profile.name, status: answer.status, message };
  } catch (error) {
    const failure = explain(error, actorId, profileName);
    auditAgentAction(ctx, 'agent.release', { actor_id: actorId, ...(profileName && { profile: profileName }), status: 'error', message: errorMessage(failure) });
    throw failure;
  } finally {
    await session.close();
  }
}

/** A 403 on release means the agent is not the profile's; say so in those words. */
function explain(error: unknown, actorId: string, profile: string | undefined): unknown {
  if (error instanceof TokentrayError && error.code === 'forbidden') {
    return new TokentrayError('forbidden', `agent ${actorId} is not yours: profile ${profile ?? '?'} does not sponsor it, so mootup refused to release it (403)`, {
      actor_id: actorId,
    });
  }
  return error;
}
