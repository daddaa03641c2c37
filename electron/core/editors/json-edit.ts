import { applyEdits, findNodeAtLocation, modify, parse, parseTree, type FormattingOptions, type JSONPath, type ParseError } from './jsonc';
import { TokentrayError } from '../errors';
import { sameValue, valueAt, withValueAt } from './value-path';

/**
 * Minimal text edits on a JSON or JSONC document: only the changed entry's bytes move, so comments,
 * key order and the formatting of everything else stay as the user left them.
 */

/** The parse errors of a JSON text (comments and trailing commas only for JSONC). */
export function parseErrors(text: string, jsonc: boolean): ParseError[] {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: jsonc, disallowComments: !jsonc, allowEmptyContent: true });
  return errors;
}

/** The file's own indentation (tabs or N spaces, default 2) and line ending, for inserted text. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = text.split(/\r?\n/).map((line) => /^([ \t]+)["{}[\]\w]/.exec(line)?.[1]).filter((s): s is string => s !== undefined);
  if (indented.some((s) => s.startsWith('\t'))) return { insertSpaces: false, tabSize: 1, eol };
  const sizes = indented.map((s) => s.length).filter((n) => n > 0);
  return { insertSpaces: true, tabSize: sizes.length > 0 ? Math.min(...sizes) : 2, eol };
}

type Node = NonNullable<ReturnType<typeof parseTree>>;

function unsafe(path: string): TokentrayError {
  return new TokentrayError('io', `could not edit ${path} safely (the result would not parse, or would change more than the one server); it has been left untouched. Edit it by hand.`, { path });
}

function parsed(text: string): unknown {
  return text.trim() === '' ? {} : parse(text, [], { allowTrailingComma: true });
}

/** The first candidate whose text parses (no new errors) to exactly `expected`. */
function firstValid(path: string, before: string, expected: unknown, jsonc: boolean, candidates: (() => string | null)[]): string {
  const errorsBefore = parseErrors(before, jsonc).length;
  for (const candidate of candidates) {
    const next = candidate();
    if (next !== null && parseErrors(next, jsonc).length <= errorsBefore && sameValue(parsed(next), expected)) return next;
  }
  throw unsafe(path);
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The indentation of the line an offset sits on. */
function indentAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStartOf(text, offset)))![0];
}

/** Whether only spaces and a comment follow `offset` on its line. */
function restIsComment(text: string, offset: number): boolean {
  const end = text.indexOf('\n', offset);
  return /^[ \t]*(\/\/.*|\/\*.*\*\/[ \t]*)?\r?$/.test(text.slice(offset, end < 0 ? text.length : end));
}

function lineEndOf(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : text[end - 1] === '\r' ? end - 1 : end;
}

/** JSON text for a value, continuation lines indented under `indent`, in the file's indent unit. */
function render(value: unknown, indent: string, options: FormattingOptions): string {
  const unit = options.insertSpaces ? ' '.repeat(options.tabSize ?? 2) : '\t';
  return JSON.stringify(value, null, unit).split('\n').join(`${options.eol ?? '\n'}${indent}`);
}

