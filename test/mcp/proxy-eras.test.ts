import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeMolyPat, runCli } from '../helpers/cli';
import { startModernUpstream } from './fixtures/modern-upstream';
import { pythonWithMcp, startPythonUpstream, type PythonUpstream } from './fixtures/python-upstream';
import { startUpstream } from './fixtures/upstream';
import { addProfile, connectEditor, connectModernEditor, resultText, spawnRawProxy, useTestWorld } from './helpers';

const w = useTestWorld();
const token = fakeMolyPat();
const META = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {}, 'io.modelcontextprotocol/clientInfo': { name: 'raw-editor', version: '1' } };

let python: PythonUpstream | { skip: string };
beforeAll(async () => {
  const sdk = pythonWithMcp(); // the first run on a machine makes the venv: pip from PyPI, a minute or more
  python = 'skip' in sdk ? sdk : await startPythonUpstream(sdk.python, token);
}, 300_000);
afterAll(async () => {
  if ('close' in python) await python.close();
});

/** The Python SDK server behind profile "py"; false (with a loud message) when its venv could not be made. */
async function pythonProfile(): Promise<boolean> {
  if ('skip' in python) {
    console.warn(`\n\n*** SKIPPED: the Python SDK server tests need python3-venv and PyPI: ${python.skip} ***\n\n`);
    return false;
  }
  await addProfile(w.t, 'py', python.url, token);
  return true;
}

describe('MCP 2026-07-28 through the proxy: per-request _meta, no session', () => {
  it('a 2026-07-28 editor reaches the Python SDK server: server/discover, the version header from _meta, Mcp-Param-* for x-mcp-header', async (ctx) => {
    if (!(await pythonProfile())) return ctx.skip();
    const editor = await connectModernEditor(w.t, 'py', 'pin');
    w.later(editor.close);
    expect(editor.client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect(editor.client.getServerVersion()).toMatchObject({ name: 'python-upstream' });
    expect((await editor.client.listTools()).tools.map((t) => t.name)).toEqual(['echo', 'where']);
    expect(resultText(await editor.client.callTool({ name: 'echo', arguments: { text: 'modern' } }))).toBe('modern');
    // The server refuses (HeaderMismatch) a call whose Mcp-Param-Region does not mirror the argument.
    expect(resultText(await editor.client.callTool({ name: 'where', arguments: { region: 'eu-west', query: 'rain' } }))).toBe('rain in eu-west');
    expect(resultText(await editor.client.callTool({ name: 'where', arguments: { region: 'Zürich ', query: 'snow' } }))).toBe('snow in Zürich ');
    expect(editor.stderr()).not.toContain(token);
  });

  it('answers the issue\'s raw server/discover (no initialize before it) from the Python SDK server', async (ctx) => {
    if (!(await pythonProfile())) return ctx.skip();
    const proxy = spawnRawProxy(w.t, 'py');
    proxy.send({ jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: META } });
    expect(await proxy.next((m) => m.id === 1)).toMatchObject({ result: { supportedVersions: expect.arrayContaining(['2026-07-28']) } });
    expect(await proxy.end()).toBe(0);
  });

  it('a 2025-11-25 editor reaches the same Python SDK server with initialize and a session', async (ctx) => {
    if (!(await pythonProfile())) return ctx.skip();
    w.editor = await connectEditor(w.t, 'py');
    expect(w.editor.client.getServerVersion()).toMatchObject({ name: 'python-upstream' });
    expect(resultText(await w.editor.client.callTool({ name: 'echo', arguments: { text: 'legacy' } }))).toBe('legacy');
  });

  it('a 2026-07-28 editor reaches a 2026-07-28-only SDK v2 server; Mcp-Name carries a non-ASCII name base64-encoded', async () => {
    const upstream = await startModernUpstream(token);
    w.later(upstream.close);
    await addProfile(w.t, 'modern', upstream.url, token);
    const editor = await connectModernEditor(w.t, 'modern', 'pin');
    w.later(editor.close);
    expect(resultText(await editor.client.callTool({ name: 'echo', arguments: { text: 'hi' } }))).toBe('hi');
    expect(resultText(await editor.client.callTool({ name: 'where', arguments: { region: 'us-east', query: 'sun' } }))).toBe('sun in us-east');
    expect(await editor.client.getPrompt({ name: 'grüße', arguments: { name: 'Ada' } })).toMatchObject({ messages: [{ content: { text: 'Grüß Gott, Ada' } }] });
    const posts = upstream.log.requests.filter((r) => r.method === 'POST');
    expect(posts.every((r) => r.protocolVersion === '2026-07-28' && r.mcpMethod)).toBe(true);
    expect(posts.find((r) => r.mcpMethod === 'prompts/get')?.mcpName).toBe(`=?base64?${Buffer.from('grüße').toString('base64')}?=`);
    expect(upstream.log.requests.some((r) => r.method !== 'POST')).toBe(false); // no GET stream, no DELETE
  });

  it('cancels a 2026-07-28 call by closing its stream, without posting notifications/cancelled', async () => {
    const upstream = await startModernUpstream(token);
    w.later(upstream.close);
    await addProfile(w.t, 'modern', upstream.url, token);
    const proxy = spawnRawProxy(w.t, 'modern');
    proxy.send({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'slow', arguments: { ms: 30_000 }, _meta: META } });
    await eventuallyTrue(() => upstream.log.requests.some((r) => r.mcpName === 'slow'));
    proxy.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 7 } });
    await eventuallyTrue(() => upstream.log.aborted.includes('slow'));
    expect(upstream.log.requests.filter((r) => r.mcpMethod === 'notifications/cancelled')).toEqual([]);
    expect(await proxy.end()).toBe(0);
    expect(proxy.stdoutLines).toEqual([]);
  });
});

