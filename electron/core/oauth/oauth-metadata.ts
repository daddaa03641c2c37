import type { OAuthProfileMeta, Profile } from '../../../shared/profile';
import { appendAudit } from '../audit/audit-log';
import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import { patchProfile } from '../profiles/profile-store';
import type { TokenRecord } from './oauth-secrets';

/** The audit kinds of OAuth actions (the audit log never holds a token). */
export const OAUTH_AUDIT = { signIn: 'oauth.sign_in', refresh: 'oauth.refresh', signOut: 'oauth.sign_out' } as const;

/** The hints profiles.json keeps of a token record: issuer, scopes, expiry, whom; never a token. */
export function hintsOf(record: TokenRecord): Pick<OAuthProfileMeta, 'issuer' | 'resource' | 'scopes' | 'expires_at' | 'has_refresh_token' | 'signed_in_as'> {
  return {
    issuer: record.issuer,
    resource: record.resource,
    scopes: record.scopes,
    expires_at: record.expires_at === null ? null : new Date(record.expires_at).toISOString(),
    has_refresh_token: record.refresh_token !== undefined,
    ...(record.signed_in_as && { signed_in_as: record.signed_in_as }),
  };
}

/** Changes the `oauth` metadata of a profile (locked read-modify-write of profiles.json). */
export function patchOAuth(ctx: CoreContext, name: string, change: (meta: OAuthProfileMeta, profile: Profile) => OAuthProfileMeta): Promise<Profile> {
  return patchProfile(ctx.home, name, (profile) => {
    const { revoked_at: _revoked, ...rest } = profile;
    return { ...rest, oauth: change(profile.oauth ?? {}, profile) };
  });
}

/** Records a fresh token record's hints; a metadata failure is logged, never lost tokens (the keychain went first). */
export async function recordHints(ctx: CoreContext, name: string, record: TokenRecord, extra: Partial<OAuthProfileMeta>, log?: (line: string) => void): Promise<void> {
  try {
    await patchOAuth(ctx, name, (meta) => {
      const { signed_in_as: _who, ...kept } = meta;
      return { ...kept, ...hintsOf(record), ...extra };
    });
  } catch (error) {
    log?.(`tokentray: could not record the sign-in in profiles.json: ${errorMessage(error)}`);
  }
}

/** One audit line for an OAuth action (status and a sentence; no token, no code, no secret). */
export function auditOAuth(ctx: CoreContext, kind: (typeof OAUTH_AUDIT)[keyof typeof OAUTH_AUDIT], profile: string, status: 'ok' | 'error', message?: string): void {
  try {
    appendAudit(ctx.home, { kind, profile, status, ...(message && { message: message.slice(0, 500) }) });
  } catch {
    // the audit log is best effort; the action itself succeeded or failed on its own
  }
}
