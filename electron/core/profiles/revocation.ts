import type { Remedy } from '../../../shared/remedy';
import { appendAudit } from '../audit/audit-log';
import type { CoreContext } from '../context';
import type { Profile } from '../../../shared/profile';
import { redactText } from '../redact/redact';
import { patchProfile } from './profile-store';

/**
 * Records that the service refused a profile's token (HTTP 401) — from `profile check`, the proxy
 * or the agent features alike — so every host shows it as revoked and offers "replace token".
 * Only the first sighting sets `revoked_at`; the audit log gets every one.
 */
export async function markRevoked(ctx: CoreContext, name: string, source: string): Promise<Profile> {
  const at = ctx.now().toISOString();
  const profile = await patchProfile(ctx.home, name, (p) => ({
    ...p,
    revoked_at: p.revoked_at ?? at,
    last_check: { at, result: 'revoked', message: `${REFUSED_BY}${source}` },
  }));
  appendAudit(ctx.home, { kind: 'token.revoked', profile: name, status: 'error', message: `401 seen by ${source}` });
  return profile;
}

const REFUSED_BY = 'token refused (401) seen by ';

/** Who recorded the profile's revoked mark (`proxy`, `profile check`, `agents`, …), or null when it is not marked. */
export function revokedBy(profile: Profile): string | null {
  const message = profile.last_check?.result === 'revoked' ? profile.last_check.message : undefined;
  return profile.revoked_at && message?.startsWith(REFUSED_BY) ? message.slice(REFUSED_BY.length) : null;
}

/** Records a successful check: clears any revoked mark (the token works again, e.g. after replace). */
export function markChecked(ctx: CoreContext, name: string, result: 'ok' | 'error', message?: string): Promise<Profile> {
  const at = ctx.now().toISOString();
  return patchProfile(ctx.home, name, (p) => {
    // The message may be a server's words: stored only redacted.
    const next: Profile = { ...p, last_check: { at, result, ...(message !== undefined && { message: redactText(message) }) } };
    if (result === 'ok') delete next.revoked_at;
    return next;
  });
}

/** The on-unauthorized hook of a profile's mootup client: marks the profile revoked and answers the remedy (replace its token). */
export async function revokedRemedy(ctx: CoreContext, name: string, source: string): Promise<Remedy> {
  await markRevoked(ctx, name, source);
  return { kind: 'replace-token', profile: name };
}
