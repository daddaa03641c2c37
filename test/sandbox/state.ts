import { randomBytes, randomUUID } from 'node:crypto';

/** The sandbox's in-memory world: actors, keys, PATs, spaces, tenants, and what requests it saw. */

export interface SandboxActor {
  actor_id: string;
  display_name: string;
  actor_type: 'human' | 'agent';
  email: string | null;
  default_space_id: string | null;
  sponsor_id: string | null;
  tenant_id: string | null;
  created_at: string;
  agent_profile?: string;
  metadata: Record<string, unknown>;
  /** The actor's current API key (`convo_…`); rotating replaces it, so the old one dies at once. */
  api_key: string;
  /** ASSUMED extension (agents only): who holds the agent. */
  connection_status?: 'connected' | 'available';
  installation_id?: string | null;
}

export interface SandboxPat {
  pat_id: string;
  actor_id: string;
  name: string;
  token: string;
  token_prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SandboxSpace {
  space_id: string;
  name: string;
  status: 'active' | 'archived';
  member_ids: string[];
  created_at: string;
}

export interface SandboxTenant {
  tenant_id: string;
  name: string;
  schema_name: string;
  status: 'active';
  member_ids: string[];
}

/** One request the sandbox answered (for tests that count attempts). No token values. */
export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  /** How the caller authenticated: by PAT, by API key, not at all, or with an unknown token. */
  auth: 'pat' | 'api_key' | 'none' | 'invalid';
}

/** An authenticated caller. */
export interface Caller {
  actor: SandboxActor;
  via: 'pat' | 'api_key';
  pat?: SandboxPat;
}

/** A fresh agent key, `convo_` + 40 hex (the seeds only fix the prefix). */
export const newAgentKey = (): string => `convo_${randomBytes(20).toString('hex')}`;
/** A fresh PAT in the documented format: `mootup_pat_` + 60 lowercase hex. */
export const newPat = (): string => `mootup_pat_${randomBytes(30).toString('hex')}`;
const id = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

/** The mutable state behind one sandbox server. Tests may read and change it directly. */
export class SandboxState {
  readonly actors = new Map<string, SandboxActor>();
  readonly pats = new Map<string, SandboxPat>();
  readonly spaces = new Map<string, SandboxSpace>();
  readonly tenants = new Map<string, SandboxTenant>();
  /** Every request answered, in order (the /mcp ones too). */
  readonly requests: RequestRecord[] = [];
  /** Every bearer token the /mcp endpoint received, in order, valid or not (proves a rotation arrived). */
  readonly mcpTokensSeen: string[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  private stamp(): string {
    return this.now().toISOString();
  }

  /** Adds a human with an API key. */
  createHuman(input: { displayName: string; email: string }): SandboxActor {
    const actor: SandboxActor = {
      actor_id: id('usr'),
      display_name: input.displayName,
      actor_type: 'human',
      email: input.email,
      default_space_id: null,
      sponsor_id: null,
      tenant_id: null,
      created_at: this.stamp(),
      metadata: {},
      api_key: newAgentKey(),
    };
    this.actors.set(actor.actor_id, actor);
    return actor;
  }

  /** Adds an agent sponsored by `sponsorId`, held by `installationId` (connected) or by nobody (available). */
  createAgent(input: { sponsorId: string; displayName: string; installationId?: string | null; agentProfile?: string; metadata?: Record<string, unknown> }): SandboxActor {
    const held = typeof input.installationId === 'string';
    const actor: SandboxActor = {
      actor_id: id('agt'),
      display_name: input.displayName,
      actor_type: 'agent',
      email: null,
      default_space_id: null,
      sponsor_id: input.sponsorId,
      tenant_id: null,
      created_at: this.stamp(),
      ...(input.agentProfile !== undefined && { agent_profile: input.agentProfile }),
      metadata: input.metadata ?? {},
      api_key: newAgentKey(),
      connection_status: held ? 'connected' : 'available',
      installation_id: held ? input.installationId! : null,
    };
    this.actors.set(actor.actor_id, actor);
    return actor;
  }

  /** Issues a PAT to any actor (bypasses the humans-only rule, so tests can make odd cases). */
  issuePat(actorId: string, name = 'sandbox', token = newPat()): SandboxPat {
    const pat: SandboxPat = {
      pat_id: id('pat'),
      actor_id: actorId,
      name,
      token,
      token_prefix: token.slice('mootup_pat_'.length, 'mootup_pat_'.length + 8),
      created_at: this.stamp(),
      last_used_at: null,
      revoked_at: null,
    };
    this.pats.set(pat.pat_id, pat);
    return pat;
  }

  /** Revokes a PAT by its plaintext (tests: "the token was revoked elsewhere"). */
  revokeToken(token: string): void {
    for (const pat of this.pats.values()) if (pat.token === token && !pat.revoked_at) pat.revoked_at = this.stamp();
  }

  /** Adds a space with the given members. */
  createSpace(input: { name: string; status?: 'active' | 'archived'; memberIds: string[] }): SandboxSpace {
    const space: SandboxSpace = { space_id: id('spc'), name: input.name, status: input.status ?? 'active', member_ids: input.memberIds, created_at: this.stamp() };
    this.spaces.set(space.space_id, space);
    return space;
  }

  /** Creates a tenant and moves its creator into it. */
  createTenant(name: string, creator: SandboxActor): SandboxTenant {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'tenant';
    const tenant: SandboxTenant = { tenant_id: randomUUID(), name, schema_name: `tenant_${slug}`, status: 'active', member_ids: [creator.actor_id] };
    this.tenants.set(tenant.tenant_id, tenant);
    creator.tenant_id = tenant.tenant_id;
    return tenant;
  }

  /** Who a bearer token belongs to: an unrevoked PAT or a current API key; null otherwise. */
  authenticate(token: string | null): Caller | null {
    if (!token) return null;
    for (const pat of this.pats.values()) {
      if (pat.token !== token) continue;
      const actor = this.actors.get(pat.actor_id);
      if (pat.revoked_at || !actor) return null;
      pat.last_used_at = this.stamp();
      return { actor, via: 'pat', pat };
    }
    for (const actor of this.actors.values()) if (actor.api_key === token) return { actor, via: 'api_key' };
    return null;
  }

  /** Gives an actor a new key; the old one stops working at once. */
  rotateKey(actor: SandboxActor, installationId: string | null): string {
    actor.api_key = newAgentKey();
    if (actor.actor_type === 'agent') {
      actor.connection_status = 'connected';
      actor.installation_id = installationId;
    }
    return actor.api_key;
  }

  /** Deletes an actor with its PATs (its key dies with it). */
  deleteActor(actorId: string): void {
    this.actors.delete(actorId);
    for (const [patId, pat] of this.pats) if (pat.actor_id === actorId) this.pats.delete(patId);
  }

  /** How many answered requests match a method and a path pattern (e.g. to count retries). */
  countRequests(method: string, path: RegExp | string): number {
    return this.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path))).length;
  }

  /** An actor as the API shows it: no key; the assumed connection fields only on agents. */
  view(actor: SandboxActor): Record<string, unknown> {
    const { api_key: _key, connection_status, installation_id, ...rest } = actor;
    return actor.actor_type === 'agent' ? { ...rest, connection_status, installation_id } : rest;
  }

  /** PAT metadata as listed (never the plaintext). */
  patView(pat: SandboxPat): Record<string, unknown> {
    const { token: _token, actor_id: _owner, ...rest } = pat;
    return rest;
  }
}
