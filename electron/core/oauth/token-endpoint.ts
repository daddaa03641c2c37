import { TokentrayError } from '../errors';
import { splitScopes } from './challenge';
import { jsonObject, type OAuthHttp } from './oauth-http';
import type { ClientRecord } from './oauth-secrets';

/** A successful token answer (RFC 6749 §5.1). */
export interface TokenAnswer {
  access_token: string;
  token_type: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string[];
  id_token?: string;
}

/** The authorization server refused a grant; `oauthError` is its `error` code (e.g. invalid_grant). */
export class OAuthGrantError extends TokentrayError {
  constructor(
    readonly oauthError: string,
    message: string,
  ) {
    super(oauthError === 'invalid_client' ? 'unauthorized' : 'bad_response', message, { oauth_error: oauthError });
  }
}

/** The client's authentication for a token or revocation request (RFC 6749 §2.3.1). */
export function clientAuthentication(client: ClientRecord): { form: Record<string, string>; headers: Record<string, string> } {
  if (client.auth_method === 'client_secret_basic' && client.client_secret !== undefined) {
    const pair = `${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`;
    return { form: {}, headers: { authorization: `Basic ${Buffer.from(pair).toString('base64')}` } };
  }
  if (client.auth_method === 'client_secret_post' && client.client_secret !== undefined) {
    return { form: { client_id: client.client_id, client_secret: client.client_secret }, headers: {} };
  }
  return { form: { client_id: client.client_id }, headers: {} };
}

function refusal(body: Record<string, unknown> | null, status: number, what: string, issuer: string): OAuthGrantError {
  const error = typeof body?.error === 'string' ? body.error : `http_${status}`;
  const description = typeof body?.error_description === 'string' ? `: ${body.error_description.slice(0, 300)}` : '';
  return new OAuthGrantError(error, `${issuer} refused the ${what} (${error}${description})`);
}

/** POSTs a grant to the token endpoint and checks the answer: a Bearer token, or the server's error. */
export async function requestTokens(http: OAuthHttp, endpoint: string, issuer: string, client: ClientRecord, grant: Record<string, string | undefined>, what: string): Promise<TokenAnswer> {
  const auth = clientAuthentication(client);
  const response = await http.postForm(endpoint, { ...grant, ...auth.form }, auth.headers);
  const body = jsonObject(response.json);
  if (response.status !== 200 || !body) throw refusal(body, response.status, what, issuer);
  if (typeof body.access_token !== 'string' || !body.access_token) throw new TokentrayError('bad_response', `${issuer} answered the ${what} without an access token`);
  const type = typeof body.token_type === 'string' ? body.token_type : 'Bearer';
  if (type.toLowerCase() !== 'bearer') throw new TokentrayError('bad_response', `${issuer} issued a "${type}" token; tokentray sends Bearer tokens only`);
  const expiresIn = Number(body.expires_in);
  return {
    access_token: body.access_token,
    token_type: 'Bearer',
    ...(typeof body.refresh_token === 'string' && body.refresh_token && { refresh_token: body.refresh_token }),
    ...(Number.isFinite(expiresIn) && expiresIn > 0 && { expires_in: expiresIn }),
    ...(typeof body.scope === 'string' && { scope: splitScopes(body.scope) }),
    ...(typeof body.id_token === 'string' && { id_token: body.id_token }),
  };
}

/** Revokes a token (RFC 7009). A 200 is success whatever the body; other answers are reported. */
export async function revokeToken(http: OAuthHttp, endpoint: string, issuer: string, client: ClientRecord, token: string, hint: 'access_token' | 'refresh_token'): Promise<void> {
  const auth = clientAuthentication(client);
  const response = await http.postForm(endpoint, { token, token_type_hint: hint, ...auth.form }, auth.headers);
  if (response.status !== 200) throw refusal(jsonObject(response.json), response.status, 'revocation', issuer);
}
