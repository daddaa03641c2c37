import { profileStatus, type Profile, type ProfileView } from '../../../shared/profile';
import { checkTokenForProfile } from '../../../shared/token-formats';
import { appendAudit } from '../audit/audit-log';
import type { CoreContext } from '../context';
import { TokentrayError, errorMessage } from '../errors';
import { rememberSecret } from '../redact/known-secrets';
import { serviceUrl, verifyToken, type Outcome } from './profile-check';
import { findProfile, unknownProfile, updateProfiles } from './profile-store';
import { heldFor, verifiedBy, withHeld } from './token-metadata';

/** What `profile replace` answers: the updated profile and what the check of the new token said. */
export interface ReplaceResult {
  profile: ProfileView;
  message: string;
  warning?: string;
}

/**
 * Swaps a new token into an existing profile. The new token is verified first (mootup: GET
 * /api/actors/me; mcp: an MCP initialize, as `profile check` does); the old one stays stored until
 * it checks out. Clears a revoked mark and records the new hint, prefix and pat_id.
 */
export async function replaceProfileToken(ctx: CoreContext, name: string, token: string, options: { expires_at?: string | null } = {}): Promise<ReplaceResult> {
  rememberSecret(token);
  const profile = findProfile(ctx.home, name);
  if (profile.auth === 'oauth') throw new TokentrayError('invalid_input', `profile "${name}" signs in with OAuth; there is no token to replace`, { remedy: { kind: 'sign-in', profile: name } });
  const shape = checkTokenForProfile(profile.kind, token);
  if (!shape.ok) throw new TokentrayError('invalid_input', `token refused: ${shape.message}; ${name} keeps its current token`);
  if (options.expires_at !== undefined && profile.kind !== 'mcp') {
    throw new TokentrayError('invalid_input', '--expires applies to mcp profiles; mootup PATs do not expire');
  }
  const { outcome, patId } = await verifyNewToken(ctx, profile, token);
  const at = ctx.now().toISOString();
  const updated = await updateProfiles(ctx.home, async (profiles) => {
    const index = profiles.findIndex((p) => p.name === name);
    if (index < 0) throw unknownProfile(name);
    // Keychain first: if it refuses, profiles.json still describes the old token, which is still stored.
    await ctx.secrets.set(name, token);
    const next = verifiedBy(withHeld(profiles[index]!, heldFor(token, patId, profile.kind)), at, `profile replace${outcome.warning ? `: ${outcome.warning}` : ''}`);
    if (options.expires_at !== undefined) next.expires_at = options.expires_at;
    const all = profiles.slice();
    all[index] = next;
    return { profiles: all, result: next };
  });
  appendAudit(ctx.home, { kind: 'profile.replace', profile: name, status: 'ok', message: `now ${updated.token_hint}${patId ? ` (${patId})` : ''}` });
  const view: ProfileView = { ...updated, status: profileStatus(updated, true, ctx.now()), has_token: true };
  const warning = [shape.message, outcome.warning].filter(Boolean).join('; ') || undefined;
  return { profile: view, message: `replaced the token of ${name} with ${updated.token_hint}: ${outcome.message}`, ...(warning && { warning }) };
}

/** Checks a candidate token against the profile's service without storing it; throws what was wrong, saying the old token stays. */
async function verifyNewToken(ctx: CoreContext, profile: Profile, token: string): Promise<{ outcome: Outcome; patId?: string }> {
  const host = new URL(serviceUrl(profile)).host; // an insecure URL is refused as it is, before anything is sent
  try {
    // Best effort: learn the new token's pat_id so a later rotation can revoke it by id.
    return await verifyToken(ctx, profile, token, { patId: true });
  } catch (error) {
    const refused = error instanceof TokentrayError && error.code === 'unauthorized';
    throw new TokentrayError(
      error instanceof TokentrayError ? error.code : 'network',
      `the new token was not stored: ${refused ? `${host} refused it (401)` : errorMessage(error)}. ${profile.name} keeps its current token.`,
      {},
      { cause: error },
    );
  }
}
