import type { OAuthSignInReason } from '../../../shared/profile';
import type { CoreContext } from '../context';
import { TokentrayError, errorMessage } from '../errors';
import { findProfile } from '../profiles/profile-store';
import { profileMcpUrl } from '../profiles/profile-urls';
import { openBrowser } from './browser';
import type { BearerChallenge } from './challenge';
import { clientFor, heldClient, registeredPort } from './client-identity';
import { discoverAuthServer, discoverResource, probeChallenge, type AuthServerMetadata } from './discovery';
import { auditOAuth, OAUTH_AUDIT, recordHints } from './oauth-metadata';
import type { OAuthHttp } from './oauth-http';
import { readClients, writeClients, writeTokens, type ClientRecord, type TokenRecord } from './oauth-secrets';
import { createPkce, randomState } from './pkce';
import { chooseScopes } from './scopes';
import { signedInAs } from './token-claims';
import { OAuthGrantError, requestTokens, type TokenAnswer } from './token-endpoint';
import { startLoopback, type Callback, type LoopbackReceiver } from './loopback';

/** How one interactive sign-in runs. */
export interface SignInOptions {
  http: OAuthHttp;
  reason: OAuthSignInReason;
  /** The challenge of the 401/403 that made it necessary; without one the server is probed. */
  challenge?: BearerChallenge;
  /** Scopes held before, kept in a step-up (SEP-2350). */
  prior?: string[];
  /** When the user must have finished (ms since the epoch). */
  deadline: number;
  signal?: AbortSignal;
  /** Opens the authorization URL; the default is the system browser (or $BROWSER). */
  open?: (url: string) => Promise<unknown>;
  /** Told the authorization URL before the browser opens (the CLI prints it; the lease records it). */
  onUrl?: (url: string) => void | Promise<void>;
  log?: (line: string) => void;
}

/** The authorization request URL (RFC 6749 §4.1.1 + PKCE + RFC 8707 `resource`). */
export function authorizationUrl(as: AuthServerMetadata, client: ClientRecord, p: { redirectUri: string; state: string; challenge: string; resource: string; scopes?: string[] }): string {
  const url = new URL(as.authorization_endpoint);
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: client.client_id,
    redirect_uri: p.redirectUri,
    state: p.state,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    resource: p.resource,
    scope: p.scopes?.join(' '),
  };
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.href;
}

/**
 * Checks the authorization response before the code is redeemed: no `error`, and the `iss` of
 * RFC 9207 identical to the issuer byte for byte when present, required when the server advertises it.
 * Returns the code.
 */
export function checkAuthorizationResponse(params: URLSearchParams, as: AuthServerMetadata): string {
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new TokentrayError('unauthorized', `${as.issuer} did not authorize tokentray (${error}${description ? `: ${description.slice(0, 300)}` : ''})`);
  }
  const iss = params.get('iss');
  if (iss !== null && iss !== as.issuer) {
    throw new TokentrayError('bad_response', `the authorization response names issuer "${iss.slice(0, 200)}", not "${as.issuer}": it may come from another server (RFC 9207 mix-up); the code was not used`);
  }
  if (iss === null && as.authorization_response_iss_parameter_supported) {
    throw new TokentrayError('bad_response', `${as.issuer} promises an "iss" in its authorization response and this one has none (RFC 9207); the code was not used`);
  }
  const code = params.get('code');
  if (!code) throw new TokentrayError('bad_response', `${as.issuer} redirected back without an authorization code`);
  return code;
}

/** The keychain record of a token answer. */
export function tokenRecord(answer: TokenAnswer, base: { now: number; issuer: string; resource: string; client: ClientRecord; as: AuthServerMetadata; requested: string[]; previous?: TokenRecord }): TokenRecord {
  return {
    v: 1,
    access_token: answer.access_token,
    token_type: answer.token_type,
    ...((answer.refresh_token ?? base.previous?.refresh_token) && { refresh_token: answer.refresh_token ?? base.previous!.refresh_token }),
    expires_at: answer.expires_in ? base.now + answer.expires_in * 1000 : null,
    obtained_at: base.now,
    scopes: answer.scope ?? base.requested,
    requested_scopes: base.requested,
    issuer: base.issuer,
    resource: base.resource,
    client_id: base.client.client_id,
    token_endpoint: base.as.token_endpoint,
    ...(base.as.revocation_endpoint && { revocation_endpoint: base.as.revocation_endpoint }),
    ...((signedInAs(answer.id_token, answer.access_token) ?? base.previous?.signed_in_as) && { signed_in_as: signedInAs(answer.id_token, answer.access_token) ?? base.previous!.signed_in_as }),
  };
}

