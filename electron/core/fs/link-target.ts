import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TokentrayError } from '../errors';

const MAX_HOPS = 40;

/**
 * The file a write to `path` must replace: `path` itself, or — when it is a symbolic link (a config
 * kept in a dotfiles folder) — the file at the end of its chain of links, so the write lands there
 * and every link stays. A missing `path` is returned as is (a new file); a dangling link or a loop
 * of links is a clear error.
 */
export function finalTarget(path: string): string {
  try {
    if (!lstatSync(path).isSymbolicLink()) return path;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw error;
  }
  try {
    return realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw linkLoop(path);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    throw new TokentrayError(
      'io',
      `${path} is a symbolic link to ${missingEnd(path)}, which does not exist; create that file or remove the link, then try again`,
      { path },
    );
  }
}

function linkLoop(path: string): TokentrayError {
  return new TokentrayError('io', `${path} is a symbolic link that loops back on itself; point it at a file, then try again`, { path });
}

/** Where a dangling chain of links ends: the first path along it that does not exist. */
function missingEnd(path: string): string {
  let current = path;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const next = resolve(dirname(current), readlinkSync(current));
    try {
      if (!lstatSync(next).isSymbolicLink()) return next;
    } catch {
      return next;
    }
    current = next;
  }
  throw linkLoop(path);
}
