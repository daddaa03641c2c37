import { withFileLock } from '../fs/file-lock';
import { finalTarget } from '../fs/link-target';

/**
 * Runs `fn` holding `<path>.lock` for every path at once. The locks are taken in sorted order, so
 * two processes locking overlapping sets of files never wait on each other in a cycle; paths that
 * link to one file take its one lock once.
 */
export function withFileLocks<T>(paths: readonly string[], fn: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(paths.map(finalTarget))].sort();
  const lockFrom = (i: number): Promise<T> => (i === sorted.length ? fn() : withFileLock(sorted[i]!, () => lockFrom(i + 1)));
  return lockFrom(0);
}
