import type { RotationStep } from '../../../../shared/rotation-steps';
import type { ActionResult, ActionStep } from '../../../../shared/ipc';
import type { Profile } from '../../../../shared/profile';
import { errorMessage, TokentrayError, type ErrorCode } from '../../errors';

/**
 * Where a rotation left things, in one word for scripts:
 * - `rotated`: the new token is stored and verified, the old PAT is revoked (or was already gone);
 * - `unchanged`: the old token is still stored and works; no new PAT is left behind;
 * - `stray_new_pat`: the old token is still stored and works, but a new PAT is left active (revoke it);
 * - `old_still_active`: the new token is stored and verified, but the old PAT could not be revoked;
 * - `new_unverified`: the new token is stored but unverified and the old one could not be put back.
 */
export type RotateState = 'rotated' | 'unchanged' | 'stray_new_pat' | 'old_still_active' | 'new_unverified';

/** What `pat rotate` answers: the state in words, each step, and what to run next. */
export interface RotateResult extends ActionResult {
  name: string;
  state: RotateState;
  /** When not rotated: `partial` when something is left to do, else the failing step's error code (`server`, `unauthorized`, `keychain_unavailable`…). */
  code?: ErrorCode;
  steps: ActionStep[];
  /** The command to run next, when something is left to do. */
  next?: string;
  /** The PAT the profile holds now. */
  pat_id?: string;
  token_prefix?: string;
  token_hint?: string;
  old_pat_id?: string;
  /** The PAT created by this rotation (also when it was revoked again). */
  new_pat_id?: string;
  /** A PAT an interrupted rotation left active that could not be revoked now (revoke it by hand). */
  leftover_pat_id?: string;
  /** Agents keep their own keys: what that means after a rotation. */
  agents_note: string;
}

/** The code of a failure: a TokentrayError's own, else `fallback` (what the step that failed deals with). */
export function codeOf(error: unknown, fallback: ErrorCode): ErrorCode {
  return error instanceof TokentrayError ? error.code : fallback;
}

/** Said after every rotation attempt: agent keys do not derive from the PAT at run time. */
export const AGENTS_NOTE =
  'Agents provisioned from the old PAT keep working: their API keys are their own. For fresh agent keys too, take over each agent.';

/** Collects the steps of a rotation as they happen. */
export class StepLog {
  readonly steps: ActionStep[] = [];

  ok(step: RotationStep, message: string): void {
    this.steps.push({ step, status: 'ok', message });
  }

  failed(step: RotationStep, error: unknown): string {
    const message = errorMessage(error);
    this.steps.push({ step, status: 'failed', message });
    return message;
  }

  skipped(step: RotationStep, message: string): void {
    this.steps.push({ step, status: 'skipped', message });
  }
}

const DATE_SUFFIX_LENGTH = ' YYYY-MM-DD'.length;
/** mootup's limit on a PAT name (seeds: 1–64 characters). */
export const PAT_NAME_MAX = 64;

/** The new PAT's name: the profile's label (or name) and the date, within mootup's 64 characters. */
export function rotatedPatName(profile: Pick<Profile, 'name' | 'label'>, now: Date): string {
  const base = (profile.label?.trim() || profile.name).slice(0, PAT_NAME_MAX - DATE_SUFFIX_LENGTH).trimEnd();
  return `${base} ${now.toISOString().slice(0, 10)}`;
}
