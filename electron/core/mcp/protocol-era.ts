/**
 * The two eras of MCP over Streamable HTTP. Up to 2025-11-25 a client `initialize`s, the server may
 * keep a session, open a GET stream and resume streams. From 2026-07-28 every request stands alone:
 * its `_meta` carries the protocol version and the client's capabilities, the version travels as the
 * `MCP-Protocol-Version` header too, and there is no session, GET stream or resumption.
 */

/** Revisions reached through `initialize`. */
export const HANDSHAKE_VERSIONS = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'] as const;
/** The newest handshake revision: what the proxy offers a 2025-era editor it bridges. */
export const LATEST_HANDSHAKE_VERSION = '2025-11-25';
/** The per-request revision the proxy speaks upstream when it bridges a 2025-era editor. */
export const MODERN_VERSION = '2026-07-28';

export const PROTOCOL_VERSION_META = 'io.modelcontextprotocol/protocolVersion';
export const CLIENT_INFO_META = 'io.modelcontextprotocol/clientInfo';
export const CLIENT_CAPABILITIES_META = 'io.modelcontextprotocol/clientCapabilities';
export const SERVER_INFO_META = 'io.modelcontextprotocol/serverInfo';

/** JSON-RPC codes of the 2026-07-28 revision that say "a modern server answered". */
export const MODERN_ERRORS = { headerMismatch: -32020, missingCapability: -32021, unsupportedVersion: -32022 } as const;

/** The version a request asks for in its `_meta` (2026-07-28 and later), if any. */
export function requestVersion(params: Record<string, unknown> | undefined): string | undefined {
  const meta = params?._meta as Record<string, unknown> | undefined;
  const version = meta?.[PROTOCOL_VERSION_META];
  return typeof version === 'string' ? version : undefined;
}

/** A per-request revision (2026-07-28 or later): any version that is not a handshake one. */
export function isModern(version: string | undefined): boolean {
  return version !== undefined && !(HANDSHAKE_VERSIONS as readonly string[]).includes(version);
}

/** A JSON-RPC error from an HTTP body (any id), or null. */
export function rpcErrorOf(text: string | undefined): { code: number; message: string; data?: unknown } | null {
  if (!text) return null;
  try {
    const body = JSON.parse(text) as { jsonrpc?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } };
    const error = body.error;
    if (body.jsonrpc !== '2.0' || typeof error?.code !== 'number' || typeof error.message !== 'string') return null;
    return { code: error.code, message: error.message, ...(error.data !== undefined && { data: error.data }) };
  } catch {
    return null;
  }
}

/** The revisions an UnsupportedProtocolVersion error says the server speaks, or null. */
export function supportedVersions(data: unknown): string[] | null {
  const supported = (data as { supported?: unknown } | undefined)?.supported;
  return Array.isArray(supported) && supported.length > 0 && supported.every((v) => typeof v === 'string') ? (supported as string[]) : null;
}