describe('across eras: each side told which revision the other speaks', () => {
  it('a 2026-07-28-only editor and a 2025-11-25 server: -32022 naming both, the probe session deleted; an editor that may fall back does', async () => {
    const upstream = await startUpstream({ token });
    w.later(upstream.close);
    await addProfile(w.t, 'legacy', upstream.url, token);
    const pinned = await connectModernEditor(w.t, 'legacy', 'pin').catch((e: unknown) => e as Error);
    expect(pinned).toBeInstanceOf(Error);
    expect((pinned as Error).message).toMatch(/speaks MCP 2025-11-25, not 2026-07-28: it refused server\/discover .*let it fall back to initialize \(2025-11-25\)/);
    expect(upstream.log.deletes).toHaveLength(upstream.log.initializeParams.length); // the probe left no session behind

    const proxy = spawnRawProxy(w.t, 'legacy');
    proxy.send({ jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: META } });
    expect(await proxy.next((m) => m.id === 1)).toMatchObject({ error: { code: -32022, data: { supported: ['2025-11-25'], requested: '2026-07-28' } } });
    expect(await proxy.end()).toBe(0);

    const auto = await connectModernEditor(w.t, 'legacy', 'auto');
    w.later(auto.close);
    expect(auto.client.getNegotiatedProtocolVersion()).toBe('2025-11-25');
    expect(resultText(await auto.client.callTool({ name: 'echo', arguments: { text: 'fell back' } }))).toBe('fell back');
  });

  it('a 2025-11-25 editor reaches a 2026-07-28-only server through the bridge: discover as initialize, _meta added, MRTR as elicitation', async () => {
    const upstream = await startModernUpstream(token);
    w.later(upstream.close);
    await addProfile(w.t, 'modern', upstream.url, token);
    w.editor = await connectEditor(w.t, 'modern');
    const { client } = w.editor;
    expect(client.getServerVersion()).toEqual({ name: 'modern-upstream', version: '2.0.0' });
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(expect.arrayContaining(['echo', 'where', 'confirm']));
    expect(resultText(await client.callTool({ name: 'echo', arguments: { text: 'bridged' } }))).toBe('bridged');
    expect(resultText(await client.callTool({ name: 'where', arguments: { region: 'ap-south', query: 'fog' } }))).toBe('fog in ap-south');
    // The server's InputRequiredResult reaches the editor as elicitation/create; its answer goes back as inputResponses.
    expect(resultText(await client.callTool({ name: 'confirm', arguments: { what: 'ship it' } }))).toBe('42 to ship it? (state asked:ship it)');
    expect(await client.ping()).toEqual({});
    const posts = upstream.log.requests.filter((r) => r.method === 'POST');
    // The editor's initialize, refused with UnsupportedProtocolVersion, then only 2026-07-28 requests.
    expect(posts.slice(0, 2).map((r) => r.mcpMethod)).toEqual(['initialize', 'server/discover']);
    expect(posts.slice(1).every((r) => r.protocolVersion === '2026-07-28' && r.mcpMethod !== 'notifications/initialized')).toBe(true);
    expect(upstream.log.requests.some((r) => r.method !== 'POST')).toBe(false);
    expect(w.editor.stderr()).toMatch(/speaks only MCP 2026-07-28; bridging this editor's 2025-11-25 to it/);

    // The editor's notifications/cancelled becomes the 2026-07-28 cancellation: the stream closes.
    const abort = new AbortController();
    const slow = client.callTool({ name: 'slow', arguments: { ms: 30_000 } }, undefined, { signal: abort.signal });
    await eventuallyTrue(() => upstream.log.requests.some((r) => r.mcpName === 'slow'));
    abort.abort('stop');
    await expect(slow).rejects.toThrow();
    await eventuallyTrue(() => upstream.log.aborted.includes('slow'));
    expect(upstream.log.requests.filter((r) => r.mcpMethod?.startsWith('notifications/'))).toEqual([]);
  });
});

describe('the bridge and the end of stdin', () => {
  it('answers a bridged call still waiting for the editor\'s input with an error once stdin ends, and exits 0', async () => {
    const upstream = await startModernUpstream(token);
    w.later(upstream.close);
    await addProfile(w.t, 'modern', upstream.url, token);
    expect((await runCli(['profile', 'set', 'modern', '--timeout', '1'], { env: w.t.env })).code).toBe(0);
    const proxy = spawnRawProxy(w.t, 'modern');
    proxy.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: { elicitation: {} }, clientInfo: { name: 'raw', version: '1' } } });
    expect(await proxy.next((m) => m.id === 1)).toMatchObject({ result: { serverInfo: { name: 'modern-upstream' } } });
    proxy.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'confirm', arguments: { what: 'go' } } });
    expect(await proxy.next((m) => m.method === 'elicitation/create')).toMatchObject({ params: { message: 'go?' } });
    expect(await proxy.end()).toBe(0); // the editor leaves without answering the elicitation
    expect(JSON.parse(proxy.stdoutLines.at(-1)!), `${proxy.stdoutLines.join('\n')}\n${proxy.stderr()}`).toMatchObject({ id: 2, error: { code: -32002 } });
  });
});

async function eventuallyTrue(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(check()).toBe(true);
}