function keyOf(property: Node): unknown {
  return property.children?.[0]?.value;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Adds a property after an object's last one, on its own line when the object is laid out that way. */
function insertProperty(text: string, object: Node, key: string, value: unknown, options: FormattingOptions): string {
  const props = object.children ?? [];
  const eol = options.eol ?? '\n';
  if (props.length === 0) {
    const indent = indentAt(text, object.offset);
    const unit = options.insertSpaces ? ' '.repeat(options.tabSize ?? 2) : '\t';
    return splice(text, object.offset, object.offset + object.length, `{${eol}${indent}${unit}${JSON.stringify(key)}: ${render(value, indent + unit, options)}${eol}${indent}}`);
  }
  const last = props[props.length - 1]!;
  const lastEnd = last.offset + last.length;
  const trailing = /^[ \t]*,/.exec(text.slice(lastEnd));
  const afterComma = lastEnd + (trailing ? trailing[0].length : 0);
  const ownLine = /^[ \t]*$/.test(text.slice(lineStartOf(text, last.offset), last.offset)) && restIsComment(text, afterComma);
  if (!ownLine) return splice(text, afterComma, afterComma, `${trailing ? ' ' : ', '}${JSON.stringify(key)}: ${JSON.stringify(value)}${trailing ? ',' : ''}`);
  const indent = indentAt(text, last.offset);
  const at = lineEndOf(text, afterComma);
  const inserted = splice(text, at, at, `${eol}${indent}${JSON.stringify(key)}: ${render(value, indent, options)}${trailing ? ',' : ''}`);
  return trailing ? inserted : splice(inserted, lastEnd, lastEnd, ',');
}

/** Sets the value at `path` by editing only the text of that value (or inserting one property). */
function spliceSet(text: string, path: JSONPath, expected: unknown, options: FormattingOptions): string | null {
  if (text.trim() === '') return `${render(expected, '', options)}${options.eol ?? '\n'}`;
  let node = parseTree(text, [], { allowTrailingComma: true });
  for (let i = 0; i < path.length; i++) {
    if (!node || node.type !== 'object' || typeof path[i] !== 'string') return null;
    const prop = node.children?.find((p) => keyOf(p) === path[i]);
    const subtree = valueAt(expected, path.slice(0, i + 1));
    if (!prop) return insertProperty(text, node, path[i] as string, subtree, options);
    const child = prop.children?.[1];
    if (!child) return null;
    if (i === path.length - 1 || child.type !== 'object') return splice(text, child.offset, child.offset + child.length, render(subtree, indentAt(text, prop.offset), options));
    node = child;
  }
  return null;
}

/** Cuts a property: its own lines when it has them, and the comma that joined it to the one before. */
function spliceRemove(text: string, path: JSONPath): string | null {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const node = root && findNodeAtLocation(root, path);
  const property = node?.parent;
  if (!node || !property || property.type !== 'property') return text;
  const siblings = property.parent?.children ?? [];
  const index = siblings.indexOf(property);
  const end = property.offset + property.length;
  const comma = /^[ \t]*,/.exec(text.slice(end));
  const stop = end + (comma ? comma[0].length : 0);
  const ownLines = /^[ \t]*$/.test(text.slice(lineStartOf(text, property.offset), property.offset)) && restIsComment(text, stop);
  let out = ownLines ? splice(text, lineStartOf(text, property.offset), Math.min(text.length, text.indexOf('\n', stop) < 0 ? text.length : text.indexOf('\n', stop) + 1), '') : splice(text, property.offset, stop, '');
  // The last property had no comma of its own: the one before loses its joining comma.
  if (!comma && index > 0) {
    const prev = siblings[index - 1]!;
    const prevEnd = prev.offset + prev.length;
    const prevComma = /^[ \t]*,/.exec(out.slice(prevEnd));
    if (prevComma) out = splice(out, prevEnd, prevEnd + prevComma[0].length, '');
  }
  return out;
}

function withFinalNewline(text: string, eol: string): string {
  return text.endsWith('\n') ? text : `${text}${eol}`;
}

/** Sets (adds or replaces) the value at `jsonPath`, creating parent objects as needed; only that value's text changes. */
export function setJsonValue(file: string, text: string, jsonPath: JSONPath, value: unknown, jsonc: boolean): string {
  const options = detectFormatting(text);
  const expected = withValueAt(parsed(text), jsonPath, value);
  const viaParser = () => {
    const base = text.trim() === '' ? '{}' : text;
    const after = applyEdits(base, modify(base, jsonPath, value, { formattingOptions: options }));
    return text.trim() === '' ? withFinalNewline(after, options.eol ?? '\n') : after;
  };
  return firstValid(file, text, expected, jsonc, [() => spliceSet(text, jsonPath, expected, options), viaParser]);
}

/** Removes the property at `jsonPath` (a no-op when it is not there). */
export function removeJsonValue(file: string, text: string, jsonPath: JSONPath, jsonc: boolean): string {
  const before = parsed(text);
  if (valueAt(before, jsonPath) === undefined) return text;
  const viaParser = () => applyEdits(text, modify(text, jsonPath, undefined, { formattingOptions: detectFormatting(text) }));
  return firstValid(file, text, withValueAt(before, jsonPath, undefined), jsonc, [() => spliceRemove(text, jsonPath), viaParser]);
}
