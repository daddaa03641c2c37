import { LATEST_HANDSHAKE_VERSION } from './protocol-era';
import { exchange } from './upstream-http';
import type { UpstreamSession } from './upstream-session';

/**
 * Asks a server that refused a 2026-07-28 request which handshake revision it speaks: one
 * `initialize` on the side (the session it may open is DELETEd at once), so the editor hears exactly
 * what the server speaks. Resolves with the server's `protocolVersion`, or null when it answers none.
 */
export async function probeHandshake(session: UpstreamSession, clientInfo: unknown, capabilities: unknown): Promise<string | null> {
  let token: string;
  try {
    token = await session.tokens.get();
  } catch {
    return null;
  }
  const headers = session.headers(token, 'application/json, text/event-stream', { method: 'initialize' });
  delete headers['mcp-session-id'];
  delete headers['mcp-protocol-version'];
  headers['content-type'] = 'application/json';
  const params = { protocolVersion: LATEST_HANDSHAKE_VERSION, capabilities: capabilities ?? {}, clientInfo: clientInfo ?? { name: 'tokentray', version: '1' } };
  const body = JSON.stringify({ jsonrpc: '2.0', id: 'tokentray-probe', method: 'initialize', params });
  let version: string | null = null;
  let probeSession: string | null = null;
  const live = exchange(session.dispatcher, session.url, { method: 'POST', headers, body }, 1024 * 1024, {
    onHead: (_status, h) => {
      const id = h['mcp-session-id'];
      if (typeof id === 'string' && id) probeSession = id;
    },
    onMessage: (text) => {
      try {
        const answer = (JSON.parse(text) as { id?: unknown; result?: { protocolVersion?: unknown } });
        if (answer.id === 'tokentray-probe' && typeof answer.result?.protocolVersion === 'string') version = answer.result.protocolVersion;
      } catch {
        // not an answer: no version
      }
    },
  }, session.slots);
  const timer = setTimeout(() => live.abort(new Error('probe timed out')), 10_000);
  await live.done.catch(() => undefined);
  clearTimeout(timer);
  if (probeSession) await session.deleteSession(probeSession, token);
  return version;
}
