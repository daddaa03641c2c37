import { isObject, type ConfigFormat } from './editor-defs';

/**
 * A guard against configs nested so deep that a parser or a walk over the value would exhaust the
 * stack (100,000 brackets abort a recursive parser with "Maximum call stack size exceeded"). Scanned
 * without recursion, before any parser runs, so one such file is named and the others still load.
 */

/** No client config comes near this; anything deeper is refused before parsing. */
export const MAX_NESTING = 512;

/**
 * The offset where brackets (`[`, `{`) outside strings and comments first go deeper than
 * MAX_NESTING, or null. Approximate on purpose (it only has to see what a parser would recurse on).
 */
export function tooDeepAt(text: string, format: ConfigFormat): number | null {
  const hash = format === 'toml' || format === 'yaml';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || (c === "'" && format !== 'json' && format !== 'jsonc')) {
      i = stringEnd(text, i, c, format);
    } else if (!hash && c === '/' && text[i + 1] === '/') {
      i = lineEnd(text, i);
    } else if (!hash && c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (hash && c === '#' && (format === 'toml' || i === 0 || /\s/.test(text[i - 1]!))) {
      i = lineEnd(text, i);
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_NESTING) return i;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return null;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** Where a string that opens at `start` closes (TOML's triple quotes, YAML's '' escapes, backslash escapes). */
function stringEnd(text: string, start: number, quote: string, format: ConfigFormat): number {
  if (format === 'toml' && text.startsWith(quote.repeat(3), start)) {
    const end = text.indexOf(quote.repeat(3), start + 3);
    return end < 0 ? text.length : end + 2;
  }
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && quote === '"') i++;
    else if (c === quote) {
      if (format === 'yaml' && quote === "'" && text[i + 1] === "'") i++;
      else return i;
    } else if (c === '\n' && format !== 'yaml') return i;
  }
  return text.length;
}

/** Whether a parsed value nests deeper than MAX_NESTING (YAML can nest by indentation alone). Iterative. */
export function valueTooDeep(value: unknown): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_NESTING) return true;
    const children = Array.isArray(node) ? node : isObject(node) ? Object.values(node) : [];
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}
