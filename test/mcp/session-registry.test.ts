import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listEditorSessions, sessionsDir, writeEditorSession, type EditorSession } from '../../electron/core/mcp/session-registry';
import { makeTestEnv } from '../helpers/cli';

const record = (pid: number, started_at: string): EditorSession => ({
  pid,
  profile: 'moly',
  parent_pid: 1,
  parent_name: 'code',
  started_at,
  calls: 3,
  last_call_at: null,
  last_error: null,
});

describe('the session registry the tray lists as "connected editors"', () => {
  it('lists live proxies oldest first and deletes the records of dead ones', () => {
    const { tokentrayHome } = makeTestEnv();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    writeEditorSession(tokentrayHome, record(process.pid, '2026-01-02T00:00:00.000Z'));
    writeEditorSession(tokentrayHome, record(process.ppid, '2026-01-01T00:00:00.000Z'));
    writeEditorSession(tokentrayHome, record(deadPid, '2026-01-03T00:00:00.000Z'));
    writeFileSync(join(sessionsDir(tokentrayHome), 'notes.txt'), 'not a record');
    writeFileSync(join(sessionsDir(tokentrayHome), '12.json'), '{ torn');

    expect(listEditorSessions(tokentrayHome).map((s) => s.pid)).toEqual([process.ppid, process.pid]);
    expect(existsSync(join(sessionsDir(tokentrayHome), `${deadPid}.json`))).toBe(false);
    expect(existsSync(join(sessionsDir(tokentrayHome), `${process.pid}.json`))).toBe(true);
  });

  it('is empty when no proxy ever ran', () => {
    const { tokentrayHome } = makeTestEnv();
    expect(listEditorSessions(tokentrayHome)).toEqual([]);
    mkdirSync(sessionsDir(tokentrayHome), { recursive: true });
    expect(listEditorSessions(tokentrayHome)).toEqual([]);
  });
});
