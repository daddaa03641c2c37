import type { Remedy } from '../../../shared/remedy';
import type { CoreContext } from '../context';
import type { SnapshotReads } from '../fs/snapshot-reads';

/** One line of `tokentray doctor`. */
export interface DoctorCheck {
  id: string;
  status: 'ok' | 'warn' | 'fail';
  subject: string;
  message: string;
  /** What to do about it, as data (the message names no command; the CLI appends its command line). */
  remedy?: Remedy;
}

/** What `tokentray doctor` answers: every check, and whether none failed. */
export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

/** A group of checks; each capability (secrets, agents, expiry, …) contributes its own. `reads`: the doctor run's one read of each file, shared by every provider. */
export type DoctorProvider = (ctx: CoreContext, reads: SnapshotReads) => Promise<DoctorCheck[]>;
