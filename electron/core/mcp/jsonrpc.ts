/** JSON-RPC 2.0 as MCP uses it: just enough shape to route messages without validating their content. */

export type JsonRpcId = string | number;

/** One message, parsed but otherwise untouched; `raw` is the exact text it came in. */
export type RpcMessage =
  | { kind: 'request'; id: JsonRpcId; method: string; params: Record<string, unknown> | undefined }
  | { kind: 'notification'; method: string; params: Record<string, unknown> | undefined }
  | { kind: 'response'; id: JsonRpcId | null; error: boolean };

/** Error codes the proxy answers with. The -3200x range is JSON-RPC's "server error" space. */
export const RPC_ERRORS = {
  parse: -32700,
  invalidRequest: -32600,
  /** A bug in tokentray: the call failed, the proxy keeps going. */
  internal: -32603,
  /** The token was refused (revoked, invalid or expired). */
  unauthorized: -32001,
  /** The upstream could not be reached, reset the connection or timed out. */
  unreachable: -32002,
  /** The upstream answered with an HTTP error status. */
  upstreamStatus: -32003,
  /** The upstream answered with something that is not MCP. */
  malformed: -32004,
  /** tokentray itself cannot run: unknown profile, keychain unavailable, insecure URL. */
  setup: -32005,
  /** The message is larger than the proxy accepts. */
  tooLarge: -32006,
  /** The machine or process ran out of a resource (file descriptors, memory): not a network problem. */
  resource: -32007,
} as const;

function isId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Classifies a parsed JSON value as an MCP message, or returns why it is not one. */
export function classify(value: unknown): RpcMessage | { invalid: string; id: JsonRpcId | null } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const why = Array.isArray(value) ? 'JSON-RPC batches are not part of MCP (since 2025-06-18); send one message per line' : 'expected a JSON-RPC object';
    return { invalid: why, id: null };
  }
  const m = value as Record<string, unknown>;
  const id = isId(m.id) ? m.id : null;
  if (m.jsonrpc !== '2.0') return { invalid: 'missing "jsonrpc": "2.0"', id };
  const params = typeof m.params === 'object' && m.params !== null ? (m.params as Record<string, unknown>) : undefined;
  if (typeof m.method === 'string') {
    if (m.id === undefined) return { kind: 'notification', method: m.method, params };
    if (id === null) return { invalid: 'a request id must be a string or a number', id: null };
    return { kind: 'request', id, method: m.method, params };
  }
  if ('result' in m || 'error' in m) {
    if (id === null && m.id !== null) return { invalid: 'a response needs the id of its request', id: null };
    return { kind: 'response', id, error: 'error' in m };
  }
  return { invalid: 'neither a request, a notification nor a response', id };
}

/** A JSON-RPC error response as one line of text. */
export function errorLine(id: JsonRpcId | null, code: number, message: string, data?: Record<string, unknown>): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error: { code, message, ...(data && { data }) } });
}

/** The `Mcp-Name` routing value of a request (2026-07-28): the tool or prompt name, or the resource URI. */
export function routingName(method: string, params: Record<string, unknown> | undefined): string | undefined {
  if (!params) return undefined;
  const value = method === 'tools/call' || method === 'prompts/get' ? params.name : method.startsWith('resources/') ? params.uri : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The protocol version a stateless (2026-07-28) request names in its `_meta`, if any. */
export function metaProtocolVersion(params: Record<string, unknown> | undefined): string | undefined {
  const meta = params?._meta as Record<string, unknown> | undefined;
  const version = meta?.['io.modelcontextprotocol/protocolVersion'];
  return typeof version === 'string' && /^[\x20-\x7e]{1,64}$/.test(version) ? version : undefined;
}
