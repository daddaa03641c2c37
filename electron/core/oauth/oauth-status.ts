import type { OAuthSummary, Profile } from '../../../shared/profile';
import type { TokenRecord } from './oauth-secrets';

/** Every scope a sign-in holds or asked for (what a step-up must go beyond). */
export function scopesHeld(record: TokenRecord): string[] {
  return [...new Set([...record.scopes, ...record.requested_scopes])];
}

export type { OAuthSummary };

/** The summary of a profile's sign-in from its keychain record (or its absence). */
export function summarize(profile: Profile, record: TokenRecord | null): OAuthSummary {
  if (!record) return { signed_in: false, scopes: [], expires_at: null, refreshable: false, ...(profile.oauth?.sign_in && { waiting_since: profile.oauth.sign_in.since }) };
  return {
    signed_in: true,
    ...(record.signed_in_as && { signed_in_as: record.signed_in_as }),
    issuer: record.issuer,
    scopes: record.scopes,
    expires_at: record.expires_at === null ? null : new Date(record.expires_at).toISOString(),
    refreshable: record.refresh_token !== undefined,
    ...(profile.oauth?.sign_in && { waiting_since: profile.oauth.sign_in.since }),
  };
}

/** The summary in one sentence, as the CLI and doctor say it. */
export function describeSummary(name: string, s: OAuthSummary): string {
  if (!s.signed_in) return `${name}: not signed in${s.waiting_since ? ' (a sign-in is waiting in the browser)' : ''}; sign in with \`tokentray profile login ${name}\``;
  const who = s.signed_in_as ? ` as ${s.signed_in_as}` : '';
  const until = s.expires_at ? `access token until ${s.expires_at}` : 'access token without a stated expiry';
  const renew = s.refreshable ? ', renewed automatically' : ', no refresh token: sign in again when it expires';
  return `${name}: signed in${who} at ${s.issuer}; ${until}${renew}; scopes: ${s.scopes.join(' ') || '(none named)'}`;
}
