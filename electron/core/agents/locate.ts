import type { Profile } from '../../../shared/profile';
import type { CoreContext } from '../context';
import { TokentrayError } from '../errors';
import { localAgents, type LocalAgent } from './agents-list';
import { findMootupProfile, mootupProfiles, type ApiSession } from './api-session';

/** The workspaces whose actors.json holds the agent. */
export function workspacesHolding(ctx: CoreContext, actorId: string): LocalAgent[] {
  return localAgents(ctx).filter((l) => l.entry.actor_id === actorId);
}

/**
 * The mootup profile that manages an agent: the profile of a workspace holding it, else the only
 * mootup profile, else the one whose GET /me/agents lists it.
 */
export async function profileForAgent(ctx: CoreContext, session: ApiSession, actorId: string): Promise<Profile> {
  const holder = workspacesHolding(ctx, actorId)[0];
  if (holder) return findMootupProfile(ctx, holder.workspace.profile);
  const profiles = mootupProfiles(ctx);
  if (profiles.length === 1) return profiles[0]!;
  for (const profile of profiles) {
    try {
      const agents = await (await session.patClient(profile)).listAgents();
      if (agents.some((a) => a.actor_id === actorId)) return profile;
    } catch {
      // this profile cannot say; try the next
    }
  }
  throw new TokentrayError(
    'not_found',
    profiles.length === 0 ? 'no mootup profile yet' : `no workspace holds agent ${actorId} and none of your mootup profiles (${profiles.map((p) => p.name).join(', ')}) sponsors it`,
    { actor_id: actorId, remedy: profiles.length === 0 ? { kind: 'action', action: 'profile-add', mootup: true } : { kind: 'action', action: 'agents-list' } },
  );
}
