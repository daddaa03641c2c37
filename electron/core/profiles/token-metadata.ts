import type { Profile, ProfileKind } from '../../../shared/profile';
import { mootupTokenPrefix, tokenHint } from '../../../shared/token-formats';

/**
 * What profiles.json says about the token a profile holds, after any token change (profile
 * replace, pat rotate and its healing): hint, prefix, PAT id, and the verified mark that clears a
 * revoked one. The revoked mark itself is set by `revocation.ts`.
 */

/** What profiles.json says about the token a profile holds; an absent field is unknown. */
export type Held = Pick<Profile, 'pat_id' | 'token_prefix' | 'token_hint'>;

/** The metadata of `token` (of PAT `patId`, when known); only a mootup profile records a prefix. */
export function heldFor(token: string, patId?: string, kind: ProfileKind = 'mootup'): Held {
  return { pat_id: patId, token_prefix: (kind === 'mootup' && mootupTokenPrefix(token)) || undefined, token_hint: tokenHint(token) };
}

/** The metadata a profile records now, to be put back as it was. */
export function heldOf(profile: Profile): Held {
  return { pat_id: profile.pat_id, token_prefix: profile.token_prefix, token_hint: profile.token_hint };
}

/** `profile` describing the held token instead (fields left unknown are removed, not kept from the other token). */
export function withHeld(profile: Profile, held: Held): Profile {
  const next = { ...profile };
  for (const key of ['pat_id', 'token_prefix', 'token_hint'] as const) {
    if (held[key] === undefined) delete next[key];
    else next[key] = held[key];
  }
  return next;
}

/** `profile` once its stored token was verified at `at` by `by` (`profile replace`, `pat rotate`): checked ok, no longer revoked. */
export function verifiedBy(profile: Profile, at: string, by: string): Profile {
  const next: Profile = { ...profile, last_check: { at, result: 'ok', message: `verified by ${by}` } };
  delete next.revoked_at;
  return next;
}
