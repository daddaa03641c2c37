import { readFileSync, statSync } from 'node:fs';
import { parse, printParseErrorCode, type ParseError } from './jsonc';
import { TokentrayError } from '../errors';
import { EDITORS, isObject, type ConfigFileRef } from './editor-defs';

/** An editor config file as read from disk: its exact text (kept for minimal edits) and its value. */
export interface ConfigDoc {
  ref: ConfigFileRef;
  exists: boolean;
  text: string;
  /** The file's permission bits, kept when we rewrite it; null for a file that does not exist yet. */
  mode: number | null;
  value: Record<string, unknown>;
}

/** Where in a text an offset falls, 1-based, as editors show it. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The parse errors of a text, under the rules of the file's editor (comments and trailing commas only for JSONC). */
export function parseErrors(text: string, jsonc: boolean): ParseError[] {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: jsonc, disallowComments: !jsonc, allowEmptyContent: true });
  return errors;
}

function invalidFile(path: string, problem: string): TokentrayError {
  return new TokentrayError(
    'invalid_input',
    `${path} is not valid (${problem}). It has been left untouched; fix it in your editor, then try again.`,
    { path },
  );
}

/** Reads and parses one config file. A missing file is an empty document; an invalid one throws, naming file, line and column. */
export function readConfigDoc(ref: ConfigFileRef): ConfigDoc {
  let text: string;
  let mode: number;
  try {
    text = readFileSync(ref.path, 'utf8');
    mode = statSync(ref.path).mode & 0o777;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ref, exists: false, text: '', mode: null, value: {} };
    throw new TokentrayError('io', `cannot read ${ref.path} (${code ?? (error as Error).message}); check its permissions`, { path: ref.path });
  }
  const jsonc = EDITORS[ref.editor].jsonc;
  const errors = parseErrors(text, jsonc);
  const first = errors[0];
  if (first) {
    const { line, column } = lineColumn(text, first.offset);
    throw invalidFile(ref.path, `${printParseErrorCode(first.error)} at line ${line}, column ${column}`);
  }
  const value: unknown = text.trim() === '' ? {} : parse(text, [], { allowTrailingComma: jsonc });
  if (value === undefined) return { ref, exists: true, text, mode, value: {} };
  if (!isObject(value)) throw invalidFile(ref.path, 'expected a JSON object at the top');
  const servers = value[EDITORS[ref.editor].serversKey];
  if (servers !== undefined && !isObject(servers)) {
    throw invalidFile(ref.path, `"${EDITORS[ref.editor].serversKey}" must be an object mapping server names to entries`);
  }
  return { ref, exists: true, text, mode, value };
}

/** Reads a config file, or explains why it cannot be read, without throwing (scan and list go on past a bad file). */
export function tryReadConfigDoc(ref: ConfigFileRef): { doc: ConfigDoc } | { error: TokentrayError } {
  try {
    return { doc: readConfigDoc(ref) };
  } catch (error) {
    if (error instanceof TokentrayError) return { error };
    throw error;
  }
}

/** The value at a JSON path inside a parsed document, or undefined. */
export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (typeof key === 'number' ? !Array.isArray(node) : !isObject(node)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
