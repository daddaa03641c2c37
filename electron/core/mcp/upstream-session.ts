import type { Dispatcher } from 'undici';
import { errorMessage } from '../errors';
import type { EraBridge } from './era-bridge';
import type { ProxyTokens } from './token-source';
import { exchange, type Exchange, type ExchangeResult, type ExchangeSink } from './upstream-http';
import { statusFailure, transportFailure, type CallFailure } from './upstream-errors';
import { ListenStream } from './listen-stream';
import { ExchangeSlots } from './exchange-slots';
import { RPC_ERRORS } from './jsonrpc';
import { headerValue } from './mcp-headers';

/** What a POST is, for its headers and for the retries it may need. */
export interface PostInfo {
  /** The JSON-RPC method (requests and notifications); absent for responses. */
  method?: string;
  /** The `Mcp-Name` value (tool or prompt name, resource URI). */
  name?: string;
  isInitialize?: boolean;
  /** The revision the request asks for in its `_meta` (2026-07-28): its `MCP-Protocol-Version`. */
  protocolVersion?: string;
  /** `Mcp-Param-*` headers of a tools/call. */
  paramHeaders?: Record<string, string> | null;
  /** Called with each exchange as it starts, so the caller can abort it (cancellation). */
  onExchange?: (exchange: Exchange) => void;
}

export type SendOutcome = { ok: ExchangeResult } | { failure: CallFailure };

function keychainFailure(error: unknown): CallFailure {
  return { code: RPC_ERRORS.setup, cause: 'keychain', message: `tokentray: ${errorMessage(error)}` };
}

const POST_ACCEPT = 'application/json, text/event-stream';
/** Upstream exchanges waiting for an answer at once (SSE streams excluded); more wait in order. */
const MAX_WAITING_EXCHANGES = 64;
const METHOD_SAFE = /^[\x21-\x7e]{1,200}$/;

/**
 * The upstream half of one editor session, owner of its protocol state (the MCP session id, the
 * negotiated protocol version, the editor's initialize params, the negotiated era); the bearer token
 * (one retry after a rotation), transparent re-initialization when the server forgets the session,
 * the GET stream, resumption, and the DELETE at exit.
 */
export class UpstreamSession {
  private currentSession: string | null = null;
  private version: string | null = null;
  private editorInit: Record<string, unknown> | undefined;
  private era: EraBridge | null = null;
  /** The handshake revision a server that refused a 2026-07-28 request speaks (probed once; see era-probe.ts). */
  handshake: Promise<string | null> | null = null;
  private reinit: Promise<boolean> | null = null;
  private reinitCount = 0;
  private closed = false;
  private readonly listen: ListenStream;
  readonly host: string;
  readonly slots = new ExchangeSlots(MAX_WAITING_EXCHANGES);

  constructor(
    readonly dispatcher: Dispatcher,
    readonly url: URL,
    readonly tokens: ProxyTokens,
    readonly maxBytes: number,
    private readonly userAgent: string,
    /** Server→client messages that belong to no pending call (and everything on the GET stream). */
    private readonly route: (text: string) => void,
    private readonly log: (line: string) => void,
  ) {
    this.host = url.host;
    this.listen = new ListenStream(this, route, log);
  }

  /** The MCP session id the server gave (null before initialize, or for a server without sessions). */
  get sessionId(): string | null {
    return this.currentSession;
  }

  /** The revision the editor's initialize negotiated (sent as MCP-Protocol-Version), null before. */
  get protocolVersion(): string | null {
    return this.version;
  }

  /** The editor's own `initialize` params, replayed verbatim if the server loses the session. */
  get initParams(): Record<string, unknown> | undefined {
    return this.editorInit;
  }

  /** The negotiated era: set once a 2025-era editor was bridged to a 2026-07-28-only server. */
  get bridge(): EraBridge | null {
    return this.era;
  }

  /** The editor sent `initialize` with these params (kept for a replay). */
  initializing(params: Record<string, unknown> | undefined): void {
    this.editorInit = params;
  }

  /** The server answered the editor's initialize (a parsed JSON-RPC result): its protocolVersion is what later requests carry. */
  initialized(answer: unknown): void {
    const version = (answer as { result?: { protocolVersion?: unknown } }).result?.protocolVersion;
    if (typeof version === 'string') this.version = version;
  }

  /** From now on the editor's calls go through `bridge` (era-flow.ts decides, once server/discover answered). */
  bridgeWith(bridge: EraBridge): void {
    this.era = bridge;
  }

  /** Headers every request carries; the token is added by the caller that holds it. */
  headers(token: string, accept: string, info: PostInfo = {}): Record<string, string> {
    const h: Record<string, string> = { accept, 'user-agent': this.userAgent };
    if (token) h.authorization = `Bearer ${token}`; // none yet: an OAuth profile's first request draws the 401 that starts a sign-in
    if (this.sessionId) h['mcp-session-id'] = this.sessionId;
    const version = info.protocolVersion ?? this.protocolVersion;
    if (version) h['mcp-protocol-version'] = version;
    if (info.method && METHOD_SAFE.test(info.method)) h['mcp-method'] = info.method;
    if (info.name !== undefined) h['mcp-name'] = headerValue(info.name);
    if (info.paramHeaders) Object.assign(h, info.paramHeaders);
    return h;
  }

