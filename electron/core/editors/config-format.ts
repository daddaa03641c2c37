import { parse as parseToml, TomlError } from 'smol-toml';
import { parseDocument } from 'yaml';
import { TokentrayError } from '../errors';
import { isObject, type ConfigFileRef, type ConfigFormat } from './editor-defs';
import { parseErrors, removeJsonValue, setJsonValue } from './json-edit';
import { parse, printParseErrorCode } from './jsonc';
import { MAX_NESTING, tooDeepAt, valueTooDeep } from './nesting';
import { removeTomlKey, setTomlTable } from './toml-edit';
import type { PathSegment } from './value-path';
import { removeYamlValue, renderYaml, setYamlValue } from './yaml-edit';

/**
 * One place that knows the four formats: parse (with file:line:column on failure, never quoting
 * the file's text, which may hold a token), set and remove one value by minimal text edits.
 */

/** Where in a text an offset falls, 1-based, as editors show it. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** A file that cannot be read as its client reads it: named with the place, left untouched. */
export function invalidFile(path: string, problem: string): TokentrayError {
  return new TokentrayError('invalid_input', `${path} is not valid (${problem}). It has been left untouched; fix it in your editor, then try again.`, { path });
}

function at(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `at line ${line}, column ${column}`;
}

function parseJson(path: string, text: string, jsonc: boolean): unknown {
  const first = parseErrors(text, jsonc)[0];
  if (first) throw invalidFile(path, `${printParseErrorCode(first.error)} ${at(text, first.offset)}`);
  return text.trim() === '' ? {} : parse(text, [], { allowTrailingComma: jsonc });
}

function parseTomlText(path: string, text: string): unknown {
  try {
    return parseToml(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // Only smol-toml's own first line: the rest quotes the file, which may hold a token.
    const what = (error.message.split('\n')[0] ?? 'invalid TOML').replace(/^Invalid TOML document:\s*/, '');
    throw invalidFile(path, `${what} at line ${error.line}, column ${error.column}`);
  }
}

function parseYamlText(path: string, text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  const first = doc.errors[0];
  // The code and the place only: yaml's message quotes the text around the fault, which may hold a token.
  if (first) throw invalidFile(path, first.code === 'RESOURCE_EXHAUSTION' ? `nested deeper than ${MAX_NESTING} levels, or too large to read, ${at(text, first.pos[0])}` : `${first.code} ${at(text, first.pos[0])}`);
  return doc.toJS({ maxAliasCount: 100 }) ?? {};
}

/** Parses a config text as its format; throws an invalid-file error naming line and column. */
export function parseConfigText(path: string, text: string, format: ConfigFormat): Record<string, unknown> {
  const deep = tooDeepAt(text, format);
  if (deep !== null) throw invalidFile(path, `nested deeper than ${MAX_NESTING} levels ${at(text, deep)}`);
  let value: unknown;
  try {
    if (format === 'toml') value = parseTomlText(path, text);
    else if (format === 'yaml') value = parseYamlText(path, text);
    else value = parseJson(path, text, format === 'jsonc');
  } catch (error) {
    if (error instanceof RangeError) throw invalidFile(path, 'nested too deeply to read');
    throw error;
  }
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw invalidFile(path, 'expected an object (a map of settings) at the top');
  if (valueTooDeep(value)) throw invalidFile(path, `nested deeper than ${MAX_NESTING} levels`);
  return value;
}

/** The file's text with the value at `path` set, by a minimal edit in the file's own format. */
export function setConfigValue(ref: ConfigFileRef, text: string, path: PathSegment[], value: unknown): string {
  if (ref.format === 'toml') return setTomlTable(ref.path, text, path.map(String), value as Record<string, unknown>);
  if (ref.format === 'yaml') return setYamlValue(ref.path, text, path, value);
  return setJsonValue(ref.path, text, path, value, ref.format === 'jsonc');
}

/** The file's text with the value at `path` removed (a no-op when it is not there). */
export function removeConfigValue(ref: ConfigFileRef, text: string, path: PathSegment[]): string {
  if (ref.format === 'toml') return removeTomlKey(ref.path, text, path.map(String));
  if (ref.format === 'yaml') return removeYamlValue(ref.path, text, path);
  return removeJsonValue(ref.path, text, path, ref.format === 'jsonc');
}

/** A whole document holding `value` at `path`, in a JSON or YAML format (for snippets and new files). */
export function renderDocument(format: ConfigFormat, path: string[], value: unknown): string {
  let doc: unknown = value;
  for (const key of [...path].reverse()) doc = { [key]: doc };
  if (format === 'yaml') return renderYaml(doc);
  return `${JSON.stringify(doc, null, 2)}\n`;
}
