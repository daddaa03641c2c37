import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { TokentrayError } from '../errors';
import { sameValue, valueAt, withValueAt, type PathSegment } from './value-path';

/**
 * Edits on a YAML file (goose's config.yaml, Continue's config.yaml and block files) with `yaml`'s
 * Document API: the document locates the entry (node ranges) and renders the new one; only that
 * entry's lines are spliced into the text, so every comment, blank line, quote and indent elsewhere
 * stays. Each result is parsed again and must mean the old document with just that change; where a
 * splice cannot do it (flow collections, an empty file) the Document re-renders the file, comments kept.
 */

interface Style {
  indent: number;
  indentSeq: boolean;
  eol: string;
}

/** The file's indent unit and whether lists sit indented under their key. */
function detectStyle(text: string): Style {
  const lines = text.split(/\r?\n/);
  const indents = lines.map((l) => /^( +)\S/.exec(l)?.[1]?.length).filter((n): n is number => n !== undefined && n > 0);
  const indent = indents.length > 0 ? Math.min(...indents) : 2;
  let indentSeq = true;
  lines.forEach((line, i) => {
    const key = /^( *)[^\s#-][^:]*:\s*(#.*)?$/.exec(line);
    const next = lines[i + 1];
    if (key && next !== undefined && next.startsWith(`${key[1]}- `)) indentSeq = false;
  });
  return { indent, indentSeq, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

/** A value rendered as YAML lines, every line after the first indented by `column`. */
function render(value: unknown, column: number, style: Style): string {
  const text = new Document(value).toString({ indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 }).replace(/\n$/, '');
  return text.split('\n').join(`${style.eol}${' '.repeat(column)}`);
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function blockRange(node: unknown): node is (YAMLMap | YAMLSeq) & { range: [number, number, number] } {
  return (isMap(node) || isSeq(node)) && !node.flow && Array.isArray(node.range) && node.items.length > 0;
}

/**
 * Where a node's own text ends: its range, less the blank and comment-only lines `yaml` counts into a
 * block's range (a comment above the next key at the outer level belongs to that key, not to this node).
 */
function contentEnd(text: string, start: number, node: Node | null | undefined, fallback: number): number {
  let end = node?.range?.[1] ?? fallback;
  while (end > start) {
    const from = lineStart(text, end);
    const line = text.slice(from, end);
    if (from > start && /^\s*(#.*)?$/.test(line)) end = from - 1;
    else break;
  }
  return end;
}

/** Sets `key` of a block map, or item `key` of a block list, by splicing text; null when this node cannot take a splice. */
function spliceSet(text: string, parent: unknown, key: PathSegment, value: unknown, style: Style): string | null {
  if (!blockRange(parent)) return null;
  if (isMap(parent) && typeof key === 'string') {
    const pairs = parent.items as Pair[];
    const column = (pairs[0]!.key as Node).range![0] - lineStart(text, (pairs[0]!.key as Node).range![0]);
    const pairText = render({ [key]: value }, column, style);
    const existing = pairs.find((p) => keyOf(p) === key);
    if (existing) {
      const start = (existing.key as Node).range![0];
      const end = contentEnd(text, start, existing.value as Node, (existing.key as Node).range![1]);
      return text.slice(0, start) + pairText + text.slice(end);
    }
    const last = pairs[pairs.length - 1]!;
    const at = lineEnd(text, contentEnd(text, (last.key as Node).range![0], last.value as Node, (last.key as Node).range![1]));
    return `${text.slice(0, at)}${style.eol}${' '.repeat(column)}${pairText}${text.slice(at)}`;
  }
  if (isSeq(parent) && typeof key === 'number') {
    const items = parent.items as Node[];
    const first = items[0]!.range![0];
    const dash = text.lastIndexOf('-', first);
    const dashColumn = dash - lineStart(text, dash);
    if (key < items.length) {
      const item = items[key]!;
      return text.slice(0, item.range![0]) + render(value, item.range![0] - lineStart(text, item.range![0]), style) + text.slice(contentEnd(text, item.range![0], item, item.range![1]));
    }
    if (key !== items.length) return null;
    const lastItem = items[items.length - 1]!;
    const at = lineEnd(text, contentEnd(text, lastItem.range![0], lastItem, lastItem.range![1]));
    return `${text.slice(0, at)}${style.eol}${' '.repeat(dashColumn)}- ${render(value, dashColumn + 2, style)}${text.slice(at)}`;
  }
  return null;
}

/** Removes `key` of a block map (or item `key` of a block list) with its whole lines; null when it cannot. */
function spliceRemove(text: string, parent: unknown, key: PathSegment): string | null {
  if (!blockRange(parent)) return null;
  let first: number;
  let end: number;
  if (isMap(parent) && typeof key === 'string') {
    const pair = (parent.items as Pair[]).find((p) => keyOf(p) === key);
    if (!pair) return text;
    first = (pair.key as Node).range![0];
    end = lineEnd(text, contentEnd(text, first, pair.value as Node, (pair.key as Node).range![1]));
  } else if (isSeq(parent) && typeof key === 'number') {
    const item = (parent.items as Node[])[key];
    if (!item) return text;
    first = text.lastIndexOf('-', item.range![0]);
    end = lineEnd(text, contentEnd(text, item.range![0], item, item.range![1]));
  } else return null;
  // Only an entry that starts its own line (not the first key of a `- ` item) is cut as whole lines.
  const start = lineStart(text, first);
  if (!/^[ \t]*$/.test(text.slice(start, first))) return null;
  return text.slice(0, start) + text.slice(Math.min(text.length, end + 1));
}

function parseValue(text: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return Symbol('invalid');
  return doc.toJS({ maxAliasCount: 100 }) ?? {};
}

function unsafe(file: string): TokentrayError {
  return new TokentrayError('io', `could not edit ${file} safely (the result would change more than the one server); it has been left untouched. Edit it by hand.`, { path: file });
}

/**
 * Applies one change at `path` (set, or remove when `value` is undefined). Tries the splice at the
 * deepest block collection on the path, then a re-render of the Document; each result must parse to
 * exactly the expected value.
 */
function edit(file: string, text: string, path: readonly PathSegment[], value: unknown): string {
  const doc = parseDocument(text);
  const before = doc.toJS({ maxAliasCount: 100 }) ?? {};
  const expected = withValueAt(before, path, value);
  const style = detectStyle(text);
  const candidates: (() => string | null)[] = [];
  if (value === undefined) {
    if (valueAt(before, path) === undefined) return text;
    candidates.push(() => spliceRemove(text, path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true), path[path.length - 1]!));
  } else {
    for (let i = path.length - 1; i >= 0; i--) {
      const parent = i === 0 ? doc.contents : doc.getIn(path.slice(0, i), true);
      if (blockRange(parent)) {
        candidates.push(() => spliceSet(text, parent, path[i]!, valueAt(expected, path.slice(0, i + 1)), style));
        break;
      }
    }
    if (text.trim() === '' || doc.contents === null) candidates.push(() => `${text.trim() === '' ? '' : `${text.replace(/\s*$/, '')}${style.eol}`}${render(expected, 0, style)}${style.eol}`);
  }
  candidates.push(() => {
    const copy = parseDocument(text);
    if (value === undefined) copy.deleteIn(path);
    else copy.setIn(path, copy.createNode(value));
    return copy.toString({ indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 });
  });
  for (const candidate of candidates) {
    const next = candidate();
    if (next !== null && sameValue(parseValue(next), expected)) return next;
  }
  throw unsafe(file);
}

/** Sets the value at `path` (an item index equal to the list's length appends). */
export function setYamlValue(file: string, text: string, path: readonly PathSegment[], value: unknown): string {
  return edit(file, text, path, value);
}

/** Removes the value at `path` with its lines (a no-op when it is not there). */
export function removeYamlValue(file: string, text: string, path: readonly PathSegment[]): string {
  return edit(file, text, path, undefined);
}

/** A whole YAML document for a value (new files and the "copy config" snippet). */
export function renderYaml(value: unknown): string {
  return new Document(value).toString({ lineWidth: 0 });
}
