import type { AgentView } from '../../../shared/app-state';
import type { Profile } from '../../../shared/profile';
import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import type { Agent } from '../mootup';
import { readActorsFile, type ActorEntry } from './actors-file';
import { statusFromKeyCheck, statusFromServer, statusWithoutWorkspace, type KeyCheck, type StatusVerdict } from './agent-status';
import { mootupProfiles, openApiSession, type ApiSession } from './api-session';
import { mapBounded, withTimeout } from './bounded';
import { readWorkspaces, type WorkspaceRecord } from '../workspaces/workspaces-store';

/** How hard `listAgents` tries: checks at once, and how long one may take. */
export interface ListAgentsOptions {
  concurrency?: number;
  timeoutMs?: number;
}

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TIMEOUT_MS = 10_000;

/** An agent some workspace's actors.json holds. */
export interface LocalAgent {
  workspace: WorkspaceRecord;
  entry: ActorEntry;
}

/** A workspace whose actors.json could not be read, with the sentence that says why (it names the file). */
export interface UnreadableWorkspace {
  workspace: WorkspaceRecord;
  error: string;
}

/** Every agent of every readable workspace, and the workspaces whose file could not be read (one bad file never hides the rest). */
export function readLocalAgents(ctx: CoreContext): { agents: LocalAgent[]; unreadable: UnreadableWorkspace[] } {
  const agents: LocalAgent[] = [];
  const unreadable: UnreadableWorkspace[] = [];
  for (const workspace of readWorkspaces(ctx.home)) {
    try {
      for (const entry of readActorsFile(workspace.dir)?.actors ?? []) agents.push({ workspace, entry });
    } catch (error) {
      unreadable.push({ workspace, error: errorMessage(error) });
    }
  }
  return { agents, unreadable };
}

/** Every agent of every readable workspace (a missing or corrupt file is reported by listWorkspaces, not here). */
export function localAgents(ctx: CoreContext): LocalAgent[] {
  return readLocalAgents(ctx).agents;
}

type Sponsored = { agents: Map<string, Agent> } | { error: string };

/** GET /me/agents with each profile's PAT; a 401 marks the profile revoked. One failing profile does not stop the rest. */
async function sponsoredAgents(session: ApiSession, profiles: Profile[], timeoutMs: number): Promise<Map<string, Sponsored>> {
  const entries = await Promise.all(
    profiles.map(async (profile): Promise<[string, Sponsored]> => {
      try {
        const client = await session.patClient(profile);
        const agents = await withTimeout(client.listAgents(), timeoutMs, `listing the agents of profile ${profile.name}`);
        return [profile.name, { agents: new Map(agents.map((a) => [a.actor_id, a])) }];
      } catch (error) {
        return [profile.name, { error: errorMessage(error) }];
      }
    }),
  );
  return new Map(entries);
}

/**
 * The status of every agent on this machine and of every agent the mootup profiles sponsor, by the
 * rule order of DESIGN.md. Checks run `concurrency` at a time, each bounded by `timeoutMs`; an
 * unreachable service gives `unknown` with a message, never an error.
 */
export async function listAgents(ctx: CoreContext, options: ListAgentsOptions = {}): Promise<AgentView[]> {
  const timeoutMs = options.timeoutMs ?? (Number(ctx.env.TOKENTRAY_AGENT_CHECK_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS);
  const profiles = mootupProfiles(ctx);
  const local = localAgents(ctx);
  const timeouts = { connectMs: timeoutMs, headersMs: timeoutMs, bodyMs: timeoutMs };
  const session = await openApiSession(ctx, { timeouts, retries: 1 });
  try {
    const sponsored = await sponsoredAgents(session, profiles, timeoutMs);
    const serverAgent = (profile: string, actorId: string) => {
      const s = sponsored.get(profile);
      return s && 'agents' in s ? s.agents.get(actorId) : undefined;
    };
    const views: AgentView[] = await mapBounded(local, options.concurrency ?? DEFAULT_CONCURRENCY, async ({ workspace, entry }) => {
      const server = serverAgent(workspace.profile, entry.actor_id);
      const profile = profiles.find((p) => p.name === workspace.profile);
      const verdict = await localVerdict(session, profile, workspace, entry, server, timeoutMs);
      return {
        actor_id: entry.actor_id,
        display_name: entry.display_name ?? server?.display_name ?? entry.actor_id,
        status: verdict.status,
        workspace: workspace.dir,
        profile: workspace.profile,
        ...(server?.connection_status && { connection_status: server.connection_status }),
        message: verdict.message,
      } satisfies AgentView;
    });
    const held = new Set(local.map((l) => l.entry.actor_id));
    for (const [name, s] of sponsored) {
      if (!('agents' in s)) continue;
      for (const agent of s.agents.values()) {
        if (held.has(agent.actor_id)) continue;
        const verdict = statusWithoutWorkspace(agent);
        views.push({
          actor_id: agent.actor_id,
          display_name: agent.display_name,
          status: verdict.status,
          workspace: null,
          profile: name,
          ...(agent.connection_status && { connection_status: agent.connection_status }),
          message: verdict.message,
        });
      }
    }
    return views;
  } finally {
    await session.close(true);
  }
}

async function localVerdict(
  session: ApiSession,
  profile: Profile | undefined,
  workspace: WorkspaceRecord,
  entry: ActorEntry,
  server: Agent | undefined,
  timeoutMs: number,
): Promise<StatusVerdict> {
  if (!profile) {
    return { status: 'unknown', message: `profile "${workspace.profile}" no longer exists; run tokentray workspace add ${workspace.dir} --profile <name>` };
  }
  const fromServer = statusFromServer(server, entry.installation_id);
  if (fromServer) return fromServer;
  if (!entry.api_key) return { status: 'unknown', message: 'actors.json has no api_key for this agent' };
  let check: KeyCheck;
  try {
    const me = await withTimeout(session.client(profile, entry.api_key).getMe(), timeoutMs, `checking ${entry.actor_id}`);
    check = { ok: true, actorId: me.actor_id };
  } catch (error) {
    check = { ok: false, error };
  }
  return statusFromKeyCheck(entry.actor_id, check);
}
