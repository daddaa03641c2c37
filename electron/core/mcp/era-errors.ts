import { HANDSHAKE_VERSIONS, isModern, MODERN_ERRORS, supportedVersions } from './protocol-era';

import type { UpstreamRpcError } from './proxy-tokens';

export type { UpstreamRpcError };

/** The error the editor gets, and the cause tag the audit log records. */
export interface EraAnswer {
  code: number;
  message: string;
  data?: unknown;
  cause: string;
}

/** What the refused call was. */
export interface RefusedCall {
  method: string;
  /** The revision its `_meta` asked for (2026-07-28 requests). */
  version?: string;
  /** The revision an `initialize` asked for. */
  initializeVersion?: string;
}

const MODERN_CODES = new Set<number>(Object.values(MODERN_ERRORS));

/**
 * Whether a 4xx JSON-RPC error says the server does not speak the request's era: a 2026-07-28 request
 * answered with an error no 2026-07-28 server would give (a 2025 server refusing a request without a
 * session), which `answerRefusal` then explains once the server's handshake revision is known.
 */
export function isLegacyRefusal(call: RefusedCall, error: UpstreamRpcError): boolean {
  return isModern(call.version) && !MODERN_CODES.has(error.code) && error.code !== -32601;
}

/** The revisions of a server that refused an `initialize` because it speaks only 2026-07-28 or later, else null. */
export function modernOnlyRefusal(call: RefusedCall, error: UpstreamRpcError): string[] | null {
  const supported = error.code === MODERN_ERRORS.unsupportedVersion ? supportedVersions(error.data) : null;
  return call.method === 'initialize' && supported && supported.every(isModern) ? supported : null;
}

/**
 * The answer to a call the server refused with a JSON-RPC error in a 4xx body. Across eras it names
 * which side speaks what (as an UnsupportedProtocolVersion error, so a client that can fall back does);
 * otherwise the server's own code and data pass through, with where it came from.
 */
export function answerRefusal(call: RefusedCall, error: UpstreamRpcError, status: number, host: string, serverHandshake: string | null): EraAnswer {
  if (isLegacyRefusal(call, error)) {
    const speaks = serverHandshake ?? 'a revision of 2025-11-25 or earlier';
    return {
      code: MODERN_ERRORS.unsupportedVersion,
      cause: 'protocol_version',
      message:
        `tokentray: ${host} speaks MCP ${speaks}, not ${call.version}: it refused ${call.method} (HTTP ${status}: ${error.message}). ` +
        `This editor asked for ${call.version}; let it fall back to initialize${serverHandshake ? ` (${serverHandshake})` : ''}, or use a server that speaks ${call.version}.`,
      data: { supported: serverHandshake ? [serverHandshake] : [...HANDSHAKE_VERSIONS], requested: call.version },
    };
  }
  const supported = modernOnlyRefusal(call, error);
  if (supported) {
    const asked = call.initializeVersion ?? 'a revision with initialize';
    return {
      code: error.code,
      cause: 'protocol_version',
      message: `tokentray: ${host} speaks only MCP ${supported.join(', ')}, which has no initialize; this editor speaks ${asked}. Use an editor (or an editor setting) that speaks ${supported[0]}, or a server that still speaks ${asked}.`,
      data: error.data,
    };
  }
  return { code: error.code, cause: 'upstream_error', message: `${error.message} (HTTP ${status} from ${host})`, ...(error.data !== undefined && { data: error.data }) };
}
