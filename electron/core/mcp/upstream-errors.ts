import { transportWords } from '../http/transport-words';
import { RPC_ERRORS } from './jsonrpc';
import { rpcErrorOf } from './protocol-era';
import { MessageTooLargeError, type ExchangeResult } from './upstream-http';

import type { CallFailure } from './proxy-tokens';

export type { CallFailure };

/** A failure to talk to the upstream at all: refused, reset, unresolvable, timed out, oversized; the words are the one transport table's. */
export function transportFailure(error: unknown, host: string): CallFailure {
  if (error instanceof MessageTooLargeError) {
    return { code: RPC_ERRORS.tooLarge, cause: 'too_large', message: `tokentray: ${host} sent a message larger than ${error.limit} bytes; it was refused` };
  }
  const { kind, what } = transportWords(error);
  if (kind === 'resource') return { code: RPC_ERRORS.resource, cause: 'resource', message: `tokentray: could not send the message to ${host}: ${what}. The server was not reached; nothing is wrong with the network.` };
  return {
    code: RPC_ERRORS.unreachable,
    cause: kind,
    message: `tokentray: cannot reach the MCP server at ${host}: ${what}. Check the server, your connection and HTTPS_PROXY/NO_PROXY, then retry.`,
  };
}

/** The upstream's own error sentence, if its body was a JSON-RPC error or `{ "error": "..." }`. */
function upstreamSays(text: string | undefined): string {
  if (!text) return '';
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    const error = body.error as { message?: unknown } | string | undefined;
    const said = typeof error === 'string' ? error : typeof error?.message === 'string' ? error.message : typeof body.message === 'string' ? body.message : '';
    return said ? `: ${said.slice(0, 300)}` : '';
  } catch {
    return '';
  }
}

/** An HTTP status the proxy does not handle itself (401 and session 404 are handled before this). */
export function statusFailure(result: ExchangeResult, host: string): CallFailure {
  const { status } = result;
  const said = upstreamSays(result.text);
  if (status >= 200 && status < 300) {
    return { code: RPC_ERRORS.malformed, cause: 'malformed', status, message: `tokentray: ${host} answered HTTP ${status} without an MCP message (content-type ${String(result.headers['content-type'] ?? 'none')})` };
  }
  const hint =
    status === 404 ? " — check the profile's MCP URL (`tokentray profile show`)" : status === 403 ? ' — the token lacks permission for this' : status >= 500 ? ' — the MCP server failed; try again later' : '';
  const rpc = status >= 400 && status < 500 ? rpcErrorOf(result.text) : null;
  return { code: RPC_ERRORS.upstreamStatus, cause: status >= 500 ? 'server' : 'http', status, message: `tokentray: ${host} answered HTTP ${status}${said}${hint}`, ...(rpc && { rpc }) };
}
