import { isObject } from './editor-defs';

/** One step into a parsed config: an object key or an array index. */
export type PathSegment = string | number;

/** The value at a path inside a parsed document, or undefined. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (typeof key === 'number' ? !Array.isArray(node) : !isObject(node)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/**
 * A copy of `root` with the value at `path` set (parents created as objects, or as arrays before a
 * numeric step), or removed when `value` is undefined. What an edit must mean, to check the text edit against.
 */
export function withValueAt(root: unknown, path: readonly PathSegment[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [PathSegment, ...PathSegment[]];
  const container: Record<string | number, unknown> | unknown[] = Array.isArray(root) ? [...root] : isObject(root) ? { ...root } : typeof head === 'number' ? [] : {};
  const child = (container as Record<string | number, unknown>)[head];
  const next = withValueAt(child, rest, value);
  if (next === undefined && rest.length === 0) {
    if (Array.isArray(container) && typeof head === 'number') container.splice(head, 1);
    else delete (container as Record<string | number, unknown>)[head];
  } else (container as Record<string | number, unknown>)[head] = next;
  return container;
}

/** A canonical text of a value: object keys sorted, dates as ISO strings. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** Whether two parsed documents mean the same (key order aside). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
