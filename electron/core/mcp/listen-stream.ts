import type { Exchange } from './upstream-http';
import { exchange } from './upstream-http';
import type { ListenHost } from './listen-host';

const MAX_BACKOFF_MS = 30_000;

/**
 * The optional GET stream on which the server sends requests and notifications of its own. Reconnects
 * with Last-Event-ID after the server's `retry` (or a bounded backoff); stops for good on 405 (the
 * server has none, e.g. a stateless 2026-07-28 server), until re-initialization on 404.
 */
export class ListenStream {
  private running = false;
  private unsupported = false;
  private live: Exchange | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private lastEventId: string | undefined;
  private failures = 0;

  constructor(
    private readonly session: ListenHost,
    private readonly route: (text: string) => void,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    if (this.running || this.unsupported) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    this.lastEventId = undefined;
    this.live?.abort(new Error('GET stream stopped'));
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const waitMs = await this.once();
      if (waitMs === null || !this.running) break;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, waitMs);
        this.timer.unref();
      });
      this.timer = null;
      this.wake = null;
    }
    this.running = false;
  }

  /** One GET; returns how long to wait before the next, or null to stop. */
  private async once(): Promise<number | null> {
    let token: string;
    try {
      token = await this.session.tokens.get();
    } catch {
      return this.backoff();
    }
    const headers = this.session.headers(token, 'text/event-stream');
    if (this.lastEventId !== undefined) headers['last-event-id'] = this.lastEventId;
    this.live = exchange(this.session.dispatcher, this.session.url, { method: 'GET', headers }, this.session.maxBytes, {
      onMessage: (text, eventId) => {
        if (eventId !== undefined) this.lastEventId = eventId;
        this.route(text);
      },
    });
    let result;
    try {
      result = await this.live.done;
    } catch (error) {
      if (!this.running) return null;
      this.log(`tokentray: the GET stream from ${this.session.host} broke (${(error as Error).message}); reconnecting`);
      return this.backoff();
    } finally {
      this.live = null;
    }
    if (result.lastEventId !== undefined) this.lastEventId = result.lastEventId;
    if (result.status === 405) {
      this.unsupported = true;
      return null;
    }
    if (result.status === 401) return (await this.session.tokens.afterUnauthorized(token, result.headers['www-authenticate'])) !== null ? 0 : null;
    if (result.status === 404 || result.status === 400) return null;
    if (result.status >= 200 && result.status < 300 && result.body === 'sse') {
      this.failures = 0;
      await this.session.tokens.accepted(token);
      return result.retryMs ?? 1000;
    }
    if (result.status >= 200 && result.status < 300) {
      this.unsupported = true;
      return null;
    }
    return this.backoff();
  }

  private backoff(): number {
    this.failures++;
    return Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.failures, 8));
  }
}
