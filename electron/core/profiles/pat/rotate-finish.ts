import { errorMessage } from '../../errors';
import type { CreatedPat, MootupClient } from '../../mootup';
import { heldPrefix, matchByPrefix, revokeWithRetry, type PatSession } from './pat-session';
import type { PatRef } from './rotate-journal';
import type { StepLog } from './rotate-result';

/** Which PAT a revocation is after, in the words of its steps: the one replaced now, or one an interrupted rotation left. */
export type RevokeTarget = { step: 'revoke_old'; what: 'old' } | { step: 'revoke_leftover'; what: 'left-over' };

/**
 * Revokes `target` as `client`: by its pat_id, else the one active PAT with its prefix (never `except`).
 * Returns the pat_id when known and what went wrong, if anything.
 */
export async function revokeRef(
  client: MootupClient,
  target: PatRef,
  except: string | undefined,
  log: StepLog,
  { step, what }: RevokeTarget,
  retryDelay?: (attempt: number) => number,
): Promise<{ patId?: string; problem?: string }> {
  let patId = target.pat_id;
  const prefix = target.token_prefix;
  if (!patId) {
    let problem: string | undefined;
    try {
      const match = matchByPrefix(await client.listPats(), prefix, except);
      if (match.found) patId = match.found.pat_id;
      else if (match.candidates > 1) problem = `${match.candidates} active PATs share the ${what} token's prefix ${prefix}, so tokentray will not guess which one to revoke`;
      else {
        log.skipped(step, `no active PAT has the ${what} prefix ${prefix}: it was already revoked`);
        return {};
      }
    } catch (error) {
      problem = `could not list PATs to find the ${what} one: ${errorMessage(error)}`;
    }
    if (problem) {
      log.steps.push({ step, status: 'failed', message: problem });
      return { problem };
    }
  }
  const revoked = await revokeWithRetry(client, patId!, retryDelay);
  if (!revoked.ok) return { patId, problem: log.failed(step, revoked.error) };
  log.ok(step, revoked.already_gone ? `the ${what} PAT ${patId} was already gone` : `revoked the ${what} PAT ${patId}`);
  return { patId };
}

/** Step 4 of a rotation: revokes the old PAT with the new token (by its recorded pat_id, else by its prefix). */
export function revokeOldPat(session: PatSession, created: CreatedPat, log: StepLog, retryDelay?: (attempt: number) => number): Promise<{ patId?: string; problem?: string }> {
  const old = { pat_id: session.profile.pat_id, token_prefix: heldPrefix(session.profile, session.token) };
  return revokeRef(session.client(created.token), old, created.pat_id, log, { step: 'revoke_old', what: 'old' }, retryDelay);
}
