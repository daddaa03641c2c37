import type { SnapshotReads } from '../fs/snapshot-reads';
import { checkTokenForProfile, mootupTokenPrefix, secretLikeIn, tokenHint } from '../../../shared/token-formats';
import { isProfileName, profileStatus, secretInTextReason, type Profile, type ProfileKind, type ProfileView } from '../../../shared/profile';
import { insecureUrlReason, secretInUrlReason } from '../../../shared/url-policy';
import { appendAudit } from '../audit/audit-log';
import type { CoreContext } from '../context';
import { TokentrayError } from '../errors';
import { rememberSecret } from '../redact/known-secrets';
import { findProfile, readProfiles, unknownProfile, updateProfiles } from './profile-store';
import { credentialAccount } from '../oauth/accounts';
import { deleteOAuthSecrets } from '../oauth/oauth-secrets';

/** What the user asks for when adding a profile (the token travels separately). */
export interface NewProfile {
  name: string;
  kind: ProfileKind;
  url: string;
  mcp_url?: string;
  label?: string;
  expires_at?: string | null;
}

function invalid(message: string): TokentrayError {
  return new TokentrayError('invalid_input', message);
}

/**
 * Checks name, URLs, label and expiry of a new profile; throws the problem. Whatever ends up in
 * profiles.json (plain text) must not hold a token, and a refusal never repeats one.
 */
export function validateNewProfile(input: NewProfile): void {
  if (secretLikeIn(input.name)) {
    throw invalid('the profile name looks like a token; tokens are read from stdin, never from arguments. Choose a short name such as mootup-work');
  }
  if (!isProfileName(input.name)) {
    throw invalid(`"${input.name}" is not a valid profile name: use lowercase letters, digits and dashes (e.g. mootup-work), at most 64 characters`);
  }
  for (const [flag, url] of [['--url', input.url], ['--mcp-url', input.mcp_url]] as const) {
    if (url === undefined) continue;
    const reason = insecureUrlReason(url) ?? secretInUrlReason(url);
    if (reason) throw invalid(`${flag}: ${reason}`);
  }
  const labelProblem = input.label === undefined ? null : secretInTextReason('--label', input.label);
  if (labelProblem) throw invalid(labelProblem);
  if (input.kind === 'mootup' && input.expires_at !== undefined) {
    throw invalid('--expires applies to mcp profiles; mootup PATs do not expire (rotate them with `tokentray pat rotate`)');
  }
}

/** Stores a new profile: the token in the keychain, the metadata in profiles.json. Works offline. */
export async function addProfile(ctx: CoreContext, input: NewProfile, token: string): Promise<{ profile: ProfileView; warning?: string }> {
  rememberSecret(token);
  validateNewProfile(input);
  const check = checkTokenForProfile(input.kind, token);
  if (!check.ok) throw invalid(`token refused: ${check.message}`);
  const profile: Profile = {
    name: input.name,
    kind: input.kind,
    url: input.url,
    ...(input.mcp_url !== undefined && { mcp_url: input.mcp_url }),
    ...(input.label !== undefined && { label: input.label }),
    ...(input.kind === 'mcp' && { expires_at: input.expires_at ?? null }),
    ...(mootupTokenPrefix(token) && { token_prefix: mootupTokenPrefix(token)! }),
    token_hint: tokenHint(token),
    created_at: ctx.now().toISOString(),
  };
  await updateProfiles(ctx.home, async (profiles) => {
    if (profiles.some((p) => p.name === input.name)) {
      throw new TokentrayError('already_exists', `a profile named "${input.name}" already exists; remove it first or choose another name`);
    }
    // Keychain first: if it is unavailable nothing is written anywhere.
    await ctx.secrets.set(input.name, token);
    return { profiles: [...profiles, profile], result: undefined };
  });
  appendAudit(ctx.home, { kind: 'profile.add', profile: input.name, status: 'ok' });
  return { profile: { ...profile, status: profileStatus(profile, true, ctx.now()), has_token: true }, warning: check.ok ? check.message : undefined };
}

/** All profiles with their status; `has_token` comes from one keychain listing. */
export async function listProfiles(ctx: CoreContext, reads?: SnapshotReads): Promise<ProfileView[]> {
  const profiles = readProfiles(ctx.home, reads);
  if (profiles.length === 0) return [];
  const accounts = new Set(await ctx.secrets.list());
  return profiles.map((p) => view(ctx, p, accounts.has(credentialAccount(p))));
}

export async function showProfile(ctx: CoreContext, name: string): Promise<ProfileView> {
  const profile = findProfile(ctx.home, name);
  const token = await ctx.secrets.get(credentialAccount(profile));
  return view(ctx, profile, token !== null);
}

function view(ctx: CoreContext, profile: Profile, hasToken: boolean): ProfileView {
  return { ...profile, status: profileStatus(profile, hasToken, ctx.now()), has_token: hasToken };
}

/** What `profile remove` did: the metadata is gone; the token was deleted, or there was none. */
export interface RemoveResult {
  name: string;
  removed: true;
  token_deleted: boolean;
  message: string;
}

/**
 * Removes a profile and its keychain entry. The keychain goes first so no secret is orphaned: when
 * it cannot delete (locked, unreachable) nothing is removed and its error says why.
 */
export async function removeProfile(ctx: CoreContext, name: string): Promise<RemoveResult> {
  const tokenDeleted = await updateProfiles(ctx.home, async (profiles) => {
    const profile = profiles.find((p) => p.name === name);
    if (!profile) throw unknownProfile(name);
    const deleted = await ctx.secrets.delete(name);
    const oauthDeleted = profile.auth === 'oauth' && (await deleteOAuthSecrets(ctx, name));
    return { profiles: profiles.filter((p) => p.name !== name), result: deleted || oauthDeleted };
  });
  appendAudit(ctx.home, { kind: 'profile.remove', profile: name, status: 'ok', message: tokenDeleted ? 'token deleted' : 'no token was stored' });
  const message = tokenDeleted
    ? `Removed profile ${name} and deleted its token from ${ctx.secrets.backend}.`
    : `Removed profile ${name}; it had no token in the keychain (${ctx.secrets.backend}), so none was deleted.`;
  return { name, removed: true, token_deleted: tokenDeleted, message };
}

/** The token of a profile, for the core functions that send it (never for display). */
export async function readProfileToken(ctx: CoreContext, name: string): Promise<string> {
  const token = await ctx.secrets.get(name);
  if (token === null) {
    const oauth = readProfiles(ctx.home).find((p) => p.name === name)?.auth === 'oauth';
    throw new TokentrayError(
      oauth ? 'invalid_input' : 'not_found',
      oauth ? `profile "${name}" signs in with OAuth and has no stored token` : `profile "${name}" has no token in the keychain (${ctx.secrets.backend})`,
      { name, remedy: oauth ? { kind: 'sign-in', profile: name } : { kind: 'replace-token', profile: name } },
    );
  }
  return token;
}
