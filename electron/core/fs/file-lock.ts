import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

const WAIT_LIMIT_MS = 10_000;

/**
 * Runs `fn` while holding `<path>.lock`, so that two tokentray processes (the tray, a CLI, a proxy)
 * never interleave a read-modify-write of the same file. A lock left by a dead process is taken over.
 */
export async function withFileLock<T>(path: string, fn: () => T | Promise<T>): Promise<T> {
  const lockPath = `${path}.lock`;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lockPath)) {
        try {
          unlinkSync(lockPath);
        } catch {
          // another process took it over first
        }
        continue;
      }
      if (Date.now() - started > WAIT_LIMIT_MS) {
        throw new Error(`${lockPath} is held by another tokentray process; if none is running, delete that file`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** attempt, 100)));
    }
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      // removed by a stale-lock takeover; nothing to do
    }
  }
}

function isStale(lockPath: string): boolean {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    if (!Number.isInteger(pid) || pid <= 0) return true;
    return !isProcessAlive(pid);
  } catch {
    return false;
  }
}

/** Whether a process with this pid exists (signal 0 probes without sending anything). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
