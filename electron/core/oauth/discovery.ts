import { insecureUrlReason } from '../../../shared/url-policy';
import { TokentrayError } from '../errors';
import { bearerChallenge, type BearerChallenge } from './challenge';
import { jsonObject, type OAuthHttp } from './oauth-http';

/** What the MCP server says about itself as a protected resource (RFC 9728), or the 2025-03-26 fallback. */
export interface ResourceInfo {
  /** The resource identifier, sent as `resource` in authorization and token requests (RFC 8707). */
  resource: string;
  /** Authorization servers (issuer identifiers), in the server's order. */
  authorization_servers: string[];
  scopes_supported?: string[];
  /** Where the metadata came from; null when the server has none (2025-03-26: its origin is the AS). */
  metadata_url: string | null;
}

/** Authorization server metadata (RFC 8414 / OpenID Discovery), the fields the flow acts on. */
export interface AuthServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  registration_endpoint?: string;
  revocation_endpoint?: string;
  scopes_supported?: string[];
  code_challenge_methods_supported?: string[];
  token_endpoint_auth_methods_supported?: string[];
  client_id_metadata_document_supported?: boolean;
  authorization_response_iss_parameter_supported?: boolean;
  /** No metadata document exists: the 2025-03-26 default endpoints at the server's origin. */
  legacy?: boolean;
}

