import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, statSync, readdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from '../../electron/core/fs/file-lock';

// The lock between tokentray processes, against real second processes (lock-holder.ts, bundled here).

let holderJs = '';
beforeAll(async () => {
  holderJs = join(mkdtempSync(join(tmpdir(), 'tokentray-lock-holder-')), 'lock-holder.js');
  await build({ entryPoints: [join(__dirname, 'lock-holder.ts')], outfile: holderJs, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
});

let dir = '';
let target = '';
let lock = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokentray-lock-'));
  target = join(dir, 'data.json');
  lock = `${target}.lock`;
});

/** Starts a process that takes the lock and holds it until killed or its stdin closes. */
function holder(file = target): { child: ChildProcess; held: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [holderJs, 'hold', file], { stdio: ['pipe', 'pipe', 'pipe'] });
  const held = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('held') && resolve());
    child.on('close', (code) => reject(new Error(`holder exited (${code}) before holding the lock`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, held, exited };
}

const quick = { waitLimitMs: 300 };

describe('withFileLock', () => {
  it('a waiter never deletes a live lock whose record is still being written (empty or partial)', async () => {
    for (const partial of ['', '{"pid":', '{"pid":123,"nonce":"ab']) {
      writeFileSync(lock, partial);
      let ran = false;
      await expect(withFileLock(target, () => (ran = true), quick)).rejects.toThrow(/is held by another tokentray process/);
      expect(ran).toBe(false);
      expect(readFileSync(lock, 'utf8')).toBe(partial);
    }
  });

  it('a lock name it cannot read (here a folder) is waited on and named, never a raw error', async () => {
    mkdirSync(lock);
    await expect(withFileLock(target, () => 'ran', quick)).rejects.toThrow(`${lock} is held by another tokentray process`);
    expect(statSync(lock).isDirectory()).toBe(true);
  });

  it('an unreadable record older than the bound is a crashed writer: taken over, then released', async () => {
    writeFileSync(lock, '');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lock, hourAgo, hourAgo);
    expect(await withFileLock(target, () => 'ran', quick)).toBe('ran');
    expect(existsSync(lock)).toBe(false);
  });

  it('a live owner in another process blocks; once it is killed, its lock is taken over', async () => {
    const h = holder();
    await h.held;
    let ran = false;
    await expect(withFileLock(target, () => (ran = true), quick)).rejects.toThrow(/is held by another tokentray process/);
    expect(ran).toBe(false);
    h.child.kill('SIGKILL');
    await h.exited;
    expect(existsSync(lock)).toBe(true);
    expect(await withFileLock(target, () => 'ran', quick)).toBe('ran');
    expect(existsSync(lock)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a dead owner whose breaker also died: both are taken over, and their leftovers swept', async () => {
    const owner = holder();
    await owner.held;
    owner.child.kill('SIGKILL');
    await owner.exited;
    const { nonce } = JSON.parse(readFileSync(lock, 'utf8')) as { nonce: string };
    // A breaker that died holding its claim on that record: a real record of a dead process, at the claim's name.
    const breaker = holder(join(dir, 'other.json'));
    await breaker.held;
    breaker.child.kill('SIGKILL');
    await breaker.exited;
    renameSync(join(dir, 'other.json.lock'), `${lock}.break-${nonce}`);
    expect(await withFileLock(target, () => readdirSync(dir).sort(), quick)).toEqual(['data.json.lock']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("release never deletes another owner's lock", async () => {
    let other: ReturnType<typeof holder> | undefined;
    await withFileLock(target, async () => {
      // Someone moved our lock aside (as a wrong stale-lock takeover would) and another process took it.
      renameSync(lock, join(dir, 'moved-aside'));
      other = holder();
      await other.held;
    });
    const record = readFileSync(lock, 'utf8');
    expect(record).toContain(String(other!.child.pid));
    // The other owner still holds it: we wait on it rather than take it.
    await expect(withFileLock(target, () => 'ran', quick)).rejects.toThrow(/is held by another tokentray process/);
    other!.child.stdin!.end();
    expect(await other!.exited).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('20 processes × 25 locked increments, starting over a dead owner’s lock, count exactly 500', { timeout: 120_000 }, async () => {
    const counter = join(dir, 'counter');
    writeFileSync(counter, '0');
    const dead = holder();
    await dead.held;
    dead.child.kill('SIGKILL');
    await dead.exited;
    expect(existsSync(lock)).toBe(true);
    const runs = Array.from({ length: 20 }, () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [holderJs, 'count', target, counter, '25'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr!.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stderr }));
      }),
    );
    for (const r of await Promise.all(runs)) expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(counter, 'utf8')).toBe('500');
    expect(readdirSync(dir).sort()).toEqual(['counter']);
  });
});
