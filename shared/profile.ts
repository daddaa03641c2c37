/** Profile metadata as stored in profiles.json and shown everywhere: never a token, only its hint. */
import { secretLikeIn } from './token-formats';

export type ProfileKind = 'mootup' | 'mcp';

export interface LastCheck {
  at: string;
  result: 'ok' | 'revoked' | 'error';
  message?: string;
}

/** How a profile authenticates: a stored token (the default) or OAuth sign-in (mcp profiles). */
export type ProfileAuth = 'token' | 'oauth';

/** Why a sign-in was started, for the tray's wording. */
export type OAuthSignInReason = 'login' | 'no_token' | 'refresh_failed' | 'step_up' | 'server_changed';

/**
 * A sign-in waiting for the user in the browser. While it is set the tray shows
 * "Sign in to <profile>…" (and may offer to open `url` again); it is cleared when the sign-in ends.
 */
export interface OAuthSignInState {
  since: string;
  /** After this time the sign-in has given up (a dead process's state is stale from then on). */
  until: string;
  pid: number;
  reason: OAuthSignInReason;
  /** The authorization URL the browser was sent to (no secret in it: PKCE protects the code). */
  url?: string;
}

/** What profiles.json keeps of an OAuth profile: hints and settings, never a token or client secret. */
export interface OAuthProfileMeta {
  /** A pre-registered client id (`--client-id`); its secret, if any, is in the keychain. */
  client_id?: string;
  /** The HTTPS URL of our Client ID Metadata Document (`--client-metadata-url`). */
  client_metadata_url?: string;
  /** The authorization server's issuer of the current sign-in. */
  issuer?: string;
  /** The resource (RFC 8707) the tokens are bound to. */
  resource?: string;
  /** Scopes granted at the last sign-in or refresh. */
  scopes?: string[];
  /** When the access token expires (ISO time); null when the server did not say. */
  expires_at?: string | null;
  has_refresh_token?: boolean;
  /** Whom the sign-in is for, as far as the tokens tell (email, user name or subject). */
  signed_in_as?: string;
  signed_in_at?: string;
  refreshed_at?: string;
  sign_in?: OAuthSignInState;
}

/** What every host shows of an OAuth sign-in: whom, until when, which scopes; never a token. */
export interface OAuthSummary {
  signed_in: boolean;
  signed_in_as?: string;
  issuer?: string;
  scopes: string[];
  /** When the access token expires (ISO); null when the server did not say. */
  expires_at: string | null;
  /** Whether tokentray renews it without the user (a refresh token is held). */
  refreshable: boolean;
  /** A sign-in waiting in the browser since then. */
  waiting_since?: string;
}

export interface Profile {
  name: string;
  kind: ProfileKind;
  /** Absent means 'token'. */
  auth?: ProfileAuth;
  oauth?: OAuthProfileMeta;
  url: string;
  mcp_url?: string;
  label?: string;
  /** ISO date (YYYY-MM-DD) the token expires, or null for never. mcp profiles only. */
  expires_at?: string | null;
  pat_id?: string;
  token_prefix?: string;
  /** prefix + "…" + last 4 of the stored token. */
  token_hint?: string;
  created_at: string;
  /** How long the MCP proxy waits for the server's answer to begin (seconds); absent: DEFAULT_MCP_TIMEOUT_SECONDS. */
  timeout_seconds?: number;
  last_check?: LastCheck;
  revoked_at?: string;
}

/** A profile name is a slug: lowercase letters, digits and single dashes, 1–64 characters. */
export const PROFILE_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,63}$/;

export function isProfileName(name: string): boolean {
  return PROFILE_NAME_PATTERN.test(name);
}

/** A name as a message may repeat it: quoted, or not at all when it looks like a token pasted by mistake. */
export function quotedName(name: string): string {
  return secretLikeIn(name) ? 'the name given (it looks like a token, so it is not repeated here)' : `"${name}"`;
}

/** Why free text (a label) must not be stored, or null: it looks like a token. Never repeats the text. */
export function secretInTextReason(flag: string, text: string): string | null {
  const what = secretLikeIn(text);
  return what ? `${flag} looks like a token (it holds ${what}); labels are stored in plain text, and tokens go on stdin, never in arguments` : null;
}

/** Makes a slug out of free text (editor server keys, labels), or null when nothing usable is left. */
export function slugify(text: string): string | null {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
  return slug.length > 0 ? slug : null;
}

export type ProfileStatus = 'ok' | 'expiring' | 'expired' | 'revoked' | 'missing_token' | 'unchecked';

/** A profile as every host shows it: metadata plus status, never the token. */
export interface ProfileView extends Profile {
  status: ProfileStatus;
  has_token: boolean;
}

export const EXPIRY_WARNING_DAYS = 14;

/** The MCP proxy's wait for an answer to begin when the profile sets none; `profile set --timeout` changes it. */
export const DEFAULT_MCP_TIMEOUT_SECONDS = 30;
/** The longest wait `profile set --timeout` accepts (a day). */
export const MAX_MCP_TIMEOUT_SECONDS = 86_400;

/** Whole days from `now` until an ISO date (negative once past). */
export function daysUntil(isoDate: string, now: Date): number {
  const end = Date.parse(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  return Math.floor((end - now.getTime()) / 86_400_000);
}

/** The one status a profile shows, worst first. */
export function profileStatus(profile: Profile, hasToken: boolean, now: Date = new Date()): ProfileStatus {
  if (!hasToken) return 'missing_token';
  if (profile.revoked_at) return 'revoked';
  if (profile.auth === 'oauth') {
    const expires = profile.oauth?.expires_at;
    return expires && !profile.oauth?.has_refresh_token && Date.parse(expires) <= now.getTime() ? 'expired' : profile.last_check ? 'ok' : 'unchecked';
  }
  if (profile.expires_at) {
    const days = daysUntil(profile.expires_at, now);
    if (days < 0) return 'expired';
    if (days < EXPIRY_WARNING_DAYS) return 'expiring';
  }
  if (!profile.last_check) return 'unchecked';
  return 'ok';
}

/** Parses `--expires`: a YYYY-MM-DD date, or `never` → null. Returns undefined when malformed. */
export function parseExpiry(value: string): string | null | undefined {
  if (value === 'never') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const time = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) return undefined;
  return value;
}

/** The status in words, as the CLI, the tray and the settings window show it. */
export function describeProfileStatus(profile: ProfileView, now: Date = new Date()): string {
  if (profile.auth === 'oauth' && profile.oauth?.sign_in) return `waiting for sign-in in the browser (since ${profile.oauth.sign_in.since.slice(11, 16)} UTC)`;
  switch (profile.status) {
    case 'missing_token':
      return profile.auth === 'oauth' ? 'not signed in' : 'token missing from keychain';
    case 'revoked':
      return `revoked (refused since ${profile.revoked_at?.slice(0, 10)})`;
    case 'expired':
      return profile.auth === 'oauth' ? 'sign-in expired (no refresh token)' : `expired on ${profile.expires_at}`;
    case 'expiring': {
      const days = daysUntil(profile.expires_at!, now);
      return days <= 0 ? 'expires today' : `expires in ${days} day${days === 1 ? '' : 's'}`;
    }
    case 'unchecked':
      return profile.auth === 'oauth' ? 'signed in' : 'not checked yet';
    default:
      return 'ok';
  }
}
