import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../fs/atomic-write';

/** A PAT as a rotation knows it: its id when known, and the prefix of its token. */
export interface PatRef {
  pat_id?: string;
  token_prefix: string | null;
}

/**
 * What a rotation in progress writes before it touches the keychain, and removes once it has said how
 * it ended: the PAT it replaces and the one it created. Found by the next rotation (under the same
 * lock), it means the last one died midway, leaving one of the two active and unused. No tokens here.
 */
export interface RotateJournal {
  old: PatRef;
  new: PatRef & { pat_id: string };
  started_at: string;
}

function journalPath(home: string, name: string): string {
  return join(home, `pat-rotate-${name}.json`);
}

/** Records a rotation about to store its new token. Throws when the file cannot be written. */
export function writeJournal(home: string, name: string, journal: RotateJournal): void {
  writeFileAtomic(journalPath(home, name), `${JSON.stringify(journal, null, 2)}\n`);
}

/** The journal an interrupted rotation left, or null (none, or unreadable: then there is nothing to act on). */
export function readJournal(home: string, name: string): RotateJournal | null {
  try {
    const value = JSON.parse(readFileSync(journalPath(home, name), 'utf8')) as Partial<RotateJournal>;
    return value.old && value.new && typeof value.new.pat_id === 'string' ? (value as RotateJournal) : null;
  } catch {
    return null;
  }
}

/** Removes the journal once a rotation has ended and said so (a missing file is fine). */
export function clearJournal(home: string, name: string): void {
  try {
    unlinkSync(journalPath(home, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Of a journal's two PATs, the one the keychain does not hold (left active by the interrupted run), if the keychain holds the other. */
export function leftoverOf(journal: RotateJournal, heldPrefix: string | null): PatRef | null {
  if (heldPrefix === null) return null;
  if (journal.new.token_prefix === heldPrefix) return journal.old;
  if (journal.old.token_prefix === heldPrefix) return journal.new;
  return null;
}
