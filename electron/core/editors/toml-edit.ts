import { parse as parseToml } from 'smol-toml';
import { parseTOML, type AST } from 'toml-eslint-parser';
import { TokentrayError } from '../errors';
import { isObject } from './editor-defs';
import { sameValue, valueAt, withValueAt } from './value-path';

/**
 * Text edits on a TOML file (Codex's config.toml): toml-eslint-parser locates what defines a key
 * (its `[table]` headers, `key = value` lines, inline tables), only those lines change, and
 * smol-toml checks that the result means exactly the old document with that one key changed.
 * Comments, blank lines, key order and the formatting of everything else stay as they were.
 */

type Span = { start: number; end: number };

function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
}

function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => String(path[i]) === String(p));
}

/** The whole lines a node occupies, its trailing comment and newline included. */
function lineSpan(text: string, range: [number, number]): Span {
  const start = text.lastIndexOf('\n', range[0] - 1) + 1;
  const newline = text.indexOf('\n', range[1]);
  return { start, end: newline < 0 ? text.length : newline + 1 };
}

function inlineConflict(file: string): TokentrayError {
  return new TokentrayError('conflict', `${file} defines this server inside an inline table tokentray cannot rewrite line by line; it has been left untouched. Move the server to its own [table] and try again.`, { path: file });
}

/** Every span of text that defines `keyPath` or a key below it. */
function definingSpans(file: string, text: string, program: AST.TOMLProgram, keyPath: readonly string[]): Span[] {
  const spans: Span[] = [];
  const visitKeyValues = (pairs: AST.TOMLKeyValue[], base: (string | number)[]) => {
    for (const pair of pairs) {
      const full = [...base, ...keyNames(pair.key)];
      if (startsWith(full, keyPath)) spans.push(lineSpan(text, pair.range));
      else if (startsWith(keyPath, full) && pair.value.type === 'TOMLInlineTable') throw inlineConflict(file);
    }
  };
  for (const node of program.body[0].body) {
    if (node.type === 'TOMLKeyValue') visitKeyValues([node], []);
    else if (startsWith(node.resolvedKey, keyPath)) spans.push(lineSpan(text, node.range));
    else if (startsWith(keyPath, node.resolvedKey)) visitKeyValues(node.body, node.resolvedKey);
  }
  return spans;
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

function tomlValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (isObject(value)) return `{ ${Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`).join(', ')} }`;
  throw new TokentrayError('invalid_input', `cannot write ${String(value)} as TOML`);
}

/** `[a.b]` with its scalar keys, then one `[a.b.c]` table per object value (as `codex mcp add` writes them). */
export function renderTomlTable(keyPath: readonly string[], value: Record<string, unknown>): string {
  const lines = [`[${keyPath.map(tomlKey).join('.')}]`];
  const tables: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    if (isObject(item)) tables.push(renderTomlTable([...keyPath, key], item));
    else lines.push(`${tomlKey(key)} = ${tomlValue(item)}`);
  }
  return [lines.join('\n'), ...tables].join('\n\n');
}

function cut(text: string, spans: Span[]): { text: string; at: number | null } {
  let out = text;
  let at: number | null = null;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, span.start) + out.slice(span.end);
    at = span.start;
    // A table cut from between blank lines (or from the end) leaves one blank line too many.
    const before = out.slice(0, span.start);
    const after = out.slice(span.start);
    if (/\n[ \t]*\r?\n$/.test(before) || before.trim() === '') {
      if (after.trim() === '') out = before.replace(/\s*$/, before.trim() === '' ? '' : text.includes('\r\n') ? '\r\n' : '\n');
      else if (/^[ \t]*\r?\n/.test(after)) out = before + after.replace(/^[ \t]*\r?\n/, '');
    }
  }
  return { text: out, at };
}

/** Tables TOML never writes empty (`[mcp_servers]` with nothing left) count as absent when comparing. */
function pruneEmpty(value: unknown, path: readonly string[]): unknown {
  let out = value;
  for (let i = path.length; i > 0; i--) {
    const parent = valueAt(out, path.slice(0, i));
    if (isObject(parent) && Object.keys(parent).length === 0) out = withValueAt(out, path.slice(0, i), undefined);
  }
  return out;
}

function parseOrThrow(file: string, text: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    throw new TokentrayError('io', `could not edit ${file} safely (the result would not be valid TOML); it has been left untouched. Edit it by hand.`, { path: file });
  }
}

function checked(file: string, before: string, after: string, keyPath: readonly string[], value: unknown): string {
  const expected = pruneEmpty(withValueAt(parseOrThrow(file, before), keyPath, value), keyPath.slice(0, -1));
  if (!sameValue(pruneEmpty(parseOrThrow(file, after), keyPath.slice(0, -1)), expected)) {
    throw new TokentrayError('io', `could not edit ${file} safely (the result would change more than the one server); it has been left untouched. Edit it by hand.`, { path: file });
  }
  return after;
}

/** Sets the table at `keyPath` (e.g. `mcp_servers.work`) to `value`, replacing every line that defined it. */
export function setTomlTable(file: string, text: string, keyPath: readonly string[], value: Record<string, unknown>): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const { text: rest, at } = cut(text, definingSpans(file, text, parseTOML(text), keyPath));
  const table = renderTomlTable(keyPath, value).replace(/\n/g, eol);
  let next: string;
  if (at !== null) {
    const blankAfter = /^\s*$/.test(rest.slice(at).split('\n')[0] ?? '') || at >= rest.length ? '' : eol;
    next = `${rest.slice(0, at)}${table}${eol}${blankAfter}${rest.slice(at)}`;
  } else {
    const body = rest.length === 0 || rest.endsWith('\n') ? rest : `${rest}${eol}`;
    next = `${body}${body.trim() === '' ? '' : eol}${table}${eol}`;
  }
  return checked(file, text, next, keyPath, value);
}

/** Removes every line that defines `keyPath` or a key below it (a no-op when nothing does). */
export function removeTomlKey(file: string, text: string, keyPath: readonly string[]): string {
  const spans = definingSpans(file, text, parseTOML(text), keyPath);
  if (spans.length === 0) return text;
  return checked(file, text, cut(text, spans).text, keyPath, undefined);
}
