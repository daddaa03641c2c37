import { join } from 'node:path';
import { checkTokenForProfile, tokenHint } from '../../../../shared/token-formats';
import { appendAudit } from '../../audit/audit-log';
import type { CoreContext } from '../../context';
import { testPauseHook } from '../../test-pause';
import type { ErrorCode } from '../../errors';
import type { Remedy } from '../../../../shared/remedy';
import { withFileLock } from '../../fs/file-lock';
import type { CreatedPat } from '../../mootup';
import { findProfile } from '../profile-store';
import { heldPrefix, isTransient, isUnauthorized, openPatSession, revokeWithRetry, type PatSession } from './pat-session';
import { revokeOldPat } from './rotate-finish';
import { clearJournal, writeJournal } from './rotate-journal';
import { heldFor, heldOf } from '../token-metadata';
import { recordHeld, recordVerified } from './rotate-metadata';
import { recoverInterrupted, type Leftover } from './rotate-recover';
import { AGENTS_NOTE, StepLog, codeOf, rotatedPatName, type RotateResult, type RotateState } from './rotate-result';

/** Where a crash test may stop `pat rotate` (TOKENTRAY_TEST_PAUSE_AT): the new token just stored, then also recorded. */
export type RotateStep = 'keychain-set' | 'recorded';

/** Knobs for tests: the backoff between revocation retries (default retryDelayMs). */
export interface RotateOptions {
  retryDelay?: (attempt: number) => number;
}

/** One rotation in progress: what every step needs to act and to say where things stand. */
interface Run {
  ctx: CoreContext;
  session: PatSession;
  options: RotateOptions;
  log: StepLog;
  name: string;
  /** "<name> still holds its current token (<hint>), which still works". */
  keeps: string;
  /** Stops before a step in crash tests; undefined otherwise. */
  pause: ((step: RotateStep) => void) | undefined;
  /** A finished result that is not `unchanged` (code `partial` unless rotated). */
  done(state: Exclude<RotateState, 'unchanged'>, message: string, extra?: Partial<RotateResult>): RotateResult;
  /** Nothing changed: the old token is stored and no new PAT is left; `code` is the failing step's. */
  unchanged(code: ErrorCode, message: string, extra?: Partial<RotateResult>): RotateResult;
}

/**
 * Rotates a mootup profile's PAT so that the keychain always holds a token that works:
 * create → store → verify → revoke the old one → record. On a failure it stops, puts things back
 * where that keeps a working token stored, and says what state things are in and what to run next.
 * Throws only when nothing was attempted (unknown profile, mcp profile, no stored token).
 */
export async function rotatePat(ctx: CoreContext, name: string, options: RotateOptions = {}): Promise<RotateResult> {
  findProfile(ctx.home, name); // an unknown name fails here, before a lock file is made for it
  // One rotation per profile at a time (tray and CLI alike): two would each leave the other's new PAT stray.
  return withFileLock(join(ctx.home, `pat-rotate-${name}`), async () => {
    const session = await openPatSession(ctx, name);
    try {
      const run = startRun(ctx, session, options);
      const leftover = await recoverInterrupted(ctx, session, run.log, options.retryDelay);
      const result = withLeftover(run, await rotate(run), leftover);
      // Best effort: a journal left behind only makes the next run retry revoking a PAT already handled here.
      try {
        clearJournal(ctx.home, name);
      } catch {
        /* said nowhere: harmless */
      }
      const ids = [result.old_pat_id && `old=${result.old_pat_id}`, result.new_pat_id && `new=${result.new_pat_id}`].filter(Boolean).join(' ');
      appendAudit(ctx.home, { kind: 'pat.rotate', profile: name, status: result.ok ? 'ok' : 'error', message: `${result.state}${ids ? ` ${ids}` : ''}` });
      return result;
    } finally {
      await session.close();
    }
  });
}

function startRun(ctx: CoreContext, session: PatSession, options: RotateOptions): Run {
  const name = session.profile.name;
  const log = new StepLog();
  const result = (state: RotateState, code: ErrorCode | undefined, message: string, extra: Partial<RotateResult>): RotateResult => ({
    ok: state === 'rotated',
    ...(code && { code }),
    name,
    state,
    message,
    steps: log.steps,
    agents_note: AGENTS_NOTE,
    ...extra,
  });
  return {
    ctx,
    session,
    options,
    log,
    name,
    // Read when said: the recovery step may have corrected the hint.
    get keeps() {
      return `${name} still holds its current token (${tokenHint(session.token)}), which still works`;
    },
    pause: testPauseHook<RotateStep>(ctx.env),
    done: (state, message, extra = {}) => result(state, state === 'rotated' ? undefined : 'partial', message, extra),
    unchanged: (code, message, extra = {}) => result('unchanged', code, message, extra),
  };
}

