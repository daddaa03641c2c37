/**
 * The one table of transport errors (what Node, undici and TLS throw before an HTTP answer exists) →
 * words for a person. The mootup client (`transportError` in http-setup.ts) and the MCP proxy
 * (`transportFailure` in mcp/upstream-errors.ts) both read it, so a refused connection or a full file
 * table reads the same in the CLI, the tray and the editor.
 */

/** What kind of trouble: the network or the server (`network`), a bound that passed (`timeout`), or a limit of this machine (`resource`, never "cannot reach"). */
export type TransportKind = 'network' | 'timeout' | 'resource';

interface Entry {
  kind: TransportKind;
  /** What happened, without the host (e.g. "the connection was refused (is the server running?)"). */
  what: string;
  /** Timeouts: what was under way, before the host ("waiting for an answer from"). */
  phase?: string;
}

const TABLE: Record<string, Entry> = {
  ECONNREFUSED: { kind: 'network', what: 'the connection was refused (is the server running?)' },
  ECONNRESET: { kind: 'network', what: 'the connection was reset' },
  EPIPE: { kind: 'network', what: 'the connection broke' },
  ENOTFOUND: { kind: 'network', what: 'the host name does not resolve' },
  EAI_AGAIN: { kind: 'network', what: 'the host name could not be resolved right now' },
  EHOSTUNREACH: { kind: 'network', what: 'the host is unreachable' },
  ENETUNREACH: { kind: 'network', what: 'the network is unreachable' },
  ETIMEDOUT: { kind: 'network', what: 'the connection timed out (no answer from the host)' },
  UND_ERR_SOCKET: { kind: 'network', what: 'the server closed the connection before answering' },
  CERT_HAS_EXPIRED: { kind: 'network', what: "the server's TLS certificate has expired" },
  DEPTH_ZERO_SELF_SIGNED_CERT: { kind: 'network', what: "the server's TLS certificate is self-signed (set NODE_EXTRA_CA_CERTS to trust its CA)" },
  SELF_SIGNED_CERT_IN_CHAIN: { kind: 'network', what: "the server's TLS certificate chain has a self-signed certificate (set NODE_EXTRA_CA_CERTS to trust its CA)" },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { kind: 'network', what: "the server's TLS certificate cannot be verified (set NODE_EXTRA_CA_CERTS to trust its CA)" },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { kind: 'network', what: "the issuer of the server's TLS certificate is unknown here (set NODE_EXTRA_CA_CERTS to trust its CA)" },
  ERR_TLS_CERT_ALTNAME_INVALID: { kind: 'network', what: "the server's TLS certificate is for another host name" },
  UND_ERR_CONNECT_TIMEOUT: { kind: 'timeout', what: 'connecting timed out', phase: 'connecting to' },
  UND_ERR_HEADERS_TIMEOUT: { kind: 'timeout', what: 'the server did not answer in time', phase: 'waiting for an answer from' },
  UND_ERR_BODY_TIMEOUT: { kind: 'timeout', what: 'the answer stopped arriving', phase: 'reading the answer from' },
  EMFILE: { kind: 'resource', what: 'tokentray has as many files and connections open as this process may (EMFILE); raise the limit (`ulimit -n`) of the editor that starts it' },
  ENFILE: { kind: 'resource', what: 'this machine has as many files open as it allows (ENFILE); close programs or raise the system limit (fs.file-max)' },
  ENOMEM: { kind: 'resource', what: 'this machine ran out of memory (ENOMEM); close programs and retry' },
  ENOBUFS: { kind: 'resource', what: 'this machine ran out of network buffers (ENOBUFS); close programs and retry' },
};

/** A transport error in words: its kind, its code ('' when it has none), what happened, and for timeouts the phase. */
export interface TransportWords {
  kind: TransportKind;
  code: string;
  what: string;
  phase?: string;
}

/** The code of a thrown transport error, its own or its cause's ('' when neither has one). */
export function transportCode(error: unknown): string {
  const own = (error as { code?: unknown })?.code;
  const cause = (error as { cause?: { code?: unknown } })?.cause?.code;
  return String(own ?? cause ?? '');
}

/** Looks a thrown transport error up in the table; an unknown one is a network error told with its own message and code. */
export function transportWords(error: unknown): TransportWords {
  const code = transportCode(error);
  const entry = TABLE[code];
  if (entry) return { code, ...entry };
  const raw = error instanceof Error ? error.message : String(error);
  return { kind: code.endsWith('_TIMEOUT') ? 'timeout' : 'network', code, what: `${raw}${code && !raw.includes(code) ? ` (${code})` : ''}` };
}
