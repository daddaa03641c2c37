import { tokenHint } from '../../../../shared/token-formats';
import type { CoreContext } from '../../context';
import { errorMessage } from '../../errors';
import type { CreatedPat } from '../../mootup';
import { patchProfile } from '../profile-store';
import { heldPrefix, matchByPrefix, revokeWithRetry, type PatSession } from './pat-session';
import type { StepLog } from './rotate-result';

/**
 * Step 4 of a rotation: revokes the old PAT with the new token — by its recorded pat_id, else the one
 * active PAT with the old token's prefix. Returns the old pat_id when known and what went wrong, if anything.
 */
export async function revokeOldPat(
  session: PatSession,
  created: CreatedPat,
  log: StepLog,
  retryDelay?: (attempt: number) => number,
): Promise<{ patId?: string; problem?: string }> {
  const client = session.client(created.token);
  const prefix = heldPrefix(session.profile, session.token);
  let patId = session.profile.pat_id;
  if (!patId) {
    let problem: string | undefined;
    try {
      const match = matchByPrefix(await client.listPats(), prefix, created.pat_id);
      if (match.found) patId = match.found.pat_id;
      else if (match.candidates > 1) problem = `${match.candidates} active PATs share the old token's prefix ${prefix}, so tokentray will not guess which one to revoke`;
      else {
        log.skipped('revoke_old', `no active PAT has the old prefix ${prefix}: it was already revoked`);
        return {};
      }
    } catch (error) {
      problem = `could not list PATs to find the old one: ${errorMessage(error)}`;
    }
    if (problem) {
      log.steps.push({ step: 'revoke_old', status: 'failed', message: problem });
      return { problem };
    }
  }
  const revoked = await revokeWithRetry(client, patId!, retryDelay);
  if (!revoked.ok) return { patId, problem: log.failed('revoke_old', revoked.error) };
  log.ok('revoke_old', revoked.already_gone ? `the old PAT ${patId} was already gone` : `revoked the old PAT ${patId}`);
  return { patId };
}

/** Step 5: the profile's metadata follows the keychain (new pat_id, prefix, hint; no longer revoked). Returns the problem, if any. */
export async function recordRotation(ctx: CoreContext, name: string, created: CreatedPat, log: StepLog): Promise<string | null> {
  try {
    const at = ctx.now().toISOString();
    await patchProfile(ctx.home, name, (p) => {
      const next = { ...p, pat_id: created.pat_id, token_prefix: created.token_prefix, token_hint: tokenHint(created.token), last_check: { at, result: 'ok' as const, message: 'verified by pat rotate' } };
      delete next.revoked_at;
      return next;
    });
    log.ok('record', `profiles.json now names PAT ${created.pat_id}`);
    return null;
  } catch (error) {
    return log.failed('record', error);
  }
}
