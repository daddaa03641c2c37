import { mootupTokenPrefix, tokenHint } from '../../../../shared/token-formats';
import type { CoreContext } from '../../context';
import type { PatSession } from './pat-session';
import { revokeRef } from './rotate-finish';
import { leftoverOf, readJournal } from './rotate-journal';
import { heldFor, withHeld } from '../token-metadata';
import { recordHeld } from './rotate-metadata';
import type { StepLog } from './rotate-result';

/** A PAT an interrupted rotation left active that this run could not revoke: said in the result. */
export interface Leftover {
  patId?: string;
  problem: string;
}

/**
 * Before a rotation, finishes what an interrupted one (killed midway) left: profiles.json is made to
 * describe the token the keychain holds (also when that changed behind tokentray's back), and the PAT
 * of the journal the keychain does not hold is revoked. Updates `session.profile` to match.
 */
export async function recoverInterrupted(ctx: CoreContext, session: PatSession, log: StepLog, retryDelay?: (attempt: number) => number): Promise<Leftover | null> {
  const name = session.profile.name;
  const journal = readJournal(ctx.home, name);
  const prefix = mootupTokenPrefix(session.token);
  if (prefix !== null && session.profile.token_prefix !== prefix) {
    const patId = journal?.new.token_prefix === prefix ? journal.new.pat_id : journal?.old.token_prefix === prefix ? journal.old.pat_id : undefined;
    const held = heldFor(session.token, patId);
    const was = session.profile.token_hint ?? 'no token';
    await recordHeld(ctx, name, held, log, 'heal', `profiles.json described ${was}, but the keychain holds ${tokenHint(session.token)} (a rotation was interrupted, or the token was changed outside tokentray): the metadata now describes the stored token${patId ? `, PAT ${patId}` : ''}`);
    session.profile = withHeld(session.profile, held);
  }
  if (!journal) return null;
  const leftover = leftoverOf(journal, prefix);
  if (!leftover) {
    log.skipped('revoke_leftover', 'an interrupted rotation was found, but the keychain holds neither of its tokens: nothing to take back');
    return null;
  }
  const revoked = await revokeRef(session.client(), leftover, session.profile.pat_id, log, { step: 'revoke_leftover', what: 'left-over' }, retryDelay);
  return revoked.problem ? { ...(revoked.patId && { patId: revoked.patId }), problem: revoked.problem } : null;
}
