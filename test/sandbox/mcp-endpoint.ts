import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { z } from 'zod';
import { bearerToken, errorReply, header, send, unauthorized } from './http-kit';
import type { SandboxState } from './state';

/**
 * /mcp: the official SDK's McpServer over StreamableHTTPServerTransport, stateful sessions, behind
 * a bearer check that accepts only valid, unrevoked PATs. Tools: `whoami` (the caller's display
 * name, looked up per call so a rotated token shows up) and `echo`.
 */

interface Session {
  transport: StreamableHTTPServerTransport;
  actorId: string;
}

/** The /mcp handler plus a way to close every open session. */
export interface McpEndpoint {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Open session ids (tests check that a client DELETEd its session). */
  sessionIds(): string[];
  close(): Promise<void>;
}

function buildServer(state: SandboxState): McpServer {
  const server = new McpServer({ name: 'mootup-sandbox', version: '1.0.0' });
  server.registerTool('whoami', { description: 'The display name of the person whose token made this call' }, (extra) => {
    const caller = state.authenticate(extra.authInfo?.token ?? null);
    return { content: [{ type: 'text', text: caller ? caller.actor.display_name : 'unknown' }] };
  });
  server.registerTool('echo', { description: 'Returns its text argument unchanged', inputSchema: { text: z.string() } }, ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  return server;
}

/** Creates the /mcp endpoint over `state`. */
export function createMcpEndpoint(state: SandboxState, options: { jsonResponse?: boolean } = {}): McpEndpoint {
  const sessions = new Map<string, Session>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = bearerToken(req);
    if (token) state.mcpTokensSeen.push(token);
    const caller = state.authenticate(token);
    if (!caller || caller.via !== 'pat') return send(res, unauthorized('A valid, unrevoked personal access token is required'));
    (req as IncomingMessage & { auth?: AuthInfo }).auth = { token: token!, clientId: caller.actor.actor_id, scopes: [] };

    const sessionId = header(req, 'mcp-session-id');
    if (sessionId) {
      const session = sessions.get(sessionId);
      if (!session) return send(res, errorReply(404, 'session_not_found', 'Unknown or closed MCP session; initialize again'));
      // A session belongs to a person, not to one token: after a PAT rotation the same session goes on.
      if (session.actorId !== caller.actor.actor_id) return send(res, errorReply(403, 'forbidden', 'This MCP session belongs to someone else'));
      return session.transport.handleRequest(req, res);
    }
    if (req.method !== 'POST') return send(res, errorReply(400, 'bad_request', 'Mcp-Session-Id header required'));

    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: options.jsonResponse ?? false,
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, actorId: caller.actor.actor_id });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await buildServer(state).connect(transport);
    await transport.handleRequest(req, res);
    if (!transport.sessionId) await transport.close();
  }

  return {
    handle,
    sessionIds: () => [...sessions.keys()],
    close: async () => {
      await Promise.all([...sessions.values()].map((s) => s.transport.close()));
      sessions.clear();
    },
  };
}
