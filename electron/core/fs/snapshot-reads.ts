import { readFileSync, statSync, type Stats } from 'node:fs';

/** One file as a snapshot saw it: its stat, and its text when it is not a folder. */
export interface FileSeen {
  stat: Stats;
  /** Null for a folder (nothing to read). */
  text: string | null;
}

/**
 * What one snapshot of the state reads: each file from disk once and each value parsed from it
 * once, whichever part of the state asks (agents, workspaces, hygiene, editors, the scan). A fresh
 * one per refresh, per CLI command, per doctor run; writers never use one (they must see the file
 * as it is under their lock).
 */
export interface SnapshotReads {
  /** The file's stat and text; throws the fs error (ENOENT too), the same error each time it is asked. */
  file(path: string): FileSeen;
  /** The file's text, or null when it does not exist; other fs errors are thrown as `file` throws them. */
  text(path: string): string | null;
  /** A value made from a file (its parse), made once per snapshot; an error it throws is kept and thrown again. */
  derive<T>(path: string, kind: string, make: () => T): T;
  /** How many times each path was read from disk (stat and text together count one). */
  diskReads(): ReadonlyMap<string, number>;
}

type Kept<T> = { value: T } | { error: unknown };

function keep<T>(run: () => T): Kept<T> {
  try {
    return { value: run() };
  } catch (error) {
    return { error };
  }
}

function unwrap<T>(kept: Kept<T>): T {
  if ('error' in kept) throw kept.error;
  return kept.value;
}

function readFromDisk(path: string): FileSeen {
  const stat = statSync(path);
  return { stat, text: stat.isDirectory() ? null : readFileSync(path, 'utf8') };
}

/** A read layer for one snapshot: every file and every parse at most once. */
export function createSnapshotReads(): SnapshotReads {
  const files = new Map<string, Kept<FileSeen>>();
  const derived = new Map<string, Kept<unknown>>();
  const counts = new Map<string, number>();
  const file = (path: string): FileSeen => {
    let kept = files.get(path);
    if (!kept) {
      counts.set(path, (counts.get(path) ?? 0) + 1);
      kept = keep(() => readFromDisk(path));
      files.set(path, kept);
    }
    return unwrap(kept);
  };
  return {
    file,
    text: (path) => textOf(file, path),
    derive<T>(path: string, kind: string, make: () => T): T {
      const key = `${kind}\0${path}`;
      let kept = derived.get(key) as Kept<T> | undefined;
      if (!kept) {
        kept = keep(make);
        derived.set(key, kept);
      }
      return unwrap(kept);
    },
    diskReads: () => counts,
  };
}

function textOf(file: (path: string) => FileSeen, path: string): string | null {
  try {
    const seen = file(path);
    if (seen.text === null) throw Object.assign(new Error(`EISDIR: ${path} is a folder`), { code: 'EISDIR' });
    return seen.text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