/** A PAT an interrupted rotation left active is said in the result; a rotation that otherwise succeeded is then partial. */
function withLeftover(run: Run, result: RotateResult, leftover: Leftover | null): RotateResult {
  if (!leftover) return result;
  const said = `${result.message} An earlier, interrupted rotation left ${leftover.patId ? `PAT ${leftover.patId}` : 'a PAT'} active, and revoking it failed (${leftover.problem}).`;
  const extra = { ...(leftover.patId && { leftover_pat_id: leftover.patId }), remedy: result.remedy ?? revokeRemedy(run.name, leftover.patId) };
  if (result.state !== 'rotated') return { ...result, ...extra, message: said };
  return { ...result, ...extra, ok: false, state: 'old_still_active', code: 'partial', message: said, next: leftover.patId ? `tokentray pat revoke ${run.name} ${leftover.patId}` : `tokentray pat list ${run.name}` };
}

/** Revoking a PAT left active: that one when its id is known, else find it in the list first. */
function revokeRemedy(name: string, patId: string | null | undefined): Remedy {
  return patId ? { kind: 'action', action: 'pat-revoke', subject: name, pat_id: patId } : { kind: 'action', action: 'pat-find', subject: name };
}

async function rotate(run: Run): Promise<RotateResult> {
  const { ctx, session, log, name } = run;
  const created = await createSuccessor(run);
  if (!('token' in created)) return created;
  const newHint = tokenHint(created.token);
  const oldHeld = heldOf(session.profile);

  // 2. Store it, noted first in a journal so that the next run can finish a rotation killed from here on.
  // If the keychain refuses, the old token is still there: take the new PAT back.
  try {
    const old = { pat_id: session.profile.pat_id, token_prefix: heldPrefix(session.profile, session.token) };
    writeJournal(ctx.home, name, { old, new: { pat_id: created.pat_id, token_prefix: created.token_prefix }, started_at: ctx.now().toISOString() });
  } catch (error) {
    return takeBackNewPat(run, created.pat_id, `could not note the rotation in ${ctx.home}: ${log.failed('store', error)}`, codeOf(error, 'io'));
  }
  try {
    await ctx.secrets.set(name, created.token);
    log.ok('store', `stored ${newHint} in ${ctx.secrets.backend}`);
  } catch (error) {
    return takeBackNewPat(run, created.pat_id, `could not store the new token in the keychain: ${log.failed('store', error)}`, codeOf(error, 'keychain_unavailable'));
  }
  run.pause?.('keychain-set');
  // The metadata follows the keychain at once, so that it describes the stored token whatever happens next.
  const recordProblem = await recordHeld(ctx, name, heldFor(created.token, created.pat_id), log, 'record', `profiles.json now names PAT ${created.pat_id} (${newHint})`);
  run.pause?.('recorded');

  // 3. Verify it. If it does not work, put the old (known good) token and its metadata back, and take the new PAT back.
  try {
    const me = await session.client(created.token).getMe();
    log.ok('verify', `the new token works: ${me.display_name}`);
  } catch (error) {
    const why = log.failed('verify', error);
    try {
      await ctx.secrets.set(name, session.token);
      log.ok('restore', `put the old token (${tokenHint(session.token)}) back in ${ctx.secrets.backend}`);
    } catch (restoreError) {
      return run.done(
        'new_unverified',
        `the new token (${newHint}, PAT ${created.pat_id}) is stored but could not be verified: ${why}; putting the old token back failed too: ${log.failed('restore', restoreError)}. Both PATs are still active. Check the profile: if it works, revoke the old PAT; if not, store a working token.`,
        { new_pat_id: created.pat_id, next: `tokentray profile check ${name}`, remedy: { kind: 'action', action: 'profile-check', subject: name } },
      );
    }
    await recordHeld(ctx, name, oldHeld, log, 'record_old', `profiles.json describes the old token (${oldHeld.token_hint ?? tokenHint(session.token)}) again`);
    return takeBackNewPat(run, created.pat_id, `the new token could not be verified: ${why}`, codeOf(error, 'bad_response'));
  }

  // 4. Revoke the old PAT (also when that fails, the keychain and profiles.json hold the new one).
  const checkProblem = await recordVerified(ctx, name, log);
  const old = await revokeOldPat(session, created, log, run.options.retryDelay);
  const problem = recordProblem ?? checkProblem;
  const stale = problem ? ` The token is fine, but profiles.json could not be updated (${problem}): its token hint and pat_id may be stale until the next rotation.` : '';
  const ids = { pat_id: created.pat_id, new_pat_id: created.pat_id, token_prefix: created.token_prefix, token_hint: newHint, ...(old.patId && { old_pat_id: old.patId }) };
  const oldHint = tokenHint(session.token);
  if (old.problem) {
    return run.done('old_still_active', `new token stored and verified (${newHint}, PAT ${created.pat_id}); the old token ${old.patId ? `PAT ${old.patId} ` : ''}(${oldHint}) is still active (${old.problem}).${stale}`, {
      ...ids,
      remedy: revokeRemedy(name, old.patId),
      next: old.patId ? `tokentray pat revoke ${name} ${old.patId}` : `tokentray pat list ${name}`,
    });
  }
  return run.done(
    'rotated',
    `rotated ${name}: the new PAT ${created.pat_id} "${created.name}" (${newHint}) is stored in ${ctx.secrets.backend} and verified; the old token (${oldHint}) no longer works. Editors connected through ${name} pick up the new token on their next call, no restart needed.${stale}`,
    ids,
  );
}

