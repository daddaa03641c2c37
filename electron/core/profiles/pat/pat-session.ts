import type { Profile } from '../../../../shared/profile';
import { mootupTokenPrefix } from '../../../../shared/token-formats';
import type { CoreContext } from '../../context';
import { TokentrayError } from '../../errors';
import { retryDelayMs } from '../../http/http-setup';
import { openMootupSession, type MootupClient, type PatMetadata } from '../../mootup';
import { findProfile } from '../profile-store';
import { readProfileToken } from '../profiles';
import { revokedRemedy } from '../revocation';

/** A mootup profile opened for PAT work: its metadata, its stored token and clients sharing one dispatcher. */
export interface PatSession {
  profile: Profile;
  token: string;
  /**
   * A client of the profile's mootup as `token` (default: the stored token). A 401 to the stored
   * token marks the profile revoked, seen by `revokedBy` (default: the source the session was opened with).
   */
  client(token?: string, revokedBy?: string): MootupClient;
  close(): Promise<void>;
}

/** Opens a session for a mootup profile; mcp profiles are refused with what to do instead. */
export async function openPatSession(ctx: CoreContext, name: string, source?: string): Promise<PatSession> {
  const profile = findProfile(ctx.home, name);
  if (profile.kind !== 'mootup') {
    throw new TokentrayError(
      'invalid_input',
      `profile "${name}" is an mcp profile: tokentray manages PATs through the mootup API only. Create a new token in the service's settings (Moly: Settings → Integrations → Personal Access Tokens) and store it in tokentray`,
      { remedy: { kind: 'replace-token', profile: name } },
    );
  }
  const token = await readProfileToken(ctx, name);
  const session = await openMootupSession({ env: ctx.env });
  return {
    profile,
    token,
    client: (as = token, revokedBy = source) => session.client(profile.url, as, as === token && revokedBy ? () => revokedRemedy(ctx, name, revokedBy) : undefined),
    close: () => session.close(),
  };
}

/** Runs `work` in a session and closes it; a 401 for the stored token marks the profile revoked. */
export async function withPatSession<T>(ctx: CoreContext, name: string, source: string, work: (session: PatSession) => Promise<T>): Promise<T> {
  const session = await openPatSession(ctx, name, source);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/** Whether an error is the service refusing the token (401). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof TokentrayError && error.code === 'unauthorized';
}

/** The `token_prefix` of the token a profile holds: recorded, else computed from the token. */
export function heldPrefix(profile: Profile, token: string): string | null {
  return profile.token_prefix ?? mootupTokenPrefix(token);
}

/** What a lookup by `token_prefix` found among the active PATs. */
export type PrefixMatch = { found: PatMetadata } | { found: null; candidates: number };

/** The one active PAT with this prefix (other than `except`); none or several is said, not guessed. */
export function matchByPrefix(pats: PatMetadata[], prefix: string | null, except?: string): PrefixMatch {
  const hits = prefix === null ? [] : pats.filter((p) => p.token_prefix === prefix && !p.revoked_at && p.pat_id !== except);
  return hits.length === 1 ? { found: hits[0]! } : { found: null, candidates: hits.length };
}

const TRANSIENT = new Set(['server', 'network', 'timeout']);

/** Whether a failure may pass on its own (5xx, network, timeout) rather than being an answer. */
export function isTransient(error: unknown): boolean {
  return error instanceof TokentrayError && TRANSIENT.has(error.code);
}

/** How many times a PAT revocation is retried after a transient failure (bounded backoff between). */
export const REVOKE_RETRIES = 3;

/**
 * DELETEs a PAT, retrying transient failures with bounded backoff (revocation is idempotent). A 404
 * means it is already gone: `already_gone`. Returns the last error when every attempt failed.
 */
export async function revokeWithRetry(client: MootupClient, patId: string, delay: (attempt: number) => number = retryDelayMs): Promise<{ ok: true; already_gone: boolean } | { ok: false; error: unknown }> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.revokePat(patId);
      return { ok: true, already_gone: false };
    } catch (error) {
      if (error instanceof TokentrayError && error.code === 'not_found') return { ok: true, already_gone: true };
      if (!isTransient(error) || attempt >= REVOKE_RETRIES) return { ok: false, error };
      await new Promise((resolve) => setTimeout(resolve, delay(attempt)));
    }
  }
}