function refuse(message: string): TokentrayError {
  return new TokentrayError('bad_response', message);
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

/** The URL as a resource identifier: no fragment, no trailing slash on a bare origin. */
export function canonicalResource(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  const href = parsed.href;
  return parsed.pathname === '/' && !parsed.search ? href.slice(0, -1) : href;
}

/**
 * Whether a protected resource identifier may stand for the MCP endpoint: same origin, and its path
 * the endpoint's path or a parent of it (`https://h` covers `https://h/mcp`; `https://evil/mcp` does not).
 */
export function resourceCovers(resource: string, mcpUrl: string): boolean {
  let r: URL;
  let m: URL;
  try {
    r = new URL(resource);
    m = new URL(mcpUrl);
  } catch {
    return false;
  }
  if (r.origin !== m.origin || r.hash) return false;
  const rp = r.pathname.replace(/\/+$/, '');
  const mp = m.pathname.replace(/\/+$/, '');
  return rp === '' || mp === rp || mp.startsWith(`${rp}/`);
}

/** The well-known URLs of the resource's metadata, in the order the spec requires (path, then root). */
export function resourceMetadataUrls(mcpUrl: string): string[] {
  const u = new URL(mcpUrl);
  const path = u.pathname.replace(/\/+$/, '');
  const root = `${u.origin}/.well-known/oauth-protected-resource`;
  return path ? [`${root}${path}`, root] : [root];
}

/**
 * Finds the protected resource metadata: the challenge's `resource_metadata` first, then the
 * well-known URLs. A document naming another resource is refused (the token would be for someone else).
 * No document at all means a 2025-03-26 server: its origin is the authorization server.
 */
export async function discoverResource(http: OAuthHttp, mcpUrl: string, challenge: BearerChallenge): Promise<ResourceInfo> {
  const candidates = [...(challenge.resource_metadata ? [challenge.resource_metadata] : []), ...resourceMetadataUrls(mcpUrl)];
  for (const url of [...new Set(candidates)]) {
    if (insecureUrlReason(url)) continue;
    const response = await http.getJson(url);
    const doc = response.status === 200 ? jsonObject(response.json) : null;
    if (!doc) continue;
    const resource = doc.resource;
    const servers = strings(doc.authorization_servers);
    if (typeof resource !== 'string' || !servers || servers.length === 0) {
      throw refuse(`the protected resource metadata at ${url} lacks "resource" or "authorization_servers"; the server is misconfigured`);
    }
    if (!resourceCovers(resource, mcpUrl)) {
      throw refuse(`the protected resource metadata at ${url} is for "${resource}", not for ${mcpUrl}; refusing to sign in (a token for it could be misused)`);
    }
    const scopes = strings(doc.scopes_supported);
    return { resource, authorization_servers: servers, ...(scopes && { scopes_supported: scopes }), metadata_url: url };
  }
  const origin = new URL(mcpUrl).origin;
  return { resource: canonicalResource(mcpUrl), authorization_servers: [origin], metadata_url: null };
}

/** The metadata URLs of an issuer, in the spec's order (OAuth then OpenID, path insertion first). */
export function authServerMetadataUrls(issuer: string): string[] {
  const u = new URL(issuer);
  const path = u.pathname.replace(/\/+$/, '');
  if (!path) return [`${u.origin}/.well-known/oauth-authorization-server`, `${u.origin}/.well-known/openid-configuration`];
  return [`${u.origin}/.well-known/oauth-authorization-server${path}`, `${u.origin}/.well-known/openid-configuration${path}`, `${u.origin}${path}/.well-known/openid-configuration`];
}

function endpoint(doc: Record<string, unknown>, field: string, at: string): string | undefined {
  const value = doc[field];
  if (value === undefined) return undefined;
  const reason = typeof value === 'string' ? insecureUrlReason(value) : 'not a string';
  if (reason) throw refuse(`the authorization server metadata at ${at} has an unusable ${field} (${reason})`);
  return value as string;
}

/**
 * Fetches and checks the authorization server's metadata. Its `issuer` must be identical to the issuer
 * the metadata URL was built from (RFC 8414 §3.3), and it must offer PKCE with S256. `legacy`: the
 * server had no resource metadata (2025-03-26), so missing AS metadata means the default endpoints.
 */
export async function discoverAuthServer(http: OAuthHttp, issuer: string, legacy: boolean): Promise<AuthServerMetadata> {
  const reason = insecureUrlReason(issuer);
  if (reason) throw refuse(`the authorization server "${issuer}" is not usable: ${reason}`);
  for (const url of authServerMetadataUrls(issuer)) {
    const response = await http.getJson(url);
    const doc = response.status === 200 ? jsonObject(response.json) : null;
    if (!doc) continue;
    if (legacy && typeof doc.issuer === 'string' && !insecureUrlReason(doc.issuer)) issuer = doc.issuer; // 2025-03-26: no issuer was named to check against
    if (doc.issuer !== issuer) {
      throw refuse(`the authorization server metadata at ${url} names issuer "${String(doc.issuer)}", not "${issuer}"; refusing to use it`);
    }
    const authorization = endpoint(doc, 'authorization_endpoint', url);
    const token = endpoint(doc, 'token_endpoint', url);
    if (!authorization || !token) throw refuse(`the authorization server metadata at ${url} lacks authorization_endpoint or token_endpoint`);
    const pkce = strings(doc.code_challenge_methods_supported);
    if (!pkce?.includes('S256')) {
      throw refuse(`${issuer} does not offer PKCE with S256 (code_challenge_methods_supported: ${pkce ? pkce.join(', ') || 'empty' : 'absent'}); tokentray refuses to sign in without it`);
    }
    const registration = endpoint(doc, 'registration_endpoint', url);
    const revocation = endpoint(doc, 'revocation_endpoint', url);
    const scopes = strings(doc.scopes_supported);
    const authMethods = strings(doc.token_endpoint_auth_methods_supported);
    return {
      issuer,
      authorization_endpoint: authorization,
      token_endpoint: token,
      ...(registration && { registration_endpoint: registration }),
      ...(revocation && { revocation_endpoint: revocation }),
      ...(scopes && { scopes_supported: scopes }),
      code_challenge_methods_supported: pkce,
      ...(authMethods && { token_endpoint_auth_methods_supported: authMethods }),
      ...(doc.client_id_metadata_document_supported === true && { client_id_metadata_document_supported: true }),
      ...(doc.authorization_response_iss_parameter_supported === true && { authorization_response_iss_parameter_supported: true }),
    };
  }
  if (!legacy) throw refuse(`${issuer} publishes no authorization server metadata (tried ${authServerMetadataUrls(issuer).join(', ')})`);
  const origin = new URL(issuer).origin;
  return { issuer, authorization_endpoint: `${origin}/authorize`, token_endpoint: `${origin}/token`, registration_endpoint: `${origin}/register`, legacy: true };
}

/**
 * The challenge of an unauthenticated request (for `profile login`, which has no 401 of its own): a
 * JSON-RPC ping without a token. Anything but a 401 gives no challenge (the well-known URLs remain).
 */
export async function probeChallenge(http: OAuthHttp, mcpUrl: string): Promise<BearerChallenge> {
  const response = await http.postJson(mcpUrl, { jsonrpc: '2.0', id: 'tokentray-sign-in', method: 'ping' }, { accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' });
  return response.status === 401 ? bearerChallenge(response.headers['www-authenticate']) : {};
}
