import type { Profile } from '../../../shared/profile';
import type { CoreContext } from '../context';
import { TokentrayError } from '../errors';
import { DEFAULT_CLIENT_METADATA_URL, CLIENT_NAME } from './assumptions';
import type { AuthServerMetadata } from './discovery';
import { jsonObject, type OAuthHttp } from './oauth-http';
import { readClients, writeClients, type ClientAuthMethod, type ClientRecord, type ClientStore } from './oauth-secrets';

/** The auth method a confidential client uses, from what the server offers (RFC 8414 default: basic). */
function secretMethod(as: AuthServerMetadata): ClientAuthMethod {
  const offered = as.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  return offered.includes('client_secret_basic') || !offered.includes('client_secret_post') ? 'client_secret_basic' : 'client_secret_post';
}

/** The method to ask for when registering: a public native client when allowed, else a secret. */
function registrationMethod(as: AuthServerMetadata): ClientAuthMethod {
  const offered = as.token_endpoint_auth_methods_supported;
  if (!offered || offered.includes('none')) return 'none';
  return secretMethod(as);
}

/** The Client ID Metadata Document URL in use: the profile's setting, else the build's default. */
export function clientMetadataUrl(profile: Profile): string | undefined {
  return profile.oauth?.client_metadata_url ?? (DEFAULT_CLIENT_METADATA_URL || undefined);
}

/**
 * The client identity for this authorization server, in the 2025-11-25 order: a registration already
 * held for this issuer; the user's pre-registered client id (bound to the first issuer it is used
 * with); a Client ID Metadata Document where the server supports it; dynamic registration (as a
 * native application). Registrations are keyed by issuer, so a new issuer means a new registration
 * and no client id ever crosses to another server (SEP-2352).
 */
export async function clientFor(ctx: CoreContext, http: OAuthHttp, profile: Profile, as: AuthServerMetadata, redirectUri: string): Promise<ClientRecord> {
  const store = await readClients(ctx, profile.name);
  const held = store.by_issuer[as.issuer];
  const cimd = as.client_id_metadata_document_supported ? clientMetadataUrl(profile) : undefined;
  if (held && (held.source !== 'cimd' || held.client_id === cimd)) return held;

  const preregistered = profile.oauth?.client_id;
  const preregisteredElsewhere = preregistered !== undefined && Object.values(store.by_issuer).some((r) => r.source === 'preregistered' && r.client_id === preregistered);
  let record: ClientRecord | undefined;
  if (preregistered && !preregisteredElsewhere) {
    const secret = store.preregistered_secret;
    record = { client_id: preregistered, ...(secret && { client_secret: secret }), auth_method: secret ? secretMethod(as) : 'none', source: 'preregistered', registered_at: ctx.now().toISOString() };
  } else if (cimd) {
    record = { client_id: cimd, auth_method: 'none', source: 'cimd', registered_at: ctx.now().toISOString() };
  } else if (as.registration_endpoint) {
    record = await register(ctx, http, as, redirectUri);
  }
  if (!record) {
    const changed = preregisteredElsewhere ? ` Your client id "${preregistered}" belongs to another authorization server, and ${as.issuer} cannot be registered with automatically.` : '';
    throw new TokentrayError(
      'invalid_input',
      `${as.issuer} offers no way for tokentray to register (no Client ID Metadata Document support, no dynamic registration).${changed} Register an OAuth client there (redirect URI http://127.0.0.1/callback, any port), then add the profile again with --client-id <id> (the secret, if any, on stdin).`,
    );
  }
  const next: ClientStore = { ...store, by_issuer: { ...store.by_issuer, [as.issuer]: record } };
  await writeClients(ctx, profile.name, next);
  return record;
}

/** Dynamic client registration (RFC 7591) as a native application (SEP-837). */
async function register(ctx: CoreContext, http: OAuthHttp, as: AuthServerMetadata, redirectUri: string): Promise<ClientRecord> {
  const method = registrationMethod(as);
  const response = await http.postJson(as.registration_endpoint!, {
    client_name: CLIENT_NAME,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: method,
    application_type: 'native',
  });
  const body = jsonObject(response.json);
  if (response.status < 200 || response.status >= 300 || typeof body?.client_id !== 'string') {
    const said = typeof body?.error_description === 'string' ? body.error_description : typeof body?.error === 'string' ? body.error : `HTTP ${response.status}`;
    throw new TokentrayError('bad_response', `dynamic client registration at ${as.issuer} failed: ${said.slice(0, 300)}`);
  }
  const secret = typeof body.client_secret === 'string' && body.client_secret ? body.client_secret : undefined;
  const answered = body.token_endpoint_auth_method;
  const auth: ClientAuthMethod =
    answered === 'client_secret_basic' || answered === 'client_secret_post' || answered === 'none' ? answered : method === 'none' || secret ? method : 'none';
  return {
    client_id: body.client_id,
    ...(secret && auth !== 'none' && { client_secret: secret }),
    auth_method: secret || auth === 'none' ? auth : 'none',
    source: 'dcr',
    redirect_uri: redirectUri,
    registered_at: ctx.now().toISOString(),
  };
}

/** The port of a registered loopback redirect URI, to listen on it again. */
export function registeredPort(record: ClientRecord | undefined): number | undefined {
  if (!record?.redirect_uri) return undefined;
  const port = Number(new URL(record.redirect_uri).port);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** The registration already held for an issuer, if any (to reuse its redirect port). */
export async function heldClient(ctx: CoreContext, profile: string, issuer: string): Promise<ClientRecord | undefined> {
  return (await readClients(ctx, profile)).by_issuer[issuer];
}