/** Step 1: create the successor with the current token; on failure, the finished result. */
async function createSuccessor(run: Run): Promise<CreatedPat | RotateResult> {
  const { ctx, session, log, name } = run;
  const patName = rotatedPatName(session.profile, ctx.now());
  try {
    const created = await session.client(session.token, 'pat rotate').createPat(patName);
    const shape = checkTokenForProfile('mootup', created.token);
    if (!shape.ok) {
      log.failed('create', `mootup answered with a token of an unexpected shape (${shape.message})`);
      return takeBackNewPat(run, created.pat_id, `mootup created PAT ${created.pat_id} but its token is not a mootup PAT`, 'bad_response');
    }
    log.ok('create', `created PAT ${created.pat_id} "${created.name}"`);
    return created;
  } catch (error) {
    const why = log.failed('create', error);
    if (isUnauthorized(error)) {
      // The client marked the profile revoked (seen by pat rotate).
      return run.unchanged(
        'unauthorized',
        `the current token of ${name} (${tokenHint(session.token)}) was refused (401): it is revoked, so it cannot create its successor. Nothing changed. Create a new PAT at ${session.profile.url.replace(/\/+$/, '')}/settings/api-keys and store it as the token of ${name}.`,
        { next: `tokentray profile replace ${name}`, remedy: { kind: 'replace-token', profile: name } },
      );
    }
    // A POST is never retried blindly: if the answer was lost, the PAT may exist all the same.
    const maybe = isTransient(error)
      ? ` If the request reached mootup, an unused PAT named "${patName}" may exist: find it among your PATs and revoke it.`
      : '';
    return run.unchanged(codeOf(error, 'bad_response'), `could not create a new PAT: ${why}. Nothing changed: ${run.keeps}.${maybe} Rotate again once that is fixed.`, {
      next: `tokentray pat rotate ${name}`,
      remedy: { kind: 'action', action: 'pat-rotate', subject: name },
    });
  }
}

/** After a failure with the old token still stored: revoke the PAT just created, or say it is left over. */
async function takeBackNewPat(run: Run, patId: string, what: string, code: ErrorCode): Promise<RotateResult> {
  const { log, name } = run;
  const revoked = await revokeWithRetry(run.session.client(), patId, run.options.retryDelay);
  if (revoked.ok) {
    log.ok('revoke_new', `revoked the new PAT ${patId} again`);
    return run.unchanged(code, `${what}. The new PAT ${patId} was revoked again, so nothing changed: ${run.keeps}. Rotate again once that is fixed.`, {
      new_pat_id: patId,
      next: `tokentray pat rotate ${name}`,
      remedy: { kind: 'action', action: 'pat-rotate', subject: name },
    });
  }
  const why = log.failed('revoke_new', revoked.error);
  return run.done('stray_new_pat', `${what}. Still, ${run.keeps}; but the new PAT ${patId} is active and unused (revoking it failed: ${why}).`, {
    new_pat_id: patId,
    remedy: revokeRemedy(name, patId),
    next: `tokentray pat revoke ${name} ${patId}`,
  });
}
