/**
 * What the OAuth flow assumes where the specifications leave a choice. One place, named as such.
 */

/** `client_name` in dynamic registrations (what the consent page shows). */
export const CLIENT_NAME = 'tokentray';

/**
 * The Client ID Metadata Document URL a build ships with (set at build time from
 * TOKENTRAY_BUILD_CLIENT_METADATA_URL; empty: none, and `--client-metadata-url` is needed for CIMD).
 * The document must be hosted at that URL with `client_id` equal to it (see README.md here).
 */
export const DEFAULT_CLIENT_METADATA_URL: string = process.env.TOKENTRAY_BUILD_CLIENT_METADATA_URL ?? '';

/** How long a sign-in waits for the browser before giving up (TOKENTRAY_OAUTH_SIGNIN_TIMEOUT_MS). */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

/**
 * How long an editor's request waits for a sign-in in progress before it gets a JSON-RPC error
 * (TOKENTRAY_OAUTH_WAIT_MS). Editors give up on a call after about a minute; the sign-in itself goes on.
 */
export const REQUEST_WAIT_MS = 45_000;

/** Refresh this long before the access token expires: a fifth of its lifetime, at most a minute. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(0, lifetimeMs) / 5);
}

/** Step-up sign-ins for scopes not yet asked for; beyond this a 403 is final (MCP: "a few times"). */
export const MAX_STEP_UPS = 2;

/** A number from the environment, or the default. */
export function envMs(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
