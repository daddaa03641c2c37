import { RPC_ERRORS } from './jsonrpc';
import { statusFailure, type CallFailure } from './upstream-errors';
import type { Exchange } from './upstream-http';
import type { PostInfo, UpstreamSession } from './upstream-session';

/** Streams in a row that bring no new event before a resumed call is given up. */
const MAX_IDLE_RESUMES = 5;

/** What one call's exchange needs from the proxy. */
export interface CallHooks {
  /** The call still waits for its answer (not answered, cancelled or expired). */
  pending(): boolean;
  /** Hands a server message to the proxy's router; returns why it was dropped, or null. */
  deliver(text: string): string | null;
  /** The exchange the call waits on now (for cancellation and the answer deadline). */
  onExchange(exchange: Exchange): void;
  /** Answers the call with an error (a promise when the answer needs more work, e.g. a probe or a bridge). */
  fail(failure: CallFailure): void | Promise<void>;
}

/**
 * Sends one editor request upstream and follows it until it is answered or fails. The server may
 * close an SSE answer before the answer (2025-11-25: a priming event carries an id and a `retry`) and
 * expect a GET with Last-Event-ID after `retry` ms, as often as it likes while each stream brings a
 * new event; MAX_IDLE_RESUMES streams in a row that bring nothing end the call.
 */
export async function runCall(session: UpstreamSession, line: string, info: PostInfo, hooks: CallHooks): Promise<void> {
  let malformed: string | null = null;
  let resuming: Exchange | null = null;
  const sink = {
    onMessage: (text: string) => {
      malformed = hooks.deliver(text) ?? malformed;
      // A resumed stream may stay open after the answer (it is a GET): its job is done.
      if (resuming && !hooks.pending()) resuming.abort(new Error('answered'));
    },
  };
  const outcome = await session.post(line, { ...info, onExchange: hooks.onExchange }, sink);
  if (!hooks.pending()) return;
  if ('failure' in outcome) return hooks.fail(outcome.failure);
  let result = outcome.ok;
  let lastEventId = result.lastEventId;
  let retryMs = result.retryMs;
  for (let idle = 0; result.body === 'sse' && lastEventId !== undefined && idle < MAX_IDLE_RESUMES; ) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(retryMs ?? 1000, 30_000)));
    if (!hooks.pending()) return;
    const from = lastEventId;
    const resumed = await session.resume(from, sink, (e) => {
      resuming = e;
      hooks.onExchange(e);
    });
    resuming = null;
    if (!hooks.pending()) return;
    if ('failure' in resumed) return hooks.fail(resumed.failure);
    result = resumed.ok;
    lastEventId = result.lastEventId ?? lastEventId;
    retryMs = result.retryMs ?? retryMs;
    idle = lastEventId === from ? idle + 1 : 0;
  }
  if (result.body === 'other' && result.status !== 202) return hooks.fail(statusFailure(result, session.host));
  const why = malformed ? `sent a malformed answer to ${info.method} (${malformed})` : `ended the exchange (HTTP ${result.status}) without answering ${info.method}`;
  hooks.fail({ code: RPC_ERRORS.malformed, cause: malformed ? 'malformed' : 'no_answer', message: `tokentray: ${session.host} ${why}; try again` });
}
