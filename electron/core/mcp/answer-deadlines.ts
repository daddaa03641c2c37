import type { Exchange } from './upstream-http';

/** What the sweep needs of a pending call: the exchange it waits on now (null before one starts). */
export interface Watched {
  exchange: Exchange | null;
  /** The proxy itself is working on the answer (no upstream wait to bound). */
  held?: boolean;
  /** Set by the sweep: what the call waited on when last seen, and since when. */
  watched?: Exchange | null;
  watchedSince?: number;
}

/**
 * Bounds how long a call waits for its answer to begin, with one interval for all calls (no timer per
 * call): a call whose exchange has waited `timeoutMs` for its response head — or for the whole of a
 * JSON answer — expires. An answer that became an SSE stream is never cut: long tools are legitimate.
 * The wait is measured from the first sweep that sees it, so a call expires between `timeoutMs` and
 * `timeoutMs` plus one tick after it began to wait.
 */
export class AnswerDeadlines<C extends Watched> {
  private timer: NodeJS.Timeout | null = null;
  private readonly tickMs: number;
  private streamsToo = false;

  constructor(
    readonly timeoutMs: number,
    private readonly calls: Map<unknown, C>,
    private readonly expire: (call: C) => void,
  ) {
    this.tickMs = Math.min(1000, Math.max(100, Math.floor(timeoutMs / 4)));
  }

  /** Called when a call is added: starts the sweep if it is not running. */
  watch(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.sweep(), this.tickMs);
    this.timer.unref();
  }

  /** The editor is gone: from now on streams and held calls are bounded too, each from the sweep that first sees it. */
  closing(): void {
    this.streamsToo = true;
    for (const call of this.calls.values()) call.watchedSince = undefined; // the bound starts now for every call
    this.watch();
    this.timer!.ref(); // with stdin closed, nothing else may keep the process alive until the calls are answered
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private sweep(): void {
    if (this.calls.size === 0) return this.stop();
    const now = performance.now();
    const expired: C[] = [];
    for (const call of this.calls.values()) {
      const live = call.exchange;
      if ((call.held || live?.streaming) && !this.streamsToo) continue;
      if (call.watched !== live || call.watchedSince === undefined) {
        call.watched = live;
        call.watchedSince = now;
      } else if (now - call.watchedSince >= this.timeoutMs) {
        expired.push(call);
      }
    }
    for (const call of expired) this.expire(call);
  }
}
