import type { OAuthSignInState } from '../../../shared/profile';
import type { CoreContext } from '../context';
import { TokentrayError } from '../errors';
import { findProfile } from '../profiles/profile-store';
import { envMs, SIGN_IN_TIMEOUT_MS } from './assumptions';
import { OAuthHttp } from './oauth-http';
import { requireOAuth } from './oauth-profile';
import { readTokens, type TokenRecord } from './oauth-secrets';
import { summarize, type OAuthSummary } from './oauth-status';
import { expiringSoon, refreshTokens } from './refresh';
import { signInOnce } from './sign-in-once';

/** How `profile login` reaches the user. */
export interface LoginOptions {
  /** Opens the authorization URL (default: the system browser, or $BROWSER). */
  open?: (url: string) => Promise<unknown>;
  onUrl?: (url: string) => void;
  onWaiting?: (holder: OAuthSignInState) => void;
  log?: (line: string) => void;
  timeoutMs?: number;
}

/** Signs a profile in (again), interactively; joins a sign-in another process already has open. */
export async function loginProfile(ctx: CoreContext, name: string, options: LoginOptions = {}): Promise<OAuthSummary> {
  const profile = findProfile(ctx.home, name);
  requireOAuth(profile);
  const http = new OAuthHttp(ctx.env);
  try {
    const record = await signInOnce(ctx, name, {
      http,
      reason: 'login',
      deadline: Date.now() + (options.timeoutMs ?? envMs(ctx.env.TOKENTRAY_OAUTH_SIGNIN_TIMEOUT_MS, SIGN_IN_TIMEOUT_MS)),
      ...(options.open && { open: options.open }),
      ...(options.onUrl && { onUrl: options.onUrl }),
      ...(options.onWaiting && { onWaiting: options.onWaiting }),
      ...(options.log && { log: options.log }),
    });
    return summarize(findProfile(ctx.home, name), record);
  } finally {
    await http.close();
  }
}

/** The sign-in's tokens ready to send (refreshed first when about to expire); an error when not signed in. */
export async function usableTokens(ctx: CoreContext, http: OAuthHttp, name: string): Promise<TokenRecord> {
  const record = await readTokens(ctx, name);
  if (!record) throw new TokentrayError('unauthorized', `profile "${name}" is not signed in`, { remedy: { kind: 'sign-in', profile: name } });
  return record.refresh_token && expiringSoon(record, ctx.now().getTime()) ? refreshTokens(ctx, http, name, record.access_token) : record;
}

/** A profile's sign-in as every host shows it. */
export async function oauthSummary(ctx: CoreContext, name: string): Promise<OAuthSummary> {
  return summarize(findProfile(ctx.home, name), await readTokens(ctx, name));
}
