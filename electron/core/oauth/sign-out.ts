import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import { findProfile } from '../profiles/profile-store';
import { auditOAuth, OAUTH_AUDIT, patchOAuth } from './oauth-metadata';
import { OAuthHttp } from './oauth-http';
import { deleteTokens, readClients, readTokens } from './oauth-secrets';
import { requireOAuth } from './oauth-profile';
import { revokeToken } from './token-endpoint';

/** What `profile logout` did. */
export interface SignOutResult {
  name: string;
  was_signed_in: boolean;
  /** Revoked at the server (RFC 7009): true, false (it offers no revocation), or the failure in words. */
  revoked: boolean | string;
  message: string;
}

/**
 * Signs out: revokes the refresh and access tokens where the server offers revocation (RFC 7009),
 * then forgets them (keychain and hints). The client registration stays for the next sign-in.
 * A failed revocation still signs out locally and says so.
 */
export async function signOut(ctx: CoreContext, name: string): Promise<SignOutResult> {
  const profile = findProfile(ctx.home, name);
  requireOAuth(profile);
  const record = await readTokens(ctx, name);
  let revoked: boolean | string = false;
  if (record?.revocation_endpoint) {
    const client = (await readClients(ctx, name)).by_issuer[record.issuer];
    const http = new OAuthHttp(ctx.env);
    try {
      if (!client) throw new Error('no client registration for that server is held any more');
      if (record.refresh_token) await revokeToken(http, record.revocation_endpoint, record.issuer, client, record.refresh_token, 'refresh_token');
      await revokeToken(http, record.revocation_endpoint, record.issuer, client, record.access_token, 'access_token');
      revoked = true;
    } catch (error) {
      revoked = errorMessage(error);
    } finally {
      await http.close();
    }
  }
  await deleteTokens(ctx, name);
  await patchOAuth(ctx, name, ({ client_id, client_metadata_url, issuer, sign_in }) => ({
    ...(client_id !== undefined && { client_id }),
    ...(client_metadata_url !== undefined && { client_metadata_url }),
    ...(issuer !== undefined && { issuer }),
    ...(sign_in && { sign_in }),
  }));
  const how = !record ? 'was not signed in' : revoked === true ? `signed out; ${record.issuer} revoked the tokens` : revoked === false ? `signed out; ${record.issuer} offers no revocation, so the tokens were forgotten here and expire on their own` : `signed out here, but revoking at ${record.issuer} failed (${revoked}); the tokens expire on their own`;
  auditOAuth(ctx, OAUTH_AUDIT.signOut, name, revoked === true || revoked === false ? 'ok' : 'error', how);
  return { name, was_signed_in: record !== null, revoked, message: `${name} ${how}.` };
}
