import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './sandbox';

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox();
});
afterEach(async () => {
  await sb.close();
});

/** Connects the official SDK client to the sandbox /mcp with a bearer token. */
async function connect(token: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(sb.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  const client = new Client({ name: 'sandbox-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

const text = (result: unknown) => (result as { content: Array<{ text: string }> }).content[0]!.text;

describe('sandbox /mcp (official SDK server)', () => {
  it('serves whoami and echo to a valid PAT and records each token it saw', async () => {
    const { client, transport } = await connect(sb.humanPat);
    expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(['echo', 'whoami']);
    expect(text(await client.callTool({ name: 'whoami', arguments: {} }))).toBe('Alice Sandbox');
    expect(text(await client.callTool({ name: 'echo', arguments: { text: 'hello' } }))).toBe('hello');
    expect(sb.mcpSessions()).toHaveLength(1);
    expect(new Set(sb.state.mcpTokensSeen)).toEqual(new Set([sb.humanPat]));
    await transport.terminateSession();
    await client.close();
    expect(sb.mcpSessions()).toEqual([]);
  });

  it('answers 401 with WWW-Authenticate for a revoked PAT, an agent key or no token', async () => {
    sb.state.revokeToken(sb.otherPat);
    for (const headers of [{ authorization: `Bearer ${sb.otherPat}` }, { authorization: `Bearer ${sb.agents.available.api_key}` }, {}] as Array<Record<string, string>>) {
      const res = await fetch(sb.mcpUrl, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    expect(sb.state.mcpTokensSeen).toEqual([sb.otherPat, sb.agents.available.api_key]);
  });

  it('keeps a session across a PAT rotation of the same person (the proxy retries with the new token)', async () => {
    const fresh = sb.state.issuePat(sb.humanId, 'rotated').token;
    let token = sb.humanPat;
    const transport = new StreamableHTTPClientTransport(new URL(sb.mcpUrl), {
      fetch: (url, init) => fetch(url, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), authorization: `Bearer ${token}` } }),
    });
    const client = new Client({ name: 'sandbox-test', version: '1.0.0' });
    await client.connect(transport);
    sb.state.revokeToken(sb.humanPat);
    await expect(client.callTool({ name: 'whoami', arguments: {} })).rejects.toThrow();
    token = fresh;
    expect(text(await client.callTool({ name: 'whoami', arguments: {} }))).toBe('Alice Sandbox');
    expect(sb.state.mcpTokensSeen.at(-1)).toBe(fresh);
    await client.close();
  });
});

describe('sandbox failure injection', () => {
  it('failNext / hangNext / dropNext take the given number of matching requests, then stop', async () => {
    const me = () => fetch(`${sb.url}/api/actors/me`, { headers: { authorization: `Bearer ${sb.humanPat}` } });
    sb.inject.failNext({ method: 'GET', path: /\/me$/, status: 502, times: 2 });
    expect(sb.inject.pending()).toBe(2);
    expect((await me()).status).toBe(502);
    expect((await me()).status).toBe(502);
    expect((await me()).status).toBe(200);
    sb.inject.dropNext({ path: '/api/actors/me' });
    await expect(me()).rejects.toThrow();
    sb.inject.hangNext({ path: '/api/actors/me' });
    await expect(fetch(`${sb.url}/api/actors/me`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(sb.inject.pending()).toBe(0);
    expect(sb.state.countRequests('GET', '/api/actors/me')).toBe(5);
  });
});
