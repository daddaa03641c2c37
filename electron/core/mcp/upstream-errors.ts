import type { UpstreamRpcError } from './era-errors';
import { RPC_ERRORS } from './jsonrpc';
import { rpcErrorOf } from './protocol-era';
import { MessageTooLargeError, type ExchangeResult } from './upstream-http';

import type { CallFailure } from './proxy-tokens';

export type { CallFailure };

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (is the server running?)',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection broke',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved right now',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the server closed the connection before answering',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the server did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'the answer stopped arriving',
};

/** Limits of this machine or process: never reported as a network problem. */
const RESOURCE_WORDS: Record<string, string> = {
  EMFILE: 'tokentray has as many files and connections open as this process may (EMFILE); raise the limit (`ulimit -n`) of the editor that starts it',
  ENFILE: 'this machine has as many files open as it allows (ENFILE); close programs or raise the system limit (fs.file-max)',
  ENOMEM: 'this machine ran out of memory (ENOMEM); close programs and retry',
  ENOBUFS: 'this machine ran out of network buffers (ENOBUFS); close programs and retry',
};

function errorCode(error: unknown): string {
  const own = (error as { code?: unknown })?.code;
  const cause = (error as { cause?: { code?: unknown } })?.cause?.code;
  return String(own ?? cause ?? '');
}

/** A failure to talk to the upstream at all: refused, reset, unresolvable, timed out, oversized. */
export function transportFailure(error: unknown, host: string): CallFailure {
  if (error instanceof MessageTooLargeError) {
    return { code: RPC_ERRORS.tooLarge, cause: 'too_large', message: `tokentray: ${host} sent a message larger than ${error.limit} bytes; it was refused` };
  }
  const code = errorCode(error);
  const resource = RESOURCE_WORDS[code];
  if (resource) return { code: RPC_ERRORS.resource, cause: 'resource', message: `tokentray: could not send the message to ${host}: ${resource}. The server was not reached; nothing is wrong with the network.` };
  const what = NETWORK_WORDS[code] ?? `${(error as Error)?.message ?? String(error)}${code ? ` (${code})` : ''}`;
  const timeout = code.endsWith('_TIMEOUT');
  return {
    code: RPC_ERRORS.unreachable,
    cause: timeout ? 'timeout' : 'network',
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
