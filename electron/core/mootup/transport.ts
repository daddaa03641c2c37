import type { Dispatcher } from 'undici';
import { TokentrayError } from '../errors';
import { assertSecureUrl, loadUndici, retryDelayMs, sameOrigin, transportError } from '../http/http-setup';
import { rememberSecret } from '../redact/known-secrets';
import { errorFromResponse } from './mootup-errors';

/** One JSON request to mootup, relative to the base URL. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** e.g. `/api/actors/me`; path segments from callers must already be encoded. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TransportConfig {
  baseUrl: string;
  token: string | null;
  dispatcher: () => Promise<Dispatcher>;
  /** Extra attempts for GETs after a 5xx or a network error. */
  retries: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const RETRY_STATUSES = new Set([500, 502, 503, 504]);

/** Joins the base URL (which may carry a path prefix) with an API path and query. */
export function apiUrl(baseUrl: string, path: string, query: ApiRequest['query'] = {}): URL {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  return url;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends JSON requests with the bearer token. GETs are retried on 5xx and network errors with
 * bounded backoff; other methods never are (a state change must not run twice unseen). Timeouts
 * are not retried: the dispatcher's bound is the bound. Redirects are followed by hand so that
 * Authorization never leaves the base URL's origin.
 */
export function createTransport(config: TransportConfig): (req: ApiRequest) => Promise<unknown> {
  assertSecureUrl(config.baseUrl);
  // Whatever goes out as Authorization may come back quoted in an error: the scrubber must know it.
  rememberSecret(config.token);
  return async (req) => {
    const what = `${req.method} ${req.path}`;
    const retries = req.method === 'GET' ? config.retries : 0;
    // Outside the try: failing to load undici is a broken install, not a network problem.
    const [{ request }, dispatcher] = await Promise.all([loadUndici(), config.dispatcher()]);
    const send: Send = (url, options) => request(url, { ...options, dispatcher });
    for (let attempt = 0; ; attempt++) {
      let answer: { status: number; body: unknown; url: URL };
      try {
        answer = await followRedirects(config, req, send);
      } catch (error) {
        const failure = transportError(error, config.baseUrl);
        if (failure.code === 'network' && attempt < retries) {
          await sleep(retryDelayMs(attempt));
          continue;
        }
        throw failure;
      }
      if (RETRY_STATUSES.has(answer.status) && attempt < retries) {
        await sleep(retryDelayMs(attempt));
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) return answer.body;
      throw errorFromResponse(answer.status, answer.body, what, answer.url.host);
    }
  };
}

type Send = (url: URL, options: { method: Dispatcher.HttpMethod; headers: Record<string, string>; body: string | undefined }) => Promise<Dispatcher.ResponseData>;

async function followRedirects(config: TransportConfig, req: ApiRequest, send: Send): Promise<{ status: number; body: unknown; url: URL }> {
  let url = apiUrl(config.baseUrl, req.path, req.query);
  let method: string = req.method;
  let body = req.body === undefined ? undefined : JSON.stringify(req.body);
  let withToken = config.token !== null;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': `tokentray/${process.env.TOKENTRAY_VERSION ?? 'dev'}`, ...req.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (withToken) headers.authorization = `Bearer ${config.token}`;
    const response = await send(url, { method: method as Dispatcher.HttpMethod, headers, body });
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode) || typeof location !== 'string') {
      return { status: response.statusCode, body: await readJson(response.body, response.statusCode, `${req.method} ${req.path}`), url };
    }
    await response.body.dump();
    if (hop >= MAX_REDIRECTS) throw new TokentrayError('bad_response', `mootup redirected ${req.method} ${req.path} more than ${MAX_REDIRECTS} times; check the profile URL`);
    const next = new URL(location, url);
    assertSecureUrl(next.href);
    if (response.statusCode === 303) {
      method = 'GET';
      body = undefined;
    } else if (response.statusCode < 307 && method !== 'GET') {
      throw new TokentrayError('bad_response', `mootup redirected ${req.method} ${req.path} to ${next.origin}${next.pathname} with HTTP ${response.statusCode}, which would drop the request body; update the profile URL to the new address`);
    }
    // Once the chain leaves our origin the token stays behind, even if it later comes back.
    if (!sameOrigin(next, config.baseUrl)) withToken = false;
    url = next;
  }
}

async function readJson(body: Dispatcher.ResponseData['body'], status: number, what: string): Promise<unknown> {
  const text = await body.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (status >= 200 && status < 300) throw new TokentrayError('bad_response', `mootup answered ${what} with something that is not JSON; is the URL a mootup API server?`, { status });
    return undefined;
  }
}
