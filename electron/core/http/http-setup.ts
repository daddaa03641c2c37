import type { Dispatcher } from 'undici';
import { insecureUrlReason } from '../../../shared/url-policy';
import { TokentrayError } from '../errors';
import { transportWords } from './transport-words';

/** The HTTP setup the mootup client and the MCP proxy share: undici, env proxies, deliberate timeouts. */

export interface HttpTimeouts {
  /** TCP + TLS connect. */
  connectMs: number;
  /** From request sent to response headers received. */
  headersMs: number;
  /** Longest silence between two body chunks; 0 = none (long-lived SSE streams). */
  bodyMs: number;
}

/** REST calls: answers are small and quick; a hung server must fail fast. */
export const API_TIMEOUTS: HttpTimeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };

/** MCP traffic: tool calls may think for minutes and SSE streams may stay quiet indefinitely. */
export const STREAM_TIMEOUTS: HttpTimeouts = { connectMs: 10_000, headersMs: 300_000, bodyMs: 0 };

type Undici = typeof import('undici');
let undici: Promise<Undici> | undefined;

/** undici, loaded on first use (it costs tens of ms; commands that never go online skip it). */
export function loadUndici(): Promise<Undici> {
  undici ??= import('undici').then((m) => ((m as Undici & { default?: Undici }).default ?? m));
  return undici;
}

/**
 * A keep-alive dispatcher that honours HTTP_PROXY / HTTPS_PROXY / NO_PROXY (undici's
 * EnvHttpProxyAgent) with the given timeouts. Create one per process and purpose, and reuse it.
 */
export async function createDispatcher(timeouts: HttpTimeouts, env: Record<string, string | undefined> = process.env): Promise<Dispatcher> {
  const { EnvHttpProxyAgent } = await loadUndici();
  return new EnvHttpProxyAgent(dispatcherOptions(timeouts, env));
}

/** The EnvHttpProxyAgent options of createDispatcher, for hosts that load the agent class themselves (the MCP proxy's fast start). */
export function dispatcherOptions(timeouts: HttpTimeouts, env: Record<string, string | undefined> = process.env) {
  return {
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: 30_000,
    httpProxy: env.HTTP_PROXY ?? env.http_proxy,
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
    noProxy: env.NO_PROXY ?? env.no_proxy,
  };
}

/** Throws before anything is sent when a URL may not carry a token (HTTPS only, except loopback). */
export function assertSecureUrl(url: string): void {
  const reason = insecureUrlReason(url);
  if (reason) throw new TokentrayError('insecure_url', reason, { url });
}

/** Whether two URLs share scheme, host and port (Authorization never crosses origins). */
export function sameOrigin(a: string | URL, b: string | URL): boolean {
  return new URL(a).origin === new URL(b).origin;
}

/** Bounded backoff for idempotent retries: attempt 0, 1, 2 → ~200 ms, ~600 ms, ~1.8 s, with jitter. */
export function retryDelayMs(attempt: number): number {
  return Math.round(200 * 3 ** attempt * (0.75 + Math.random() * 0.5));
}

/**
 * Turns what undici throws (timeouts, refused connections, resets, proxy failures, limits of the
 * machine) into a TokentrayError: code `timeout`, `network` or `io`, a message naming the host in the
 * words of the one transport table (transport-words.ts), never a token.
 */
export function transportError(error: unknown, url: string | URL): TokentrayError {
  if (error instanceof TokentrayError) return error;
  const words = transportWords(error);
  const host = new URL(url).host;
  const details = { host, cause_code: words.code || undefined };
  if (words.kind === 'timeout') {
    return new TokentrayError('timeout', `timed out ${words.phase ?? 'talking to'} ${host}; check your connection (and HTTPS_PROXY) and try again`, details, { cause: error });
  }
  if (words.kind === 'resource') return new TokentrayError('io', `could not send a request to ${host}: ${words.what}. The server was not reached; nothing is wrong with the network.`, details, { cause: error });
  return new TokentrayError('network', `could not reach ${host}: ${words.what}; check your connection and proxy settings`, details, { cause: error });
}
