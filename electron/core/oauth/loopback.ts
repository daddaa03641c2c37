import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { TokentrayError } from '../errors';

/** The authorization response as it reached the loopback redirect, and the way to answer the browser. */
export interface Callback {
  params: URLSearchParams;
  /** Answers the browser's request with a short page (call once; the flow is over for the user then). */
  respond(ok: boolean, message: string): void;
}

/** A one-shot HTTP listener on 127.0.0.1 for the redirect of one sign-in (RFC 8252 §7.3). */
export interface LoopbackReceiver {
  redirectUri: string;
  /** The first callback carrying `state`; other requests are answered 400 and ignored. */
  next(state: string, deadline: number, signal?: AbortSignal): Promise<Callback>;
  close(): void;
}

const PATH = '/callback';

function page(ok: boolean, message: string): string {
  const escaped = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><meta charset="utf-8"><title>tokentray</title><body style="font:16px system-ui;margin:3em"><h1>${ok ? 'Signed in' : 'Sign-in failed'}</h1><p>${escaped}</p><p>You can close this tab.</p></body>`;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as { port: number }).port);
    });
  });
}

/** Listens on 127.0.0.1, on `preferredPort` when it is free (a registered redirect URI), else on a random port. */
export async function startLoopback(preferredPort?: number): Promise<LoopbackReceiver> {
  let waiting: { state: string; resolve: (c: Callback) => void } | null = null;
  const early: Array<{ params: URLSearchParams; res: ServerResponse }> = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const params = url.searchParams;
    if (!waiting) {
      early.push({ params, res });
      return;
    }
    deliver(params, res);
  };
  const deliver = (params: URLSearchParams, res: ServerResponse) => {
    if (!waiting || params.get('state') !== waiting.state) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(page(false, 'This response does not belong to the sign-in tokentray is waiting for; it was ignored.'));
      return;
    }
    const { resolve } = waiting;
    waiting = null;
    let answered = false;
    resolve({
      params,
      respond(ok, message) {
        if (answered) return;
        answered = true;
        res.writeHead(ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page(ok, message));
      },
    });
  };
  const server = createServer(handle);
  server.keepAliveTimeout = 1000;
  let port: number;
  try {
    port = await listen(server, preferredPort ?? 0);
  } catch {
    port = await listen(server, 0);
  }
  return {
    redirectUri: `http://127.0.0.1:${port}${PATH}`,
    next(state, deadline, signal) {
      return new Promise<Callback>((resolve, reject) => {
        const timer = setTimeout(() => finish(new TokentrayError('timeout', 'the sign-in was not completed in the browser in time; run the sign-in again')), Math.max(0, deadline - Date.now()));
        const onAbort = () => finish(signal?.reason instanceof Error ? signal.reason : new TokentrayError('timeout', 'the sign-in was cancelled'));
        const finish = (error: Error | null, callback?: Callback) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          waiting = null;
          if (error) reject(error);
          else resolve(callback!);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting = { state, resolve: (callback) => finish(null, callback) };
        for (const pending of early.splice(0)) deliver(pending.params, pending.res);
      });
    },
    close() {
      // Stop listening now; a page still being sent gets a moment to reach the browser.
      server.close();
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 1000).unref();
    },
  };
}
