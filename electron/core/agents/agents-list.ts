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
import type { SnapshotReads } from '../fs/snapshot-reads';

/** How hard `listAgents` tries, and what a snapshot brings. */
export interface ListAgentsOptions {
  concurrency?: number;
  timeoutMs?: number;
  /** The snapshot's one read of workspaces.json and each actors.json (default: a fresh one). */
  reads?: SnapshotReads;
  /** The state store's memory of what the server said; updated with every answer. */
  memory?: AgentServerMemory;
  /**
   * Answer from `memory`, asking the server only about what these touched (an action since the
   * last ask) and about agents and profiles the memory has nothing on. Absent: ask about everything.
   */
  reuseExcept?: Touched;
}

/** What actions changed since the server was last asked: agents (release, takeover) and profiles (token changes). */
export interface Touched {
  actors: ReadonlySet<string>;
  profiles: ReadonlySet<string>;
}

/** What the server said, kept by the state store between refreshes, with when it said it. */
export interface AgentServerMemory {
  /** Per profile: GET /me/agents. */
  listings: Map<string, { at: string; sponsored: Sponsored }>;
  /** Per profile, agent and local key: GET /api/actors/me with that key. */
  keyChecks: Map<string, { at: string; check: KeyCheck }>;
  /** When the last list began (audit lines at or after it are news to the memory); null before the first. */
  since: string | null;
}

/** An empty memory (one per state store). */
export function createAgentServerMemory(): AgentServerMemory {
  return { listings: new Map(), keyChecks: new Map(), since: null };
}

const AGENT_KINDS = new Set(['agent.release', 'agent.takeover']);
const PROFILE_KINDS = new Set(['profile.add', 'profile.remove', 'profile.replace', 'profile.set', 'pat.rotate', 'pat.revoke', 'token.revoked']);

