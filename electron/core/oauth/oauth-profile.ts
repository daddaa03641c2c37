import { isProfileName, profileStatus, type Profile, type ProfileView } from '../../../shared/profile';
import { insecureUrlReason } from '../../../shared/url-policy';
import { appendAudit } from '../audit/audit-log';
import type { CoreContext } from '../context';
import { TokentrayError } from '../errors';
import { updateProfiles } from '../profiles/profile-store';
import { writeClients } from './oauth-secrets';

/** What the user gives for an OAuth profile (a client secret, if any, travels separately). */
export interface NewOAuthProfile {
  name: string;
  url: string;
  label?: string;
  client_id?: string;
  client_metadata_url?: string;
}

function invalid(message: string): TokentrayError {
  return new TokentrayError('invalid_input', message);
}

/** A Client ID Metadata Document URL must be https with a path (draft-ietf-oauth-client-id-metadata-document). */
export function clientMetadataUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL`;
  }
  if (url.protocol !== 'https:') return 'it must be an https:// URL';
  if (url.pathname === '/' || url.pathname === '') return 'it must have a path (e.g. https://example.com/tokentray/client.json)';
  if (url.hash || url.username || url.password) return 'it must not have a fragment or credentials';
  return null;
}

/**
 * Stores a new OAuth profile (kind mcp): metadata only, plus a pre-registered client secret in the
 * keychain when one is given. Nothing is sent anywhere; `profile login` signs in.
 */
export async function addOAuthProfile(ctx: CoreContext, input: NewOAuthProfile, clientSecret?: string): Promise<ProfileView> {
  if (!isProfileName(input.name)) throw invalid(`"${input.name}" is not a valid profile name: use lowercase letters, digits and dashes (e.g. moly), at most 64 characters`);
  const reason = insecureUrlReason(input.url);
  if (reason) throw invalid(`--url: ${reason}`);
  if (input.client_metadata_url !== undefined) {
    const problem = clientMetadataUrlProblem(input.client_metadata_url);
    if (problem) throw invalid(`--client-metadata-url: ${problem}`);
  }
  if (clientSecret !== undefined && input.client_id === undefined) throw invalid('a client secret needs its --client-id');
  if (input.client_id !== undefined && !/^[\x21-\x7e]{1,512}$/.test(input.client_id)) throw invalid('--client-id must be printable ASCII without spaces');
  const profile: Profile = {
    name: input.name,
    kind: 'mcp',
    auth: 'oauth',
    url: input.url,
    ...(input.label !== undefined && { label: input.label }),
    created_at: ctx.now().toISOString(),
    oauth: { ...(input.client_id !== undefined && { client_id: input.client_id }), ...(input.client_metadata_url !== undefined && { client_metadata_url: input.client_metadata_url }) },
  };
  await updateProfiles(ctx.home, async (profiles) => {
    if (profiles.some((p) => p.name === input.name)) {
      throw new TokentrayError('already_exists', `a profile named "${input.name}" already exists; remove it first or choose another name`);
    }
    // Keychain first: if it is unavailable nothing is written anywhere.
    await writeClients(ctx, input.name, { v: 1, ...(clientSecret && { preregistered_secret: clientSecret }), by_issuer: {} });
    return { profiles: [...profiles, profile], result: undefined };
  });
  appendAudit(ctx.home, { kind: 'profile.add', profile: input.name, status: 'ok', message: 'oauth' });
  return { ...profile, status: profileStatus(profile, false, ctx.now()), has_token: false };
}

/** Throws unless the profile signs in with OAuth (for the login/logout commands). */
export function requireOAuth(profile: Profile): void {
  if (profile.auth !== 'oauth') {
    throw new TokentrayError('invalid_input', `profile "${profile.name}" uses a stored token, not OAuth; \`profile login\` and \`profile logout\` are for profiles added with --auth oauth`);
  }
}
