/**
 * The request metadata headers of Streamable HTTP (2026-07-28): `Mcp-Name`, and `Mcp-Param-<Name>`
 * mirrored from the tool arguments a tool's `inputSchema` marks with `x-mcp-header` (SEP-2243).
 */

const PLAIN = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const SENTINEL = /^=\?base64\?.*\?=$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A header value as the revision wants it: plain when printable ASCII with no edge spaces, else `=?base64?…?=`. */
export function headerValue(value: string): string {
  return PLAIN.test(value) && !SENTINEL.test(value) ? value : `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** One annotated argument: the chain of `properties` keys to it and its header name. */
interface ParamHeader {
  path: string[];
  header: string;
}

type Schema = { type?: unknown; properties?: Record<string, unknown>; 'x-mcp-header'?: unknown };

/** The annotated arguments of one `inputSchema`, or why the annotations are invalid. */
function annotations(schema: unknown): ParamHeader[] | string {
  const found: ParamHeader[] = [];
  const names = new Set<string>();
  const walk = (node: unknown, path: string[]): string | null => {
    if (typeof node !== 'object' || node === null) return null;
    const s = node as Schema;
    const header = s['x-mcp-header'];
    if (header !== undefined && path.length > 0) {
      if (typeof header !== 'string' || !TOKEN.test(header)) return `x-mcp-header ${JSON.stringify(header)} of "${path.join('.')}" is not a header name`;
      if (names.has(header.toLowerCase())) return `x-mcp-header "${header}" is used twice`;
      if (s.type !== 'string' && s.type !== 'integer' && s.type !== 'boolean') return `x-mcp-header "${header}" is on "${path.join('.')}", which is not a string, integer or boolean`;
      names.add(header.toLowerCase());
      found.push({ path, header });
    }
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      const why = walk(child, [...path, key]);
      if (why) return why;
    }
    return null;
  };
  return walk(schema, []) ?? found;
}

/** Encodes an argument for its header; null when it has none (absent, null, or not a primitive). */
function argumentHeader(value: unknown): string | null {
  if (typeof value === 'string') return headerValue(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}

/**
 * What the proxy learned from `tools/list` results: each tool's annotated arguments. Annotations the
 * revision calls invalid give that tool no headers (and a warning); the editor decides about the tool.
 */
export class ToolHeaders {
  private readonly tools = new Map<string, ParamHeader[]>();

  constructor(private readonly log: (line: string) => void) {}

  /** Reads the tools of one `tools/list` result (one page; later pages add to it). */
  learn(result: unknown): void {
    const tools = (result as { tools?: unknown })?.tools;
    if (!Array.isArray(tools)) return;
    for (const tool of tools as Array<{ name?: unknown; inputSchema?: unknown }>) {
      if (typeof tool?.name !== 'string') continue;
      const found = annotations(tool.inputSchema);
      if (typeof found === 'string') {
        this.log(`tokentray: warning: tool "${tool.name}": ${found}; its calls carry no Mcp-Param headers`);
        this.tools.delete(tool.name);
      } else if (found.length > 0) this.tools.set(tool.name, found);
      else this.tools.delete(tool.name);
    }
  }

  /** The `Mcp-Param-<Name>` headers of a `tools/call`, or null when the tool has none. */
  forCall(name: string | undefined, args: unknown): Record<string, string> | null {
    const params = name === undefined ? undefined : this.tools.get(name);
    if (!params) return null;
    const headers: Record<string, string> = {};
    for (const { path, header } of params) {
      let value: unknown = args;
      for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      const encoded = argumentHeader(value);
      if (encoded !== null) headers[`mcp-param-${header.toLowerCase()}`] = encoded;
    }
    return headers;
  }
}
