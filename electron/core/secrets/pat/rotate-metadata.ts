import type { Profile } from '../../../../shared/profile';
import { mootupTokenPrefix, tokenHint } from '../../../../shared/token-formats';
import type { CoreContext } from '../../context';
import { patchProfile } from '../profile-store';
import type { StepLog } from './rotate-result';

/** What profiles.json says about the token a profile holds; an absent field is unknown. */
export type Held = Pick<Profile, 'pat_id' | 'token_prefix' | 'token_hint'>;

/** The metadata of `token` (of PAT `patId`, when known). */
export function heldFor(token: string, patId?: string): Held {
  return { pat_id: patId, token_prefix: mootupTokenPrefix(token) ?? undefined, token_hint: tokenHint(token) };
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

/** Makes profiles.json describe the token in the keychain, as step `step`. Returns the problem, if any. */
export async function recordHeld(ctx: CoreContext, name: string, held: Held, log: StepLog, step: string, said: string): Promise<string | null> {
  try {
    await patchProfile(ctx.home, name, (p) => withHeld(p, held));
    log.ok(step, said);
    return null;
  } catch (error) {
    return log.failed(step, error);
  }
}

/** After "verify ok": the stored token works, so the profile is checked ok and no longer revoked. Returns the problem, if any. */
export async function recordVerified(ctx: CoreContext, name: string, log: StepLog): Promise<string | null> {
  try {
    const at = ctx.now().toISOString();
    await patchProfile(ctx.home, name, (p) => {
      const next: Profile = { ...p, last_check: { at, result: 'ok', message: 'verified by pat rotate' } };
      delete next.revoked_at;
      return next;
    });
    return null;
  } catch (error) {
    return log.failed('check', error);
  }
}
