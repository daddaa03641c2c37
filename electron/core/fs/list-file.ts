import { join } from 'node:path';
import { readJsonFile, updateJsonFile } from './json-file';
import type { SnapshotReads } from './snapshot-reads';

/** A JSON file under $TOKENTRAY_HOME holding one list, `{ "version": 1, "<key>": [...] }`; fields it does not know are kept. */
export interface ListFile<T> {
  path(home: string): string;
  /** The list (empty when the file does not exist); with `reads`, the snapshot's one read and parse of the file. */
  read(home: string, reads?: SnapshotReads): T[];
  /** Locked read-modify-write of the list; return `items` unchanged to skip the write. */
  update<R>(home: string, change: (items: T[]) => { items: T[]; result: R } | Promise<{ items: T[]; result: R }>): Promise<R>;
}

type Stored = { version: 1; [key: string]: unknown };

/**
 * The list file `fileName` whose list is under `key`; `itemProblem` says what is wrong with one item
 * (null when it is well-formed), and any problem makes the file corrupt (fs/json-file.ts names it).
 */
export function listFile<T>(fileName: string, key: string, itemProblem: (item: unknown, index: number) => string | null): ListFile<T> {
  const empty: Stored = { version: 1, [key]: [] };
  const path = (home: string) => join(home, fileName);
  const validate = (value: unknown): string | null => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
    const list = (value as Record<string, unknown>)[key];
    if (!Array.isArray(list)) return `expected a "${key}" array`;
    for (const [i, item] of list.entries()) {
      const problem = itemProblem(item, i);
      if (problem) return problem;
    }
    return null;
  };
  const itemsOf = (file: Stored) => file[key] as T[];
  return {
    path,
    read(home, reads) {
      const file = path(home);
      if (!reads) return itemsOf(readJsonFile(file, empty, validate));
      return reads.derive(file, key, () => itemsOf(readJsonFile(file, empty, validate, (p) => reads.text(p))));
    },
    update(home, change) {
      return updateJsonFile(path(home), empty, validate, async (file) => {
        const { items, result } = await change(itemsOf(file));
        return { next: items === itemsOf(file) ? file : { ...file, [key]: items }, result };
      });
    },
  };
}
