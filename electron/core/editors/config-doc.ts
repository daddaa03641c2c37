import { readFileSync, statSync } from 'node:fs';
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

/** Reads and parses one config file. A missing file is an empty document; an invalid one throws, naming file, line and column. */
export function readConfigDoc(ref: ConfigFileRef): ConfigDoc {
  let text: string;
  let mode: number;
  try {
    const stat = statSync(ref.path);
    if (stat.isDirectory()) throw new TokentrayError('io', `${ref.path} is a folder, not a config file; move it away and try again`, { path: ref.path });
    text = readFileSync(ref.path, 'utf8');
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
export function tryReadConfigDoc(ref: ConfigFileRef): { doc: ConfigDoc } | { error: TokentrayError } {
  try {
    return { doc: readConfigDoc(ref) };
  } catch (error) {
    if (error instanceof TokentrayError) return { error };
    if (error instanceof RangeError) return { error: invalidFile(ref.path, 'nested too deeply to read') };
    throw error;
  }
}
