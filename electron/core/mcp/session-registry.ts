import { mkdirSync, readFile, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { isProcessAlive } from '../fs/file-lock';

/** One running `tokentray mcp`, as the tray lists it under "connected editors". */
export interface EditorSession {
  pid: number;
  profile: string;
  /** The process that started the proxy (the editor), e.g. "code" or "claude". */
  parent_pid: number;
  parent_name: string | null;
  started_at: string;
  calls: number;
  last_call_at: string | null;
  last_error: string | null;
}

export function sessionsDir(home: string): string {
  return join(home, 'sessions');
}

function sessionFile(home: string, pid: number): string {
  return join(sessionsDir(home), `${pid}.json`);
}

/** Writes (or rewrites) this process's record. */
export function writeEditorSession(home: string, session: EditorSession): void {
  mkdirSync(sessionsDir(home), { recursive: true, mode: 0o700 });
  writeFileAtomic(sessionFile(home, session.pid), `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
}

/** Removes a record; a missing one is fine. */
export function removeEditorSession(home: string, pid: number): void {
  try {
    unlinkSync(sessionFile(home, pid));
  } catch {
    // already gone
  }
}

function parseSession(text: string): EditorSession | null {
  try {
    const value = JSON.parse(text) as EditorSession;
    return Number.isInteger(value.pid) && typeof value.profile === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** The proxies running now, oldest first. Records of processes that are gone are deleted on the way. */
export function listEditorSessions(home: string): EditorSession[] {
  let names: string[];
  try {
    names = readdirSync(sessionsDir(home));
  } catch {
    return [];
  }
  const sessions: EditorSession[] = [];
  for (const name of names) {
    if (!/^\d+\.json$/.test(name)) continue;
    let session: EditorSession | null;
    try {
      session = parseSession(readFileSync(join(sessionsDir(home), name), 'utf8'));
    } catch {
      continue;
    }
    if (!session) continue;
    if (isProcessAlive(session.pid)) sessions.push(session);
    else removeEditorSession(home, session.pid);
  }
  return sessions.sort((a, b) => a.started_at.localeCompare(b.started_at));
}

/** The short name of a process (the editor that started us): /proc on Linux, `ps` elsewhere. */
export async function processName(pid: number): Promise<string | null> {
  if (process.platform === 'linux') {
    // node:fs's callback form: node:fs/promises would cost every proxy's start ~2 ms and ~1 MB for this one read.
    return new Promise((resolve) => readFile(`/proc/${pid}/comm`, 'utf8', (error, text) => resolve(error ? null : text.trim() || null)));
  }
  if (process.platform === 'win32') return null;
  // Loaded here, not at the top: the proxy needs child_process only on macOS (~4 ms of every start).
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'comm=', '-p', String(pid)], { timeout: 2000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }, (error, stdout) => {
      resolve(error ? null : stdout.trim().split('/').pop() || null);
    });
  });
}
