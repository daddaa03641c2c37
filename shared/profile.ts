/** Profile metadata as stored in profiles.json and shown everywhere: never a token, only its hint. */

export type ProfileKind = 'mootup' | 'mcp';

export interface LastCheck {
  at: string;
  result: 'ok' | 'revoked' | 'error';
  message?: string;
}

export interface Profile {
  name: string;
  kind: ProfileKind;
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
  switch (profile.status) {
    case 'missing_token':
      return 'token missing from keychain';
    case 'revoked':
      return `revoked (refused since ${profile.revoked_at?.slice(0, 10)})`;
    case 'expired':
      return `expired on ${profile.expires_at}`;
    case 'expiring': {
      const days = daysUntil(profile.expires_at!, now);
      return days <= 0 ? 'expires today' : `expires in ${days} day${days === 1 ? '' : 's'}`;
    }
    case 'unchecked':
      return 'not checked yet';
    default:
      return 'ok';
  }
}
