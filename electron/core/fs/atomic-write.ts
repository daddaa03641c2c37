import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** node:crypto on first write, not at import: loading it costs ~4 ms of CPU, and the MCP proxy's first write comes after its start. */
const randomHex = (bytes: number): string => (require('node:crypto') as typeof import('node:crypto')).randomBytes(bytes).toString('hex');

/** Points in the write path where a test may pause or kill the process (TOKENTRAY_TEST_PAUSE_AT). */
export type WriteStep = 'temp-written' | 'temp-synced' | 'renamed';

export interface AtomicWriteOptions {
  mode?: number;
  /** Called between steps; tests use it to prove every crash point leaves the old or the new file. */
  onStep?: (step: WriteStep) => void;
}

/**
 * Replaces `path` with `content` so that a crash at any moment leaves either the old or the new
 * complete file: temp file in the same folder, fsync, rename over, fsync the folder.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomHex(4)}.tmp`);
  const mode = options.mode ?? 0o600;
  const fd = openSync(temp, 'wx', mode);
  try {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
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
    renameSync(temp, path);
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

function safeUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
