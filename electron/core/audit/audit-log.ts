import { appendFileSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { AuditEntryView } from '../../../shared/app-state';
import { redactDeep } from '../redact/redact';
import type { AuditRecord } from '../../../shared/audit';

/** One line of the local audit log as read back (kinds and statuses of newer versions included). */
export type AuditEntry = AuditEntryView;

const MAX_BYTES = 1024 * 1024;
const KEEP_FILES = 3;

export function auditDir(home: string): string {
  return join(home, 'audit');
}

function auditFile(home: string, index = 0): string {
  return join(auditDir(home), index === 0 ? 'audit.log' : `audit.log.${index}`);
}

/** Appends one entry of a known kind and status (shared/audit.ts); rotates the file past 1 MiB (audit.log.1 … .3 kept). */
export function appendAudit(home: string, entry: Omit<AuditRecord, 'time'> & { time?: string }): void {
  mkdirSync(auditDir(home), { recursive: true, mode: 0o700 });
  // Messages may quote what a server said: no secret reaches the log, whoever wrote the entry.
  const line = `${JSON.stringify(redactDeep({ time: new Date().toISOString(), ...entry }))}\n`;
  const file = auditFile(home);
  try {
    if (statSync(file).size + line.length > MAX_BYTES) rotate(home);
  } catch {
    // no file yet
  }
  appendFileSync(file, line, { mode: 0o600 });
}

function rotate(home: string): void {
  for (let i = KEEP_FILES - 1; i >= 0; i--) {
    try {
      renameSync(auditFile(home, i), auditFile(home, i + 1));
    } catch {
      // that generation does not exist yet
    }
  }
}

/** Every entry, newest first, with the generation it came from (0 = audit.log); files are read only as far as the caller goes. */
function* newestFirst(home: string): Generator<{ entry: AuditEntry; file: number }> {
  for (let file = 0; file <= KEEP_FILES; file++) {
    let text: string;
    try {
      text = readFileSync(auditFile(home, file), 'utf8');
    } catch {
      return;
    }
    for (const line of text.split('\n').filter(Boolean).reverse()) {
      let entry: AuditEntry;
      try {
        entry = JSON.parse(line) as AuditEntry;
      } catch {
        continue; // an unparseable line is skipped
      }
      yield { entry, file };
    }
  }
}

/** What one read of the audit log gives the state: the newest entries, and every entry since a time. */
export interface AuditWindow {
  /** The newest `limit` entries, newest first. */
  tail: AuditEntry[];
  /** Every entry written at or after `since` (ISO), newest first. */
  recent: AuditEntry[];
}

/** The newest `limit` entries and every entry since `since`, in one pass over the rotated files, reading only as far back as either needs. */
export function readAuditWindow(home: string, { limit, since }: { limit: number; since: string }): AuditWindow {
  const tail: AuditEntry[] = [];
  const recent: AuditEntry[] = [];
  // Files are written in order: once a file reaches back past `since`, older files hold nothing newer.
  let reachedSince: number | null = null;
  for (const { entry, file } of newestFirst(home)) {
    const recentDone = reachedSince !== null && file > reachedSince;
    if (recentDone && tail.length >= limit) break;
    if (tail.length < limit) tail.push(entry);
    if (recentDone) continue;
    if (typeof entry.time === 'string' && entry.time < since) reachedSince ??= file;
    else recent.push(entry);
  }
  return { tail, recent };
}
