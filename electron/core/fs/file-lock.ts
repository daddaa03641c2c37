import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, linkSync, openSync, readdirSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostname } from 'node:os';
import { TokentrayError } from '../errors';
import { finalTarget } from './link-target';

/*
 * A lock between tokentray processes (the tray, CLIs, proxies) on one file: `<file>.lock`, whose
 * content is its owner's record {pid, host, nonce, started_at}. The nonce (random) names one
 * acquisition; it is what release and stale-lock breaking compare.
 *
 * Take:    write the record to a private temp file, then link() it to `<file>.lock`. link fails
 *          with EEXIST when the name exists, and the name never appears before its content is
 *          complete. (A file system without hard links: open(O_EXCL), then write; the record
 *          may then be briefly incomplete, which is why an unreadable record counts as live.)
 * Wait:    on EEXIST, read the holder's record.
 *          - complete: stale only if it is from this host and its pid is gone (kill(pid, 0) says
 *            ESRCH). A live or foreign holder is waited for.
 *          - unreadable (empty, partial, not ours): stale only once the file is older than
 *            UNREADABLE_STALE_MS — a writer does not take that long between create and write.
 *          Poll with backoff; give up (a clear error naming the file) only when one holder has
 *          held it for the wait limit, so a long queue of short holders never fails a waiter.
 * Break:   a stale record R is removed only by the process holding the claim `<lock>.break-<R's id>`,
 *          itself taken with this same procedure (so the claim of a breaker that died is broken the
 *          same way, one level down). Holding it, the breaker re-reads `<lock>` and unlinks it only
 *          if it still holds R and R is still stale. Nobody else can remove R in between — its
 *          owner is dead and only the claim holder may break it — so the unlink removes exactly R,
 *          never a live lock that took its place. Then the claim is released and taking starts over.
 *          A name that cannot be read at all (EACCES, a folder) is never stale: waited on, then named.
 * Sweep:   once we hold the lock, claims left beside it are garbage (each names a record that is
 *          gone) and are deleted, as are temp files whose writer is dead.
 * Release: read `<lock>`; unlink it only if it holds our own nonce. Nobody removes a live owner's
 *          lock, so the lock read is still the lock unlinked.
 *
 * Limits: "pid gone" is judged on this host only (a lock from another host on a shared home folder
 * is waited for, never broken); a dead owner's pid reused by another process keeps the lock "live",
 * so waiters give up after the wait limit with a message saying to delete the file; processes in
 * different pid namespaces that share a home folder and a host name could misjudge each other.
 */

const WAIT_LIMIT_MS = 10_000;
const UNREADABLE_STALE_MS = 30_000;
const MAX_NAME_LENGTH = 200;
const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EINVAL']);

export interface FileLockOptions {
  /** How long one holder may keep the lock before a waiter gives up (default 10 s). */
  waitLimitMs?: number;
}

interface LockRecord {
  pid: number;
  host: string;
  nonce: string;
  started_at: number;
}

/** What is at a lock's name: who holds it, whether that holder is gone, and an id naming this very record. */
interface Holder {
  id: string;
  stale: boolean;
  record: LockRecord | null;
  nonce: string | null;
}

/**
 * Runs `fn` while holding `<path>.lock`, so that two tokentray processes (the tray, a CLI, a proxy)
 * never interleave a read-modify-write of the same file. A lock left by a dead process is taken
 * over; another owner's lock is never removed. A symlinked `path` is locked at its final target,
 * where writeFileAtomic writes.
 */
export async function withFileLock<T>(path: string, fn: () => T | Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const lockPath = `${finalTarget(path)}.lock`;
  const nonce = await acquire(lockPath, options.waitLimitMs ?? WAIT_LIMIT_MS);
  try {
    return await fn();
  } finally {
    releaseOwn(lockPath, nonce);
  }
}

async function acquire(lockPath: string, waitLimitMs: number): Promise<string> {
  const nonce = randomBytes(8).toString('hex');
  const record = recordText(nonce);
  let waitingOn: string | null = null;
  let since = Date.now();
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(lockPath, record, nonce)) {
      sweepLeftovers(lockPath);
      return nonce;
    }
    const holder = inspect(lockPath);
    if (!holder) continue; // released between our try and our look: try again at once
    if (holder.stale && breakStale(lockPath, holder)) continue;
    if (holder.id !== waitingOn) [waitingOn, since] = [holder.id, Date.now()];
    if (Date.now() - since > waitLimitMs) throw busy(lockPath, holder.record);
    await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** Math.min(attempt, 5), 100) + Math.random() * 20));
  }
}

/** Our owner record for one acquisition (a lock or a claim). */
function recordText(nonce: string): string {
  return `${JSON.stringify({ pid: process.pid, host: hostname(), nonce, started_at: Date.now() } satisfies LockRecord)}\n`;
}