  /**
   * POSTs one message. A 401 re-reads the keychain and retries once if the token changed since this
   * request was sent; a 404 for the session re-initializes and replays once.
   */
  async post(body: string, info: PostInfo, sink: ExchangeSink): Promise<SendOutcome> {
    let rotated = false;
    let steppedUp = false;
    let replayed = false;
    for (;;) {
      let token: string;
      try {
        token = await this.tokens.get();
      } catch (error) {
        return { failure: keychainFailure(error) };
      }
      const sentSession = this.sessionId;
      const headers = this.headers(token, POST_ACCEPT, info);
      headers['content-type'] = 'application/json';
      const head: ExchangeSink = info.isInitialize ? { ...sink, onHead: (status, h) => this.adoptSession(status, h) } : sink;
      const live = exchange(this.dispatcher, this.url, { method: 'POST', headers, body }, this.maxBytes, head, this.slots);
      info.onExchange?.(live);
      let result: ExchangeResult;
      try {
        result = await live.done;
      } catch (error) {
        return { failure: transportFailure(error, this.host) };
      }
      if (result.status === 401 && !rotated) {
        rotated = true;
        if ((await this.tokens.afterUnauthorized(token, result.headers['www-authenticate'])) !== null) continue;
        return { failure: this.tokens.refusal() };
      }
      if (result.status === 401) return { failure: this.tokens.refusal() };
      if (result.status === 403 && !steppedUp && this.tokens.afterForbidden) {
        steppedUp = true;
        if ((await this.tokens.afterForbidden(token, result.headers['www-authenticate'])) !== null) continue;
        if (/insufficient_scope/.test(String(result.headers['www-authenticate'] ?? ''))) return { failure: this.tokens.refusal() };
      }
      if (result.status === 404 && sentSession && !info.isInitialize && !replayed) {
        replayed = true;
        if (await this.reinitialize(sentSession)) continue;
        return { failure: { code: RPC_ERRORS.upstreamStatus, cause: 'session_lost', status: 404, message: `tokentray: ${this.host} ended the MCP session and re-initializing it failed; restart the MCP server in your editor` } };
      }
      if (result.status >= 200 && result.status < 300) {
        await this.tokens.accepted(token);
        return { ok: result };
      }
      return { failure: statusFailure(result, this.host) };
    }
  }

  private adoptSession(status: number, headers: Record<string, string | string[] | undefined>): void {
    const id = headers['mcp-session-id'];
    if (status >= 200 && status < 300) this.currentSession = typeof id === 'string' && id ? id : null;
  }

  /** Opens (or keeps) the GET stream for server-initiated messages; resolves once it is open or failed. */
  startListening(): Promise<void> {
    return this.closed ? Promise.resolve() : this.listen.start();
  }

  /** GET with Last-Event-ID: picks up a stream the server closed early (2025-11-25 resumption). */
  async resume(lastEventId: string, sink: ExchangeSink, onExchange?: (exchange: Exchange) => void): Promise<SendOutcome> {
    let token: string;
    try {
      token = await this.tokens.get();
    } catch (error) {
      return { failure: keychainFailure(error) };
    }
    const headers = this.headers(token, 'text/event-stream');
    headers['last-event-id'] = lastEventId;
    try {
      const live = exchange(this.dispatcher, this.url, { method: 'GET', headers }, this.maxBytes, sink, this.slots);
      onExchange?.(live);
      const result = await live.done;
      return result.status >= 200 && result.status < 300 ? { ok: result } : { failure: statusFailure(result, this.host) };
    } catch (error) {
      return { failure: transportFailure(error, this.host) };
    }
  }

  /** Replays the editor's initialize (once, however many calls hit the 404 together). */
  reinitialize(staleSession: string): Promise<boolean> {
    if (this.sessionId !== staleSession) return Promise.resolve(true);
    this.reinit ??= this.runReinit().finally(() => {
      this.reinit = null;
    });
    return this.reinit;
  }

  private async runReinit(): Promise<boolean> {
    this.log(`tokentray: ${this.host} no longer knows MCP session; re-initializing with the editor's original parameters`);
    this.listen.stop();
    this.currentSession = null;
    const id = `tokentray-reinit-${++this.reinitCount}`;
    let answered = false;
    const body = JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: this.initParams ?? {} });
    const outcome = await this.post(body, { method: 'initialize', isInitialize: true }, {
      onMessage: (text) => {
        if (!text.includes(id)) return this.route(text);
        try {
          const message = JSON.parse(text) as { id?: unknown; result?: unknown };
          answered = message.id === id && message.result !== undefined;
        } catch {
          // not MCP: the check below reports it
        }
      },
    });
    if ('failure' in outcome || !answered) {
      this.log(`tokentray: re-initializing failed: ${'failure' in outcome ? outcome.failure.message : 'no initialize result'}`);
      return false;
    }
    const initialized = await this.post('{"jsonrpc":"2.0","method":"notifications/initialized"}', { method: 'notifications/initialized' }, { onMessage: this.route });
    if ('failure' in initialized) this.log(`tokentray: notifications/initialized after re-initializing failed: ${initialized.failure.message}`);
    void this.listen.start();
    return true;
  }

  /** Ends the session: stops the GET stream and DELETEs the session (bounded wait), then closes the agent. */
  async close(): Promise<void> {
    this.closed = true;
    this.listen.stop();
    if (this.sessionId && this.tokens.has()) {
      await this.deleteSession(this.sessionId, await this.tokens.get());
      this.currentSession = null;
    }
    this.tokens.close?.();
    await this.dispatcher.destroy().catch(() => undefined);
  }

  /** DELETEs a session (ours at exit, or one a probe made), waiting at most `waitMs`. */
  async deleteSession(sessionId: string, token: string, waitMs = 2000): Promise<void> {
    const headers = { ...this.headers(token, POST_ACCEPT), 'mcp-session-id': sessionId };
    const live = exchange(this.dispatcher, this.url, { method: 'DELETE', headers }, 65536, { onMessage: () => undefined }, this.slots);
    const timer = setTimeout(() => live.abort(new Error('DELETE timed out')), waitMs);
    await live.done.catch(() => undefined);
    clearTimeout(timer);
  }
}
