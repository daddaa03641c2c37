import type { Dispatcher } from 'undici';
import { createParser, type EventSourceParser } from 'eventsource-parser';
import type { ExchangeSlots } from './exchange-slots';

/** One HTTP exchange with the MCP endpoint. */
export interface ExchangeRequest {
  method: 'POST' | 'GET' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
}

/** How an exchange ended: status, the headers we use, and what the body was. */
export interface ExchangeResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** `sse`: messages went to onMessage as they came; `json`: the one message went there at the end. */
  body: 'sse' | 'json' | 'other';
  /** Up to 64 KiB of a body that was not MCP (an error page, a JSON error), for the error message. */
  text?: string;
  lastEventId?: string;
  retryMs?: number;
}

/** Where an exchange delivers what arrives: the response head at once, then each message. */
export interface ExchangeSink {
  onHead?(status: number, headers: Record<string, string | string[] | undefined>): void;
  onMessage(text: string, eventId: string | undefined): void;
}

/** A live exchange: abort it (the promise then rejects with the given reason), or await its end. */
export interface Exchange {
  done: Promise<ExchangeResult>;
  abort(reason: Error): void;
  /** The answer is an SSE stream (its head arrived): it may last as long as the work does. */
  streaming: boolean;
}

/** Thrown when one upstream message passes the size limit; the exchange is aborted. */
export class MessageTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the upstream sent a message larger than ${limit} bytes`);
  }
}

const ERROR_TEXT_LIMIT = 64 * 1024;

/**
 * Sends one request over undici's low-level dispatch API: no streams, no AbortSignal listeners, so a
 * long session allocates nothing that outlives each call. SSE bodies go through eventsource-parser;
 * each JSON-RPC message is handed to the sink as text, with its SSE event id when it had one.
 */
export function exchange(
  dispatcher: Dispatcher,
  url: URL,
  request: ExchangeRequest,
  maxBytes: number,
  sink: ExchangeSink,
  slots?: ExchangeSlots,
): Exchange {
  const onMessage = sink.onMessage;
  let controller: Dispatcher.DispatchController | null = null;
  let pendingAbort: Error | null = null;
  let settle!: { resolve: (r: ExchangeResult) => void; reject: (e: Error) => void };
  const done = new Promise<ExchangeResult>((resolve, reject) => (settle = { resolve, reject }));
  const result: ExchangeResult = { status: 0, headers: {}, body: 'other' };
  let parser: EventSourceParser | null = null;
  let decoder: TextDecoder | null = null;
  let chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  let holding = false;
  const live: Exchange = { done, abort: (error) => fail(error), streaming: false };
  const free = () => {
    if (!holding) return;
    holding = false;
    slots!.give();
  };

  const fail = (error: Error) => {
    if (failed) return;
    failed = true;
    if (controller) controller.abort(error);
    else pendingAbort = error;
    free();
    settle.reject(error);
  };

  const handler: Dispatcher.DispatchHandler = {
    onRequestStart(c) {
      controller = c;
      if (pendingAbort) c.abort(pendingAbort);
    },
    onResponseStart(_c, status, headers) {
      result.status = status;
      result.headers = headers;
      sink.onHead?.(status, headers);
      const type = String(headers['content-type'] ?? '').toLowerCase();
      if (status >= 200 && status < 300 && type.startsWith('text/event-stream')) {
        result.body = 'sse';
        live.streaming = true;
        free(); // a stream may last as long as a tool runs: it does not hold a slot
        decoder = new TextDecoder();
        parser = createParser({
          maxBufferSize: maxBytes,
          onEvent(event) {
            if (event.id !== undefined) result.lastEventId = event.id;
            // Priming events (2025-11-25) carry an id and empty data: a resumption point, not a message.
            if (event.data.length > 0 && (event.event === undefined || event.event === 'message')) onMessage(event.data, event.id);
          },
          onRetry(ms) {
            result.retryMs = ms;
          },
          onError(error) {
            if (error.type === 'max-buffer-size-exceeded') fail(new MessageTooLargeError(maxBytes));
          },
        });
      } else if (status >= 200 && status < 300 && type.startsWith('application/json')) {
        result.body = 'json';
      }
    },
    onResponseData(_c, chunk) {
      if (failed) return;
      if (parser) {
        parser.feed(decoder!.decode(chunk, { stream: true }));
        return;
      }
      const limit = result.body === 'json' ? maxBytes : ERROR_TEXT_LIMIT;
      if (size + chunk.length > limit) {
        if (result.body === 'json') fail(new MessageTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    },
    onResponseEnd() {
      if (failed) return;
      if (parser) {
        parser.feed(decoder!.decode());
      } else if (size > 0) {
        const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8');
        if (result.body === 'json') onMessage(text, undefined);
        else result.text = text;
      }
      chunks = [];
      free();
      settle.resolve(result);
    },
    onResponseError(_c, error) {
      if (failed) return;
      failed = true;
      free();
      settle.reject(error);
    },
  };

  const start = () => {
    holding = slots !== undefined;
    if (failed) return free(); // aborted while it waited for a slot
    try {
      dispatcher.dispatch({ origin: url.origin, path: url.pathname + url.search, method: request.method, headers: request.headers, body: request.body }, handler);
    } catch (error) {
      failed = true;
      free();
      settle.reject(error as Error);
    }
  };
  if (slots) slots.take(start);
  else start();
  return live;
}
