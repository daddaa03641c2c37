import { applyEdits, findNodeAtLocation, modify, parse, parseTree, type FormattingOptions, type JSONPath, type ParseError } from './jsonc';
import { TokentrayError } from '../errors';

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

function checked(path: string, before: string, after: string, jsonc: boolean): string {
  // jsonc-parser has edge cases (trailing commas) where an edit yields broken JSON; never write that.
  if (parseErrors(after, jsonc).length > parseErrors(before, jsonc).length) {
    throw new TokentrayError('io', `could not edit ${path} safely (the result would not parse); it has been left untouched. Edit it by hand.`, { path });
  }
  return after;
}

function withFinalNewline(text: string, eol: string): string {
  return text.endsWith('\n') ? text : `${text}${eol}`;
}

/** Sets (adds or replaces) the value at `jsonPath`, creating parent objects as needed. */
export function setJsonValue(file: string, text: string, jsonPath: JSONPath, value: unknown, jsonc: boolean): string {
  const formattingOptions = detectFormatting(text);
  const base = text.trim() === '' ? '{}' : text;
  const edits = modify(base, jsonPath, value, { formattingOptions });
  const after = applyEdits(base, edits);
  return checked(file, base, text.trim() === '' ? withFinalNewline(after, formattingOptions.eol ?? '\n') : after, jsonc);
}

/** Removes the property at `jsonPath` (a no-op when it is not there). */
export function removeJsonValue(file: string, text: string, jsonPath: JSONPath, jsonc: boolean): string {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const node = root && findNodeAtLocation(root, jsonPath);
  const property = node?.parent;
  if (!node || !property || property.type !== 'property') return text;
  const end = property.offset + property.length;
  const comma = /^[ \t]*,/.exec(text.slice(end));
  if (!comma) {
    // Last property without a trailing comma: jsonc-parser removes the comma before it correctly.
    return checked(file, text, applyEdits(text, modify(text, jsonPath, undefined, { formattingOptions: detectFormatting(text) })), jsonc);
  }
  // Followed by a comma (a middle entry, or a trailing comma in JSONC): cut the property, its comma
  // and, when it sat on lines of its own, those whole lines.
  let start = property.offset;
  let stop = end + comma[0].length;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const restOfLine = /^[ \t]*(\r?\n)/.exec(text.slice(stop));
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && restOfLine) {
    start = lineStart;
    stop += restOfLine[0].length;
  }
  return checked(file, text, text.slice(0, start) + text.slice(stop), jsonc);
}
