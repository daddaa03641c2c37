import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorReply, readJsonBody, Reply, send, bearerToken, header } from './http-kit';
import { createInjector, type Injector } from './inject';
import { createMcpEndpoint } from './mcp-endpoint';
import { ACTOR_ROUTES, type Route } from './routes-actors';
import { PAT_AND_TENANT_ROUTES } from './routes-pats';
import { SandboxState, type RequestRecord, type SandboxActor } from './state';

/**
 * A mootup-compatible server in memory on 127.0.0.1: every endpoint of the seeds with their
 * documented semantics, the assumed agent fields, an MCP endpoint at /mcp and failure injection.
 * See README.md in this folder for the seeded data and the inject API.
 */

export interface SandboxOptions {
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** The installation id the seeded "connected here" agent is held by (default `inst_this_machine`). */
  localInstallationId?: string;
  /** /mcp answers POSTs with plain JSON instead of an SSE stream (default false: SSE). */
  mcpJsonResponse?: boolean;
}

/** A seeded or created agent with its current plaintext key (keys change on rotation: re-read from state). */
export interface SandboxAgent {
  actor_id: string;
  display_name: string;
  api_key: string;
}

export interface Sandbox {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** `${url}/mcp`. */
  mcpUrl: string;
  /** The seeded human ("Alice Sandbox") and her PAT and API key. */
  humanId: string;
  humanPat: string;
  humanPatId: string;
  humanApiKey: string;
  /** A second human ("Bob Other"), for not-yours cases. */
  otherHumanId: string;
  otherPat: string;
  localInstallationId: string;
  elsewhereInstallationId: string;
  /** Alice's seeded agents, one per connection state, and one of Bob's. */
  agents: { connectedElsewhere: SandboxAgent; connectedHere: SandboxAgent; available: SandboxAgent; othersAgent: SandboxAgent };
  /** Space ids: Alice's active and archived ones. */
  spaces: { active: string; archived: string };
  state: SandboxState;
  inject: Injector;
  /** A new agent sponsored by Alice (or `sponsorId`), held by `installationId` or available. */
  createAgent(input?: { displayName?: string; installationId?: string | null; sponsorId?: string }): SandboxAgent;
  /** The agent's current key (after rotations). */
  agentKey(actorId: string): string;
  /** Open /mcp session ids (a client that DELETEs its session leaves none). */
  mcpSessions(): string[];
  close(): Promise<void>;
}

const agentInfo = (a: SandboxActor): SandboxAgent => ({ actor_id: a.actor_id, display_name: a.display_name, api_key: a.api_key });

function seed(state: SandboxState, localInstallationId: string, elsewhereInstallationId: string) {
  const alice = state.createHuman({ displayName: 'Alice Sandbox', email: 'alice@example.com' });
  const bob = state.createHuman({ displayName: 'Bob Other', email: 'bob@example.com' });
  const alicePat = state.issuePat(alice.actor_id, 'Sandbox seed');
  const bobPat = state.issuePat(bob.actor_id, 'Bob seed');
  const active = state.createSpace({ name: 'Sandbox HQ', memberIds: [alice.actor_id] });
  const archived = state.createSpace({ name: 'Old project', status: 'archived', memberIds: [alice.actor_id] });
  state.createSpace({ name: "Bob's space", memberIds: [bob.actor_id] });
  alice.default_space_id = active.space_id;
  bob.default_space_id = null;
  const agents = {
    connectedElsewhere: agentInfo(state.createAgent({ sponsorId: alice.actor_id, displayName: 'Builder', installationId: elsewhereInstallationId, agentProfile: 'claude-code' })),
    connectedHere: agentInfo(state.createAgent({ sponsorId: alice.actor_id, displayName: 'Helper', installationId: localInstallationId, agentProfile: 'claude-code' })),
    available: agentInfo(state.createAgent({ sponsorId: alice.actor_id, displayName: 'Reviewer', installationId: null, agentProfile: 'cursor' })),
    othersAgent: agentInfo(state.createAgent({ sponsorId: bob.actor_id, displayName: "Bob's agent", installationId: 'inst_bob' })),
  };
  return { alice, bob, alicePat, bobPat, agents, spaces: { active: active.space_id, archived: archived.space_id } };
}

const ROUTES: Route[] = [...ACTOR_ROUTES, ...PAT_AND_TENANT_ROUTES];

async function route(state: SandboxState, req: IncomingMessage, url: URL): Promise<Reply> {
  const method = req.method ?? 'GET';
  const candidates = ROUTES.filter((r) => r.pattern.test(url.pathname));
  // /api/actors/me is both a literal route and an {id}: the first listed (literal) wins.
  const found = candidates.find((r) => r.method === method);
  if (!found) return candidates.length > 0 ? errorReply(405, 'method_not_allowed', `${method} is not allowed here`) : errorReply(404, 'not_found', 'No such endpoint');
  const params = found.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
  const body = method === 'GET' ? undefined : await readJsonBody(req);
  const caller = state.authenticate(bearerToken(req));
  return found.handle({ state, caller, params, query: url.searchParams, body, header: (name) => header(req, name) });
}

function authKind(state: SandboxState, req: IncomingMessage): RequestRecord['auth'] {
  const token = bearerToken(req);
  if (!token) return 'none';
  const isPat = [...state.pats.values()].some((p) => p.token === token && !p.revoked_at);
  if (isPat) return 'pat';
  return [...state.actors.values()].some((a) => a.api_key === token) ? 'api_key' : 'invalid';
}

/** Starts a sandbox on 127.0.0.1. Close it when done. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = new SandboxState();
  const localInstallationId = options.localInstallationId ?? 'inst_this_machine';
  const elsewhereInstallationId = 'inst_other_machine';
  const seeded = seed(state, localInstallationId, elsewhereInstallationId);
  const injector = createInjector();
  const mcp = createMcpEndpoint(state, { jsonResponse: options.mcpJsonResponse ?? false });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RequestRecord = { method: req.method ?? 'GET', path: url.pathname, status: 0, auth: authKind(state, req) };
    state.requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    if (injector.intercept(req, res, url.pathname)) return;
    const work = url.pathname === '/mcp' ? mcp.handle(req, res) : route(state, req, url).then((reply) => send(res, reply));
    work.catch((error: unknown) => send(res, error instanceof Reply ? error : errorReply(500, 'internal', `sandbox error: ${(error as Error).message}`)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    mcpUrl: `${url}/mcp`,
    humanId: seeded.alice.actor_id,
    humanPat: seeded.alicePat.token,
    humanPatId: seeded.alicePat.pat_id,
    humanApiKey: seeded.alice.api_key,
    otherHumanId: seeded.bob.actor_id,
    otherPat: seeded.bobPat.token,
    localInstallationId,
    elsewhereInstallationId,
    agents: seeded.agents,
    spaces: seeded.spaces,
    state,
    inject: injector.api,
    createAgent: (input = {}) =>
      agentInfo(state.createAgent({ sponsorId: input.sponsorId ?? seeded.alice.actor_id, displayName: input.displayName ?? 'Test agent', installationId: input.installationId ?? null })),
    agentKey: (actorId) => state.actors.get(actorId)?.api_key ?? '',
    mcpSessions: () => mcp.sessionIds(),
    close: async () => {
      await mcp.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
