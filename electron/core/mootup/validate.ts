import { TokentrayError } from '../errors';
import { CONNECTION_STATUSES, ROTATED_KEY_FIELDS, SPACE_ID_FIELDS, unwrapList } from './assumptions';
import type { Actor, Agent, CreatedPat, OkResult, PatMetadata, RegisteredActor, ReleaseResult, RotatedKey, Space, Tenant } from './types';

/**
 * Response validators: check the fields we use, keep every other field as it came (the service
 * adds fields over time), and turn a wrong shape into a `bad_response` error naming the field.
 * Messages never quote values: a malformed answer could hold a token.
 */

/** `string` required; `string?` may be absent or null; `object?` likewise; `boolean` required. */
type Rule = 'string' | 'string?' | 'object?' | 'boolean';
type Rules = Record<string, Rule>;

function badShape(what: string, problem: string): TokentrayError {
  return new TokentrayError('bad_response', `mootup answered ${what} with an unexpected shape (${problem}); is the URL a mootup server, and is tokentray up to date?`, { what });
}

function fits(value: unknown, rule: Rule): boolean {
  if (rule === 'string') return typeof value === 'string';
  if (rule === 'boolean') return typeof value === 'boolean';
  if (value === undefined || value === null) return true;
  return rule === 'string?' ? typeof value === 'string' : typeof value === 'object' && !Array.isArray(value);
}

/** Checks `value` is an object whose fields follow `rules`; returns a shallow copy with all its fields. */
export function checkObject<T>(value: unknown, rules: Rules, what: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badShape(what, 'expected a JSON object');
  const record = value as Record<string, unknown>;
  for (const [field, rule] of Object.entries(rules)) {
    if (!fits(record[field], rule)) throw badShape(what, `"${field}" should be ${rule.endsWith('?') ? `a ${rule.slice(0, -1)} or null` : `a ${rule}`}`);
  }
  return { ...record } as T;
}

/** Checks a list answer (bare array or assumed wrapper) and each of its items. */
export function checkList<T>(value: unknown, resource: string, item: (v: unknown, what: string) => T, what: string): T[] {
  const list = unwrapList(value, resource);
  if (!list) throw badShape(what, `expected a JSON array of ${resource}`);
  return list.map((entry, i) => item(entry, `${what} [item ${i}]`));
}

const ACTOR_RULES: Rules = {
  actor_id: 'string',
  display_name: 'string',
  actor_type: 'string',
  email: 'string?',
  default_space_id: 'string?',
  sponsor_id: 'string?',
  tenant_id: 'string?',
  created_at: 'string?',
};

/** An actor object (GET /me, PATCH). */
export const parseActor = (v: unknown, what: string): Actor => checkObject<Actor>(v, ACTOR_RULES, what);

/** An actor with its once-only API key (POST /api/actors). */
export const parseRegisteredActor = (v: unknown, what: string): RegisteredActor =>
  checkObject<RegisteredActor>(v, { ...ACTOR_RULES, api_key: 'string' }, what);

/** A sponsored agent; an unknown `connection_status` value is treated as absent (null). */
export function parseAgent(v: unknown, what: string): Agent {
  const agent = checkObject<Agent>(v, { ...ACTOR_RULES, connection_status: 'string?', installation_id: 'string?' }, what);
  if (agent.connection_status != null && !CONNECTION_STATUSES.includes(agent.connection_status)) agent.connection_status = null;
  return agent;
}

/** A space; `id` is accepted for `space_id` (the shape is assumed). */
export function parseSpace(v: unknown, what: string): Space {
  const raw = checkObject<Record<string, unknown>>(v, { name: 'string?', status: 'string?' }, what);
  const id = SPACE_ID_FIELDS.map((f) => raw[f]).find((x) => typeof x === 'string');
  if (typeof id !== 'string') throw badShape(what, '"space_id" should be a string');
  return { ...raw, space_id: id } as Space;
}

const PAT_RULES: Rules = { pat_id: 'string', name: 'string', token_prefix: 'string', created_at: 'string', last_used_at: 'string?', revoked_at: 'string?' };

/** PAT metadata (listing). */
export const parsePat = (v: unknown, what: string): PatMetadata => checkObject<PatMetadata>(v, PAT_RULES, what);

/** A created PAT: metadata plus the plaintext token. */
export const parseCreatedPat = (v: unknown, what: string): CreatedPat => checkObject<CreatedPat>(v, { ...PAT_RULES, token: 'string' }, what);

/** A rotate-key answer: the new key under `api_key` (or the assumed fallback `key`). */
export function parseRotatedKey(v: unknown, what: string): RotatedKey {
  const raw = checkObject<Record<string, unknown>>(v, { actor_id: 'string?' }, what);
  const key = ROTATED_KEY_FIELDS.map((f) => raw[f]).find((x) => typeof x === 'string');
  if (typeof key !== 'string') throw badShape(what, '"api_key" should be a string');
  return { ...raw, api_key: key } as RotatedKey;
}

/** A release answer: `released` or `already_released`. */
export function parseRelease(v: unknown, what: string): ReleaseResult {
  const result = checkObject<ReleaseResult>(v, { status: 'string', agent_id: 'string?' }, what);
  if (result.status !== 'released' && result.status !== 'already_released') throw badShape(what, '"status" should be released or already_released');
  return result;
}

/** A tenant. */
export const parseTenant = (v: unknown, what: string): Tenant =>
  checkObject<Tenant>(v, { tenant_id: 'string', name: 'string', schema_name: 'string?', status: 'string?' }, what);

/**
 * `{"ok": true}` as documented; an empty answer (204) or a 2xx body of another shape counts as ok
 * too (the status code already said so), unless the body says `"ok": false`.
 */
export function parseOk(v: unknown, what: string): OkResult {
  if (v === undefined || v === null) return { ok: true };
  if (typeof v !== 'object' || Array.isArray(v)) throw badShape(what, 'expected a JSON object');
  const ok = (v as { ok?: unknown }).ok;
  if (ok === false) throw badShape(what, '"ok" is false');
  return { ...(v as Record<string, unknown>), ok: true } as OkResult;
}
