import { readFileSync, statSync, type Stats } from 'node:fs';
import type { SnapshotReads } from '../fs/snapshot-reads';
import { TokentrayError } from '../errors';
import { invalidFile, parseConfigText } from './config-format';
import { isObject, type ConfigFileRef } from './editor-defs';
import { valueAt } from './value-path';

export { lineColumn } from './config-format';
export { parseErrors } from './json-edit';
export { valueAt } from './value-path';

/** A client config file as read from disk: its exact text (kept for minimal edits) and its value. */
export interface ConfigDoc {
  ref: ConfigFileRef;
  exists: boolean;
  text: string;
  /** The file's permission bits, kept when we rewrite it; null for a file that does not exist yet. */
  mode: number | null;
  value: Record<string, unknown>;
}

/** Reads and parses one config file. A missing file is an empty document; an invalid one throws, naming file, line and column. With `reads`, the snapshot's one read and parse of it. */
export function readConfigDoc(ref: ConfigFileRef, reads?: SnapshotReads): ConfigDoc {
  if (!reads) return parseConfigDoc(ref, () => ({ stat: statSync(ref.path), text: () => readFileSync(ref.path, 'utf8') }));
  const layout = `${ref.editor}\0${ref.scope}\0${ref.format}\0${ref.layout.kind}\0${ref.layout.path.join('.')}`;
  return reads.derive(ref.path, `config\0${layout}`, () =>
    parseConfigDoc(ref, () => {
      const seen = reads.file(ref.path);
      return { stat: seen.stat, text: () => seen.text ?? '' };
    }),
  );
}

function parseConfigDoc(ref: ConfigFileRef, read: () => { stat: Stats; text: () => string }): ConfigDoc {
  let text: string;
  let mode: number;
  try {
    const { stat, text: readText } = read();
    if (stat.isDirectory()) throw new TokentrayError('io', `${ref.path} is a folder, not a config file; move it away and try again`, { path: ref.path });
    text = readText();
    mode = stat.mode & 0o777;
  } catch (error) {
    if (error instanceof TokentrayError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ref, exists: false, text: '', mode: null, value: {} };
    throw new TokentrayError('io', `cannot read ${ref.path} (${code ?? (error as Error).message}); check its permissions`, { path: ref.path });
  }
  const value = parseConfigText(ref.path, text, ref.format);
  const servers = valueAt(value, ref.layout.path);
  const expected = ref.layout.kind === 'list' ? Array.isArray(servers) : isObject(servers);
  if (servers !== undefined && servers !== null && !expected) {
    const shape = ref.layout.kind === 'list' ? 'a list of servers' : 'an object mapping server names to entries';
    throw invalidFile(ref.path, `"${ref.layout.path.join('.')}" must be ${shape}`);
  }
  return { ref, exists: true, text, mode, value };
}

/** Reads a config file, or explains why it cannot be read, without throwing (scan and list go on past a bad file). */
export function tryReadConfigDoc(ref: ConfigFileRef, reads?: SnapshotReads): { doc: ConfigDoc } | { error: TokentrayError } {
  try {
    return { doc: readConfigDoc(ref, reads) };
  } catch (error) {
    if (error instanceof TokentrayError) return { error };
    if (error instanceof RangeError) return { error: invalidFile(ref.path, 'nested too deeply to read') };
    throw error;
  }
}