/** What the audit lines written since `memory.since` say actions touched. */
export function touchedSince(memory: AgentServerMemory, lines: ReadonlyArray<{ time: string; kind: string; profile?: string; actor_id?: string }>): Touched {
  const actors = new Set<string>();
  const profiles = new Set<string>();
  for (const line of lines) {
    if (memory.since === null || line.time < memory.since) continue;
    if (AGENT_KINDS.has(line.kind) && line.actor_id) actors.add(line.actor_id);
    if ((AGENT_KINDS.has(line.kind) || PROFILE_KINDS.has(line.kind)) && line.profile) profiles.add(line.profile);
  }
  return { actors, profiles };
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
export function readLocalAgents(ctx: CoreContext, reads?: SnapshotReads): { agents: LocalAgent[]; unreadable: UnreadableWorkspace[] } {
  const agents: LocalAgent[] = [];
  const unreadable: UnreadableWorkspace[] = [];
  for (const workspace of readWorkspaces(ctx.home, reads)) {
    try {
      for (const entry of readActorsFile(workspace.dir, reads)?.actors ?? []) agents.push({ workspace, entry });
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

/** One profile's GET /me/agents: its agents by id, or why it could not be asked. */
export type Sponsored = { agents: Map<string, Agent> } | { error: string };

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

/** The profiles whose listing must be asked now: all without a reuse; else the touched ones, those holding a touched agent, and those never asked. */
function profilesToAsk(profiles: Profile[], local: LocalAgent[], memory: AgentServerMemory | undefined, touched: Touched | undefined): Profile[] {
  if (!memory || !touched) return profiles;
  const listed = (name: string, actorId: string) => {
    const s = memory.listings.get(name)?.sponsored;
    return s !== undefined && 'agents' in s && s.agents.has(actorId);
  };
  return profiles.filter(
    (p) =>
      !memory.listings.has(p.name) ||
      touched.profiles.has(p.name) ||
      [...touched.actors].some((id) => listed(p.name, id) || local.some((l) => l.entry.actor_id === id && l.workspace.profile === p.name)),
  );
}

/**
 * The status of every agent on this machine and of every agent the mootup profiles sponsor, by the
 * rule order of DESIGN.md. Checks run `concurrency` at a time, each bounded by `timeoutMs`; an
 * unreachable service gives `unknown` with a message, never an error. Each status says when the
 * server answered what it rests on (`checked_at`): now, or, with `reuseExcept`, at an earlier ask.
 */
export async function listAgents(ctx: CoreContext, options: ListAgentsOptions = {}): Promise<AgentView[]> {
  const timeoutMs = options.timeoutMs ?? (Number(ctx.env.TOKENTRAY_AGENT_CHECK_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS);
  const { memory, reuseExcept: touched } = options;
  const startedAt = ctx.now().toISOString();
  const profiles = mootupProfiles(ctx, options.reads);
  const local = readLocalAgents(ctx, options.reads).agents;
  const timeouts = { connectMs: timeoutMs, headersMs: timeoutMs, bodyMs: timeoutMs };
  const session = await openApiSession(ctx, { timeouts, retries: 1 });
  try {
    const asked = await sponsoredAgents(session, profilesToAsk(profiles, local, memory, touched), timeoutMs);
    const listings = new Map<string, { at: string; sponsored: Sponsored }>();
    for (const p of profiles) {
      const fresh = asked.get(p.name);
      const listing = fresh ? { at: startedAt, sponsored: fresh } : memory?.listings.get(p.name);
      if (listing) listings.set(p.name, listing);
    }
    const keyChecks = new Map<string, { at: string; check: KeyCheck }>();
    const askKey = async (profile: Profile, entry: ActorEntry, apiKey: string): Promise<{ at: string; check: KeyCheck }> => {
      const id = `${profile.name}\0${entry.actor_id}\0${apiKey}`;
      const kept = touched && !touched.actors.has(entry.actor_id) ? memory?.keyChecks.get(id) : undefined;
      const result = kept ?? { at: ctx.now().toISOString(), check: await checkKey(session, profile, entry.actor_id, apiKey, timeoutMs) };
      keyChecks.set(id, result);
      return result;
    };
    const serverAgent = (profile: string, actorId: string) => {
      const s = listings.get(profile)?.sponsored;
      return s && 'agents' in s ? s.agents.get(actorId) : undefined;
    };
    const views: AgentView[] = await mapBounded(local, options.concurrency ?? DEFAULT_CONCURRENCY, async ({ workspace, entry }) => {
      const server = serverAgent(workspace.profile, entry.actor_id);
      const profile = profiles.find((p) => p.name === workspace.profile);
      const { verdict, at } = await localVerdict(profile, workspace, entry, server, listings.get(workspace.profile)?.at, askKey);
      return {
        actor_id: entry.actor_id,
        display_name: entry.display_name ?? server?.display_name ?? entry.actor_id,
        status: verdict.status,
        workspace: workspace.dir,
        profile: workspace.profile,
        ...(server?.connection_status && { connection_status: server.connection_status }),
        message: verdict.message,
        ...(verdict.remedy && { remedy: verdict.remedy }),
        ...(at && { checked_at: at }),
      } satisfies AgentView;
    });
    const held = new Set(local.map((l) => l.entry.actor_id));
    for (const [name, { at, sponsored: s }] of listings) {
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
          checked_at: at,
        });
      }
    }
    if (memory) Object.assign(memory, { listings, keyChecks, since: startedAt });
    return views;
  } finally {
    await session.close(true);
  }
}

/** GET /api/actors/me with the agent's local key. */
async function checkKey(session: ApiSession, profile: Profile, actorId: string, apiKey: string, timeoutMs: number): Promise<KeyCheck> {
  try {
    const me = await withTimeout(session.client(profile, apiKey).getMe(), timeoutMs, `checking ${actorId}`);
    return { ok: true, actorId: me.actor_id };
  } catch (error) {
    return { ok: false, error };
  }
}

async function localVerdict(
  profile: Profile | undefined,
  workspace: WorkspaceRecord,
  entry: ActorEntry,
  server: Agent | undefined,
  listedAt: string | undefined,
  askKey: (profile: Profile, entry: ActorEntry, apiKey: string) => Promise<{ at: string; check: KeyCheck }>,
): Promise<{ verdict: StatusVerdict; at?: string }> {
  if (!profile) {
    return { verdict: { status: 'unknown', message: `profile "${workspace.profile}" no longer exists`, remedy: { kind: 'action', action: 'workspace-add', subject: workspace.dir } } };
  }
  const fromServer = statusFromServer(server, entry.installation_id);
  if (fromServer) return { verdict: fromServer, ...(listedAt && { at: listedAt }) };
  if (!entry.api_key) return { verdict: { status: 'unknown', message: 'actors.json has no api_key for this agent' } };
  const { at, check } = await askKey(profile, entry, entry.api_key);
  return { verdict: statusFromKeyCheck(entry.actor_id, check), at };
}
