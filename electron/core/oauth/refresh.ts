import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OAuthSignInReason } from '../../../shared/profile';
import type { CoreContext } from '../context';
import { TokentrayError, errorMessage } from '../errors';
import { withFileLock } from '../fs/file-lock';
import { refreshMarginMs } from './assumptions';
import { auditOAuth, OAUTH_AUDIT, recordHints } from './oauth-metadata';
import type { OAuthHttp } from './oauth-http';
import { readClients, readTokens, writeTokens, type TokenRecord } from './oauth-secrets';
import { OAuthGrantError, requestTokens } from './token-endpoint';

/** No refresh can help: only an interactive sign-in will (no refresh token, or it was refused). */
export class SignInRequired extends TokentrayError {
  constructor(
    readonly reason: OAuthSignInReason,
    message: string,
  ) {
    super('unauthorized', message);
  }
}

/** Whether the access token expires within its refresh margin (or has expired). */
export function expiringSoon(record: TokenRecord, now: number): boolean {
  if (record.expires_at === null) return false;
  return record.expires_at - now <= refreshMarginMs(record.expires_at - record.obtained_at);
}

/** The file whose lock serializes refreshes of one profile across processes. */
function lockPath(ctx: CoreContext, name: string): string {
  const dir = join(ctx.home, 'oauth');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return join(dir, `${name}.refresh`);
}

/**
 * Refreshes the profile's tokens, once across every process: under the profile's refresh lock the
 * keychain is read again, and when another process already replaced `stale` (the access token that
 * was refused or is about to expire) its fresh tokens are used as they are. So a rotating refresh
 * token is spent exactly once. The new tokens reach the keychain before anything else.
 */
export async function refreshTokens(ctx: CoreContext, http: OAuthHttp, name: string, stale: string | null, log?: (line: string) => void): Promise<TokenRecord> {
  const attempt = () => refreshLocked(ctx, http, name, stale, log);
  try {
    return await withFileLock(lockPath(ctx, name), attempt);
  } catch (error) {
    if (error instanceof TokentrayError) throw error;
    // The lock could not be had in time (another refresh hangs): whatever it stored is still better.
    const current = await readTokens(ctx, name);
    if (current && current.access_token !== stale && !expiringSoon(current, ctx.now().getTime())) return current;
    throw new TokentrayError('timeout', `could not refresh the sign-in of ${name}: ${errorMessage(error)}`);
  }
}

async function refreshLocked(ctx: CoreContext, http: OAuthHttp, name: string, stale: string | null, log?: (line: string) => void): Promise<TokenRecord> {
  const current = await readTokens(ctx, name);
  if (!current) throw new SignInRequired('no_token', `profile "${name}" is not signed in`);
  const now = ctx.now().getTime();
  if (current.access_token !== stale && !expiringSoon(current, now)) return current; // refreshed by someone else meanwhile
  if (!current.refresh_token) throw new SignInRequired('refresh_failed', `the sign-in of ${name} has expired and ${current.issuer} gave no refresh token`);
  const client = (await readClients(ctx, name)).by_issuer[current.issuer];
  if (!client) throw new SignInRequired('refresh_failed', `the client registration for ${current.issuer} is gone from the keychain`);
  let answer;
  try {
    answer = await requestTokens(http, current.token_endpoint, current.issuer, client, { grant_type: 'refresh_token', refresh_token: current.refresh_token, resource: current.resource }, 'refresh');
  } catch (error) {
    auditOAuth(ctx, OAUTH_AUDIT.refresh, name, 'error', errorMessage(error));
    if (error instanceof OAuthGrantError && (error.oauthError === 'invalid_grant' || error.oauthError === 'invalid_client' || error.oauthError === 'unauthorized_client')) {
      // The refresh token is dead: drop it, so no process tries it again.
      const { refresh_token: _dead, ...rest } = current;
      await writeTokens(ctx, name, rest);
      await recordHints(ctx, name, rest, {}, log);
      throw new SignInRequired('refresh_failed', `${error.message}; a new sign-in is needed`);
    }
    throw error;
  }
  const next: TokenRecord = {
    ...current,
    access_token: answer.access_token,
    token_type: answer.token_type,
    // A server that does not rotate keeps the old refresh token valid (RFC 6749 §6).
    ...((answer.refresh_token ?? current.refresh_token) && { refresh_token: answer.refresh_token ?? current.refresh_token }),
    expires_at: answer.expires_in ? now + answer.expires_in * 1000 : null,
    obtained_at: now,
    scopes: answer.scope ?? current.scopes,
  };
  await writeTokens(ctx, name, next);
  await recordHints(ctx, name, next, { refreshed_at: new Date(now).toISOString() }, log);
  auditOAuth(ctx, OAUTH_AUDIT.refresh, name, 'ok', current.issuer);
  return next;
}
