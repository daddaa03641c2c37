import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { finalTarget } from './link-target';

/** node:crypto on first write, not at import: loading it costs ~4 ms of CPU, and the MCP proxy's first write comes after its start. */
const randomHex = (bytes: number): string => (require('node:crypto') as typeof import('node:crypto')).randomBytes(bytes).toString('hex');

/** Points in the write path where a test may pause or kill the process (TOKENTRAY_TEST_PAUSE_AT). */
export type WriteStep = 'temp-written' | 'temp-synced' | 'renamed';

export interface AtomicWriteOptions {
  /** The file's permission bits, exactly (the umask does not narrow them); default: the file's current mode, else 0600. */
  mode?: number;
  /**
   * A file that is ours alone (a backup): a symbolic link at its name is replaced, never written
   * through — so a link planted there (a cloned project can ship one) cannot aim our write at another file.
   */
  replaceLink?: boolean;
  /** Called between steps; tests use it to prove every crash point leaves the old or the new file. */
  onStep?: (step: WriteStep) => void;
}

/**
 * Replaces `path` with `content` so that a crash at any moment leaves either the old or the new
 * complete file: temp file in the same folder, fsync, rename over, fsync the folder. When `path` is
 * a symbolic link, the file at the end of its links is replaced (temp file in *that* folder) and the
 * links stay; a dangling link is an error (see finalTarget). With `replaceLink`, the link itself is replaced.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const target = options.replaceLink ? path : finalTarget(path);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomHex(4)}.tmp`);
  const mode = options.mode ?? (options.replaceLink ? null : currentMode(target)) ?? 0o600;
  const fd = openSync(temp, 'wx', mode);
  try {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    fchmodSync(fd, mode); // the umask may have narrowed the mode open() gave
    options.onStep?.('temp-written');
    fsyncSync(fd);
    options.onStep?.('temp-synced');
  } catch (error) {
    closeSync(fd);
    safeUnlink(temp);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, target);
  } catch (error) {
    safeUnlink(temp);
    throw error;
  }
  options.onStep?.('renamed');
  fsyncDirectory(dir);
}

/** Flushes a folder's entries so a rename in it survives a power cut (a no-op where unsupported). */
export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory for fsync; its rename is already durable enough.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function currentMode(path: string): number | null {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return null;
  }
}

function safeUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
