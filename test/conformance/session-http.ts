// The HTTP side both the reference server and the HTTP→stdio bridge present to the conformance
// suite: node:http on 127.0.0.1, `/mcp`, one SDK StreamableHTTPServerTransport per session (created
// by an initialize without a session id), resumable (an event store and a `retry` in priming
// events), and DNS-rebinding protection (a Host or Origin that is not localhost gets 403).
// Node runs this file directly (type stripping): packages only, erasable TypeScript only.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport, type EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** The `retry` (ms) of priming events: short, so that a client that honours it does not slow the suite. */
export const RETRY_MS = 500;

export interface SessionHostOptions {
  /** When set, every request must carry `Authorization: Bearer <bearer>` (else 401). */
  bearer?: string;
  /** Connects a new session's transport to whatever answers it (an McpServer, a child process). */
  connect(transport: StreamableHTTPServerTransport): Promise<void>;
}

/** A running session host. */
export interface SessionHost {
  url: string;
  close(): Promise<void>;
}

/** An in-memory event store: ids are "<stream>_<n>" with n increasing, replay is per stream. */
export function memoryEventStore(): EventStore {
  const events: Array<{ id: string; stream: string; n: number; message: JSONRPCMessage }> = [];
  let n = 0;
  return {
    async storeEvent(stream, message) {
      n += 1;
      const id = `${stream}_${n}`;
      events.push({ id, stream, n, message });
      return id;
    },
    async getStreamIdForEventId(id) {
      return events.find((e) => e.id === id)?.stream;
    },
    async replayEventsAfter(lastId, { send }) {
      const last = events.find((e) => e.id === lastId);
      if (!last) return '';
      for (const e of events) if (e.stream === last.stream && e.n > last.n && 'jsonrpc' in e.message) await send(e.id, e.message);
      return last.stream;
    },
  };
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a Host header value or an Origin's host names this machine (any port). */
export function isLocalHost(value: string): boolean {
  try {
    return LOCAL_HOSTS.has(new URL(value.includes('://') ? value : `http://${value}`).hostname);
  } catch {
    return false;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function jsonError(res: ServerResponse, status: number, code: number, message: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...extra }).end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } }));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/** Starts a session host on 127.0.0.1 (a random port); `url` ends in `/mcp`. */
export async function startSessionHost(options: SessionHostOptions): Promise<SessionHost> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const host = header(req, 'host') ?? '';
    const origin = header(req, 'origin');
    if (!isLocalHost(host) || (origin !== undefined && !isLocalHost(origin))) {
      jsonError(res, 403, -32000, `Forbidden: ${origin !== undefined && !isLocalHost(origin) ? `Origin ${origin}` : `Host ${host}`} is not this machine`);
      return;
    }
    if (options.bearer !== undefined && header(req, 'authorization') !== `Bearer ${options.bearer}`) {
      jsonError(res, 401, -32001, 'Unauthorized: a valid bearer token is required', { 'www-authenticate': 'Bearer error="invalid_token"' });
      return;
    }
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/mcp') {
      jsonError(res, 404, -32601, 'Not found: the MCP endpoint is /mcp');
      return;
    }
    let body: unknown;
    if (req.method === 'POST') {
      try {
        body = await readJson(req);
      } catch {
        jsonError(res, 400, -32700, 'Parse error: the body is not JSON');
        return;
      }
    }
    const sessionId = header(req, 'mcp-session-id');
    let transport = sessionId ? sessions.get(sessionId) : undefined;
    if (!transport) {
      if (sessionId) {
        jsonError(res, 404, -32001, 'Session not found');
        return;
      }
      if (req.method !== 'POST' || (body as { method?: unknown } | undefined)?.method !== 'initialize') {
        jsonError(res, 400, -32000, 'Bad Request: no valid session ID (start with initialize)');
        return;
      }
      const created: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        eventStore: memoryEventStore(),
        retryInterval: RETRY_MS,
        onsessioninitialized: (id) => void sessions.set(id, created),
      });
      created.onclose = () => {
        if (created.sessionId) sessions.delete(created.sessionId);
      };
      await options.connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res, body);
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) jsonError(res, 500, -32603, `Internal error: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    async close() {
      for (const t of [...sessions.values()]) await t.close().catch(() => undefined);
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