/** Makes `name` appear holding `record`, only if no such name exists yet; false when it does. */
function tryCreate(name: string, record: string, nonce: string): boolean {
  const temp = `${name}.${nonce}.tmp`;
  try {
    writeFileSync(temp, record, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    safeUnlink(temp); // a partial write (disk full) leaves nothing behind
    throw error;
  }
  try {
    linkSync(temp, name);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') return false; // our temp file was swept as a leftover: the caller looks and tries again
    if (LINK_UNSUPPORTED.has(code)) return createExclusive(name, record);
    throw error;
  } finally {
    safeUnlink(temp);
  }
}

/** The fallback where hard links are not supported: O_EXCL create, then write the record. */
function createExclusive(name: string, record: string): boolean {
  let fd: number;
  try {
    fd = openSync(name, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, record);
  } catch (error) {
    closeSync(fd);
    safeUnlink(name); // ours, and just made: nobody else acts on a fresh unreadable record
    throw error;
  }
  closeSync(fd);
  return true;
}

/** Reads what holds `name` (one open, so the status and content are of the same file); null when nothing does. */
function inspect(name: string): Holder | null {
  let fd: number;
  try {
    fd = openSync(name, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    return { id: `e${code ?? ''}`, stale: false, record: null, nonce: null }; // cannot look (EACCES, a folder…): wait, then say so
  }
  try {
    const stat = fstatSync(fd);
    let text = '';
    try {
      text = readFileSync(fd, 'utf8');
    } catch {
      return { id: `e${stat.ino.toString(36)}`, stale: false, record: null, nonce: null };
    }
    const record = parseRecord(text);
    if (record) {
      const stale = record.host === hostname() && !isProcessAlive(record.pid);
      return { id: record.nonce, stale, record, nonce: record.nonce };
    }
    return { id: `u${stat.ino.toString(36)}`, stale: Date.now() - stat.mtimeMs > UNREADABLE_STALE_MS, record: null, nonce: null };
  } finally {
    closeSync(fd);
  }
}

function parseRecord(text: string): LockRecord | null {
  try {
    const value = JSON.parse(text) as Partial<LockRecord> | null;
    if (typeof value !== 'object' || value === null) return null;
    const { pid, host, nonce, started_at: startedAt } = value;
    if (!Number.isInteger(pid) || pid! <= 0 || typeof host !== 'string' || typeof startedAt !== 'number') return null;
    if (typeof nonce !== 'string' || !/^[0-9a-f]{16}$/.test(nonce)) return null;
    return value as LockRecord;
  } catch {
    return null;
  }
}

/**
 * Removes the stale record `stale` from `name` if this process wins the claim to (or clears a dead
 * claimant's claim). False when a live process holds the claim: then the caller waits like any waiter.
 */
function breakStale(name: string, stale: Holder): boolean {
  const claim = `${name}.break-${stale.id}`;
  if (basename(claim).length > MAX_NAME_LENGTH) return false; // breakers died in a chain this long: wait, then give up with a clear error
  const nonce = randomBytes(8).toString('hex');
  if (!tryCreate(claim, recordText(nonce), nonce)) {
    const claimant = inspect(claim);
    return claimant === null || (claimant.stale && breakStale(claim, claimant));
  }
  try {
    const now = inspect(name);
    if (now && now.id === stale.id && now.stale) safeUnlink(name);
  } finally {
    releaseOwn(claim, nonce);
  }
  return true;
}

/**
 * Deletes what killed processes left beside a lock we now hold: claims (`<lock>.break-…`: while we
 * hold the lock, every claim names a record that is gone, so none gives any power) and temp files
 * (`<lock>.<nonce>.tmp`) whose writer is gone — a live waiter's temp file is left alone.
 */
function sweepLeftovers(lockPath: string): void {
  const prefix = `${basename(lockPath)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(lockPath)).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dirname(lockPath), name);
    if (/\.[0-9a-f]{16}\.tmp$/.test(name)) {
      if (inspectQuietly(path)?.stale) safeUnlink(path);
    } else if (name.slice(prefix.length).startsWith('break-')) safeUnlink(path);
  }
}

function inspectQuietly(name: string): Holder | null {
  try {
    return inspect(name);
  } catch {
    return null;
  }
}

/** Unlinks `name` only if it still holds our own record. */
function releaseOwn(name: string, nonce: string): void {
  try {
    if (inspect(name)?.nonce === nonce) safeUnlink(name);
  } catch {
    // unreadable now: not provably ours, so leave it
  }
}

function busy(lockPath: string, record: LockRecord | null): TokentrayError {
  const who = record
    ? ` (pid ${record.pid}${record.host === hostname() ? '' : ` on ${record.host}`}, since ${new Date(record.started_at).toISOString()})`
    : '';
  return new TokentrayError(
    'conflict',
    `${lockPath} is held by another tokentray process${who}; wait for it to finish and try again, or, if no tokentray process is running, delete that file`,
    { path: lockPath },
  );
}

function safeUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Whether a process with this pid exists (signal 0 probes without sending anything). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
