// A test bridge that lets the conformance suite's server scenarios (which speak HTTP) reach a stdio
// MCP server: the SDK's StreamableHTTPServerTransport on 127.0.0.1 (session-http.ts: sessions,
// resumability, DNS-rebinding protection) whose raw JSON-RPC messages go to a child process over
// stdio, one child per session, and back. Messages are forwarded as they are, never rewritten.
// Stdio carries no stream identity, so the bridge puts what the child sends back on the right
// stream itself: a response on its request's stream; a progress notification on the stream of the
// request that gave that progressToken; any other request or notification on the stream of the
// latest request still open (a tool's log lines, sampling, elicitation); with none open, on the GET
// stream.
//   node test/conformance/http-stdio-bridge.ts -- <command> [args…]   (prints its URL on stdout)
// Node runs this file directly (type stripping): packages only, erasable TypeScript only.
import { spawn } from 'node:child_process';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { startSessionHost } from './session-http.ts';

type Message = { id?: RequestId; method?: string; params?: { progressToken?: unknown; requestId?: RequestId; _meta?: { progressToken?: unknown } } };

/** Where a message from the child goes: the id of the open request it belongs to, or undefined (GET stream). */
export function relatedRequest(message: Message, open: Map<RequestId, Message>): RequestId | undefined {
  if (message.method === undefined) return undefined; // a response: the transport routes it by its own id
  const token = message.method === 'notifications/progress' ? message.params?.progressToken : undefined;
  if (token !== undefined) {
    for (const [id, request] of open) if (request.params?._meta?.progressToken === token) return id;
  }
  return [...open.keys()].at(-1);
}

/** Connects one session's transport to a freshly spawned child speaking newline-delimited JSON-RPC. */
function connectChild(command: string, args: string[], transport: StreamableHTTPServerTransport): void {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const open = new Map<RequestId, Message>();
  let buffered = '';
  let closing = false;

  transport.onmessage = (message: JSONRPCMessage) => {
    const m = message as Message;
    if (m.method !== undefined && m.id !== undefined) open.set(m.id, m);
    if (m.method === 'notifications/cancelled' && m.params?.requestId !== undefined) open.delete(m.params.requestId);
    child.stdin.write(`${JSON.stringify(message)}\n`);
  };
  const forget = transport.onclose; // the session host's bookkeeping
  transport.onclose = () => {
    forget?.();
    if (closing) return;
    closing = true;
    child.stdin.end();
  };
  child.stdin.on('error', () => undefined); // the child went away first: its exit closes the session

  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      let message: Message;
      try {
        message = JSON.parse(line) as Message;
      } catch {
        process.stderr.write(`bridge: the child wrote a line that is not JSON: ${line.slice(0, 200)}\n`);
        continue;
      }
      const relatedRequestId = relatedRequest(message, open);
      if (message.method === undefined && message.id !== undefined) open.delete(message.id);
      transport.send(message as JSONRPCMessage, relatedRequestId === undefined ? undefined : { relatedRequestId }).catch((error: unknown) => {
        process.stderr.write(`bridge: could not deliver ${message.method ?? `the answer to ${String(message.id)}`}: ${String(error)}\n`);
      });
    }
  });
  child.on('exit', (code, signal) => {
    if (closing) return;
    process.stderr.write(`bridge: the child exited (${signal ?? code}) while its session was open\n`);
    void transport.close();
  });
}

/** Starts the bridge in front of `command args…`; resolves with its URL and a close(). */
export async function startBridge(command: string, args: string[]): Promise<{ url: string; close(): Promise<void> }> {
  return startSessionHost({
    connect: async (transport) => {
      connectChild(command, args, transport);
      await transport.start();
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dash = process.argv.indexOf('--');
  const [command, ...args] = dash >= 0 ? process.argv.slice(dash + 1) : [];
  if (!command) {
    process.stderr.write('usage: http-stdio-bridge.ts -- <command> [args…]\n');
    process.exit(2);
  }
  const bridge = await startBridge(command, args);
  process.stdout.write(`${bridge.url}\n`);
}
