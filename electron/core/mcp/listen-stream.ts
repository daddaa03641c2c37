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
  private opened: (() => void) | null = null;

  constructor(
    private readonly session: ListenHost,
    private readonly route: (text: string) => void,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * Opens the stream (unless open or refused for good). Resolves once the first GET's response head
   * arrived or that GET failed, so the caller can hold requests whose server→client messages would
   * otherwise go to a stream that is not open yet.
   */
  start(): Promise<void> {
    if (this.running || this.unsupported) return Promise.resolve();
    this.running = true;
    const opened = new Promise<void>((resolve) => (this.opened = resolve));
    void this.loop();
    return opened;
  }

  stop(): void {
    this.running = false;
    this.markOpened();
    this.lastEventId = undefined;
    this.live?.abort(new Error('GET stream stopped'));
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const waitMs = await this.once();
      this.markOpened();
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
      onHead: () => this.markOpened(),
      onMessage: (text, eventId) => {
        if (eventId !== undefined) this.lastEventId = eventId;
        this.route(text);
      },
    }, this.session.slots);
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

  private markOpened(): void {
    this.opened?.();
    this.opened = null;
  }

  private backoff(): number {
    this.failures++;
    return Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.failures, 8));
  }
}
