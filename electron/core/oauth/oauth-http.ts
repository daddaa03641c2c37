import type { Dispatcher } from 'undici';
import type { Env } from '../paths';
import { API_TIMEOUTS, assertSecureUrl, createDispatcher, loadUndici, transportError } from '../http/http-setup';

/** One answer from an authorization server or a metadata endpoint. */
export interface OAuthResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON, or null when it is not JSON. Never logged: a token answer holds tokens. */
  json: unknown;
}

const MAX_BODY = 1024 * 1024;

/**
 * The HTTP the OAuth flow uses: the shared undici setup (proxies, API timeouts), HTTPS only except
 * loopback, no redirects followed, bodies bounded. One per flow or per proxy; `close()` at the end.
 */
export class OAuthHttp {
  private dispatcher: Promise<Dispatcher> | null = null;

  constructor(private readonly env: Env) {}

  /** GET a JSON document (metadata). */
  getJson(url: string, headers: Record<string, string> = {}): Promise<OAuthResponse> {
    return this.send(url, { method: 'GET', headers: { accept: 'application/json', ...headers } });
  }

  /** POST `application/x-www-form-urlencoded` (token, revocation). */
  postForm(url: string, form: Record<string, string | undefined>, headers: Record<string, string> = {}): Promise<OAuthResponse> {
    const body = new URLSearchParams(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    return this.send(url, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  }

  /** POST a JSON body (dynamic client registration, the MCP probe). */
  postJson(url: string, value: unknown, headers: Record<string, string> = {}): Promise<OAuthResponse> {
    return this.send(url, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) });
  }

  async close(): Promise<void> {
    const dispatcher = this.dispatcher;
    this.dispatcher = null;
    if (dispatcher) await (await dispatcher).close().catch(() => undefined);
  }

  private async send(url: string, options: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }): Promise<OAuthResponse> {
    assertSecureUrl(url);
    const { request } = await loadUndici();
    this.dispatcher ??= createDispatcher(API_TIMEOUTS, this.env);
    const dispatcher = await this.dispatcher;
    try {
      const response = await request(url, { ...options, dispatcher, headers: { 'user-agent': `tokentray/${process.env.TOKENTRAY_VERSION ?? 'dev'}`, ...options.headers } });
      let text = '';
      if (String(response.headers['content-type'] ?? '').includes('text/event-stream')) {
        response.body.destroy(); // an MCP stream, not a document: nothing here to read
        return { status: response.statusCode, headers: response.headers, json: null };
      }
      for await (const chunk of response.body) {
        text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
        if (text.length > MAX_BODY) {
          response.body.destroy();
          break;
        }
      }
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      return { status: response.statusCode, headers: response.headers, json };
    } catch (error) {
      throw transportError(error, url);
    }
  }
}

/** A JSON object answer, or null. */
export function jsonObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
