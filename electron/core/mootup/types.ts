import type { AssumedAgentFields } from './assumptions';

/** The objects the mootup API returns (seeds). Every one keeps fields we do not know yet. */

/** An actor: a human (user) or an agent, as GET /api/actors/me and friends return it. */
export interface Actor {
  actor_id: string;
  display_name: string;
  /** `human` or `agent` today; kept as a string so a new type does not break us. */
  actor_type: string;
  email?: string | null;
  default_space_id?: string | null;
  sponsor_id?: string | null;
  tenant_id?: string | null;
  created_at?: string;
  [extra: string]: unknown;
}

/** An agent sponsored by the caller (GET /api/actors/me/agents), with the assumed connection fields. */
export type Agent = Actor & AssumedAgentFields;

/** POST /api/actors answer: the actor plus its plaintext API key, shown once. */
export interface RegisteredActor extends Actor {
  api_key: string;
}

/** POST /api/actors body. Agents need the sponsor's credential on the client. */
export interface NewActor {
  display_name: string;
  actor_type?: 'human' | 'agent';
  email?: string;
  agent_profile?: string;
  metadata?: Record<string, unknown>;
}

/** PATCH /api/actors/{id} body. */
export interface ActorPatch {
  display_name?: string;
  metadata?: Record<string, unknown>;
}

/** POST /api/actors/{id}/rotate-key answer: the new plaintext key (the old one is dead). */
export interface RotatedKey {
  actor_id?: string;
  api_key: string;
  [extra: string]: unknown;
}

/** POST /api/actors/{id}/release answer; `already_released` is success too. */
export interface ReleaseResult {
  status: 'released' | 'already_released';
  agent_id?: string;
  [extra: string]: unknown;
}

/** A space the caller participates in (GET /api/actors/me/spaces); its fields are assumed. */
export interface Space {
  space_id: string;
  name?: string;
  status?: string;
  [extra: string]: unknown;
}

/** PAT metadata as listed (never the plaintext). */
export interface PatMetadata {
  pat_id: string;
  name: string;
  token_prefix: string;
  created_at: string;
  last_used_at?: string | null;
  revoked_at?: string | null;
  [extra: string]: unknown;
}

/** POST /api/personal-access-tokens answer: metadata plus the plaintext token, shown once. */
export interface CreatedPat extends PatMetadata {
  token: string;
}

/** A tenant (POST /api/tenants, GET /api/tenants/{id}). */
export interface Tenant {
  tenant_id: string;
  name: string;
  schema_name?: string;
  status?: string;
  [extra: string]: unknown;
}

/** `{"ok": true}` answers (PAT revocation, actor deletion). */
export interface OkResult {
  ok: boolean;
  [extra: string]: unknown;
}
