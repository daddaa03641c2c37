import { mkdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { TokentrayError } from './errors';

/**
 * tokentray's folder (TOKENTRAY_HOME) as the hosts prepare it at start, and the words for a file
 * system error in it. Folders are made one level at a time, each once: Node's recursive mkdir
 * loops forever where mkdir answers ENOENT under an existing parent (e.g. anywhere in /proc).
 */

const label = (home: string) => `tokentray's folder ${home} (TOKENTRAY_HOME)`;
const elsewhere = 'set TOKENTRAY_HOME to a folder you can write';

function codeOf(error: unknown): string {
  return String((error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error');
}

function kindOf(path: string): 'dir' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'other';
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return 'missing';
    throw error;
  }
}

/** Makes `dir` and its missing parents, one mkdir each (bounded by the path's depth); throws the raw error. */
export function makeDirBounded(dir: string, mode = 0o700): void {
  const missing: string[] = [];
  for (let at = resolve(dir); kindOf(at) === 'missing'; at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder, { mode });
    } catch (error) {
      if (codeOf(error) !== 'EEXIST' || kindOf(folder) !== 'dir') throw error;
    }
  }
}

function whyNotCreated(code: string, parent: string): string {
  if (code === 'EACCES' || code === 'EPERM') return `permission denied in ${parent}`;
  if (code === 'EROFS') return `${parent} is on a read-only file system`;
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a part of that path is a file, not a folder';
  return `${parent} does not take new folders`;
}

/**
 * Makes sure tokentray's folder exists and is a folder (creating it when missing). Throws a
 * TokentrayError that names the path and what to do. A folder that exists but is read-only passes:
 * reading works there, and a write says what is wrong (`explainFsError`).
 */
export function prepareHome(home: string): void {
  let kind: ReturnType<typeof kindOf>;
  try {
    kind = kindOf(home);
  } catch (error) {
    const code = codeOf(error);
    const why = code === 'ENOTDIR' ? 'a part of its path is a file, not a folder' : 'check the permissions of the folders above it';
    throw new TokentrayError('io', `cannot create ${label(home)}: ${why} (${code}). Fix the path, or ${elsewhere}`, { path: home });
  }
  if (kind === 'other') {
    throw new TokentrayError('io', `${label(home)} is not a folder (a file is there): move that file aside, or set TOKENTRAY_HOME to a folder`, { path: home });
  }
  if (kind === 'dir') return;
  try {
    makeDirBounded(home);
  } catch (error) {
    const code = codeOf(error);
    const failed = (error as NodeJS.ErrnoException).path ?? home;
    throw new TokentrayError('io', `cannot create ${label(home)}: ${whyNotCreated(code, dirname(failed))} (${code}). Create it yourself, or ${elsewhere}`, { path: home });
  }
}

const WRITE_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'something else is already there',
  EISDIR: 'a folder is where a file should be',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/**
 * A raw file system error (EACCES, EEXIST, ENOTDIR, …) as a TokentrayError naming the path and
 * what to do, or null when `error` is not one. Paths in tokentray's folder point at TOKENTRAY_HOME.
 */
export function explainFsError(error: unknown, home: string): TokentrayError | null {
  if (error instanceof TokentrayError || !(error instanceof Error)) return null;
  const code = codeOf(error);
  const path = (error as NodeJS.ErrnoException).path;
  const words = WRITE_WORDS[code];
  if (!words || typeof path !== 'string') return null;
  const inside = relative(resolve(home), resolve(path));
  const inHome = inside === '' || (!inside.startsWith('..') && !isAbsolute(inside));
  const fix = inHome ? `make ${label(home)} writable (e.g. chmod u+rwx "${home}"), or ${elsewhere}` : `check ${dirname(path)} and its permissions`;
  return new TokentrayError('io', `cannot write ${path}: ${words} (${code}); ${fix}`, { path }, { cause: error });
}
