import { errorMessage } from '../errors';
import { routingName } from './jsonrpc';
import type { RequestGates } from './request-gates';
import type { UpstreamSession } from './upstream-session';

/** Where the forwarder finds the session (upstream-setup.ts). */
export interface SessionSource {
  readonly session: UpstreamSession | null;
  readonly ready: Promise<UpstreamSession | null>;
}

/**
 * The editor's notifications and responses on their way upstream: each waits for the initialize
 * answer (request-gates.ts), is posted, and its failure logged (no one is owed an answer); after
 * `notifications/initialized` the GET stream is opened. `flush` bounds the wait for them at exit.
 */
export class MessageForwarder {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly upstream: SessionSource,
    private readonly gates: RequestGates,
    private readonly route: (text: string) => string | null,
    private readonly log: (line: string) => void,
  ) {}

  /** Posts one message (`method` and `params` for a notification, none for a response). */
  forward(line: string, method: string | undefined, params: Record<string, unknown> | undefined): void {
    const sent = this.post(line, method, params).catch((error: unknown) => {
      this.log(`tokentray: internal error while forwarding a message: ${errorMessage(error)}`);
    });
    this.inFlight.add(sent);
    void sent.then(() => this.inFlight.delete(sent));
    if (method === 'notifications/initialized') this.gates.afterInitialized(sent);
  }

  /** Waits for what is still on its way, at most `ms`. */
  async flush(ms: number): Promise<void> {
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.inFlight), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  private async post(line: string, method: string | undefined, params: Record<string, unknown> | undefined): Promise<void> {
    const session = this.upstream.session ?? (await this.upstream.ready);
    if (!session) return;
    const held = this.gates.forMessage();
    if (held) await held;
    if (session.bridge) return; // 2026-07-28 defines no client notifications over HTTP
    const outcome = await session.post(line, { ...(method && { method, name: routingName(method, params) }) }, { onMessage: this.route });
    if ('failure' in outcome) this.log(`${outcome.failure.message} (while sending ${method ?? 'a response'})`);
    else if (method === 'notifications/initialized') await session.startListening();
  }
}
