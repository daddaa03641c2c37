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

/** The newest `limit` entries, newest first, across rotated files. Unparseable lines are skipped. */
export function readAuditTail(home: string, limit = 200): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i <= KEEP_FILES && entries.length < limit; i++) {
    let text: string;
    try {
      text = readFileSync(auditFile(home, i), 'utf8');
    } catch {
      break;
    }
    const lines = text.split('\n').filter(Boolean).reverse();
    for (const line of lines) {
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        continue;
      }
      if (entries.length >= limit) break;
    }
  }
  return entries;
}

/** Every entry written at or after `since` (ISO), newest first, reading rotated files only as far back as needed. */
export function readAuditSince(home: string, since: string): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i <= KEEP_FILES; i++) {
    let text: string;
    try {
      text = readFileSync(auditFile(home, i), 'utf8');
    } catch {
      break;
    }
    let older = false;
    for (const line of text.split('\n').filter(Boolean).reverse()) {
      let entry: AuditEntry;
      try {
        entry = JSON.parse(line) as AuditEntry;
      } catch {
        continue;
      }
      if (typeof entry.time === 'string' && entry.time < since) {
        older = true;
        continue;
      }
      entries.push(entry);
    }
    // Files are written in order: once a file reaches back past `since`, older files hold nothing newer.
    if (older) break;
  }
  return entries;
}