/**
 * One interactive sign-in (MCP authorization 2025-11-25 with the 2026-07-28 client duties):
 * protected resource metadata → authorization server metadata → client identity → PKCE S256 with
 * `resource` and the chosen scopes → the browser → the loopback redirect (state checked) → `iss`
 * checked → code redeemed → tokens to the keychain first, hints to profiles.json, an audit line.
 * Callers hold the profile's sign-in lease (`signInOnce`).
 */
export async function signIn(ctx: CoreContext, name: string, options: SignInOptions): Promise<TokenRecord> {
  const { http } = options;
  let callback: Callback | null = null;
  let receiver: LoopbackReceiver | null = null;
  try {
    const profile = findProfile(ctx.home, name);
    const mcpUrl = profileMcpUrl(profile);
    const challenge = options.challenge ?? (await probeChallenge(http, mcpUrl));
    const resource = await discoverResource(http, mcpUrl, challenge);
    const issuer = resource.authorization_servers[0]!;
    const as = await discoverAuthServer(http, issuer, resource.metadata_url === null);
    const scopes = chooseScopes({ challenged: challenge.scope, resourceScopes: resource.scopes_supported, serverScopes: as.scopes_supported, prior: options.prior });
    receiver = await startLoopback(registeredPort(await heldClient(ctx, name, as.issuer)));
    const client = await clientFor(ctx, http, profile, as, receiver.redirectUri);
    const pkce = createPkce();
    const state = randomState();
    const url = authorizationUrl(as, client, { redirectUri: receiver.redirectUri, state, challenge: pkce.challenge, resource: resource.resource, ...(scopes && { scopes }) });
    await options.onUrl?.(url);
    const open = options.open ?? ((u: string) => openBrowser(u, ctx.env));
    await open(url).catch((error: unknown) => options.log?.(`tokentray: could not open a browser (${errorMessage(error)}); open the URL above yourself`));
    callback = await receiver.next(state, options.deadline, options.signal);
    const code = checkAuthorizationResponse(callback.params, as);
    const now = ctx.now().getTime();
    let answer: TokenAnswer;
    try {
      answer = await requestTokens(http, as.token_endpoint, as.issuer, client, { grant_type: 'authorization_code', code, redirect_uri: receiver.redirectUri, code_verifier: pkce.verifier, resource: resource.resource }, 'authorization code');
    } catch (error) {
      if (error instanceof OAuthGrantError && error.oauthError === 'invalid_client' && client.source === 'dcr') await forgetRegistration(ctx, name, as.issuer);
      throw error;
    }
    const record = tokenRecord(answer, { now, issuer: as.issuer, resource: resource.resource, client, as, requested: scopes ?? [] });
    await writeTokens(ctx, name, record); // the keychain first: nothing else is worth keeping without it
    await recordHints(ctx, name, record, { signed_in_at: new Date(now).toISOString() }, options.log);
    callback.respond(true, `tokentray signed in to ${name}${record.signed_in_as ? ` as ${record.signed_in_as}` : ''}.`);
    auditOAuth(ctx, OAUTH_AUDIT.signIn, name, 'ok', `${options.reason}: ${as.issuer}${record.scopes.length ? ` (${record.scopes.join(' ')})` : ''}`);
    return record;
  } catch (error) {
    callback?.respond(false, errorMessage(error));
    auditOAuth(ctx, OAUTH_AUDIT.signIn, name, 'error', `${options.reason}: ${errorMessage(error)}`);
    throw error;
  } finally {
    receiver?.close();
  }
}

async function forgetRegistration(ctx: CoreContext, name: string, issuer: string): Promise<void> {
  const store = await readClients(ctx, name);
  const { [issuer]: _gone, ...rest } = store.by_issuer;
  await writeClients(ctx, name, { ...store, by_issuer: rest });
}
