import type { Remedy } from '../../../../shared/remedy';
import { appendAudit } from '../../audit/audit-log';
import type { CoreContext } from '../../context';
import { TokentrayError } from '../../errors';
import { patchProfile } from '../profile-store';
import { heldPatId } from './pat-list';
import { heldPrefix, withPatSession } from './pat-session';

/** What `pat revoke` did. */
export interface RevokeResult {
  ok: true;
  name: string;
  pat_id: string;
  /** The PAT was the one this profile holds (only with force). */
  in_use: boolean;
  /** The profile's token was deleted from the keychain (force on the PAT in use). */
  token_deleted: boolean;
  message: string;
  /** When the PAT in use was revoked: store a new token. */
  remedy?: Remedy;
}

/**
 * Revokes one of the user's PATs with the profile's token. The PAT the profile holds is refused
 * (needs_confirmation) unless `force`, which also deletes the profile's token and marks it revoked.
 */
export async function revokePat(ctx: CoreContext, name: string, patId: string, options: { force?: boolean } = {}): Promise<RevokeResult> {
  const result = await withPatSession(ctx, name, 'pat revoke', async (session) => {
    const { profile } = session;
    const client = session.client();
    const inUse = profile.pat_id === patId || heldPatId(await client.listPats(), profile.pat_id, heldPrefix(profile, session.token)) === patId;
    if (inUse && !options.force) {
      throw new TokentrayError(
        'needs_confirmation',
        `${patId} is the PAT profile "${name}" holds: revoking it stops ${name} and every editor using it at once, and deletes ${name}'s token from the keychain. To replace it without a gap, rotate it instead.`,
        { pat_id: patId, in_use: true, remedy: { kind: 'confirm', action: 'pat-revoke', instead: { kind: 'action', action: 'pat-rotate', subject: name } } },
      );
    }
    await client.revokePat(patId);
    return { inUse };
  });
  let tokenDeleted = false;
  if (result.inUse) {
    tokenDeleted = await ctx.secrets.delete(name);
    const at = ctx.now().toISOString();
    await patchProfile(ctx.home, name, (p) => ({ ...p, revoked_at: at, last_check: { at, result: 'revoked', message: `PAT ${patId} revoked (confirmed while in use)` } }));
  }
  appendAudit(ctx.home, { kind: 'pat.revoke', profile: name, status: 'ok', message: `${patId}${result.inUse ? ' (in use, forced; keychain token deleted)' : ''}` });
  const message = result.inUse
    ? `revoked ${patId}, the PAT ${name} held, and deleted ${name}'s token from the keychain`
    : `revoked ${patId}; ${name} keeps its own token`;
  const remedy: Remedy | undefined = result.inUse ? { kind: 'replace-token', profile: name } : undefined;
  return { ok: true, name, pat_id: patId, in_use: result.inUse, token_deleted: tokenDeleted, message, ...(remedy && { remedy }) };
}
