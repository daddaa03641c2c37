import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listEditorSessions } from '../../electron/core/mcp/session-registry';
import { fakeMolyPat, makeTestEnv, type TestEnv } from '../helpers/cli';
import { startDelayForwarder } from './fixtures/delay-forwarder';
import { startUpstream, type Upstream } from './fixtures/upstream';
import { addProfile, auditCalls, connectEditor, eventually, initializeRequest, resultText, spawnRawProxy, type Editor } from './helpers';

let t: TestEnv;
let upstream: Upstream;
let editor: Editor | undefined;
const token = fakeMolyPat();

async function start(options: { retryMs?: number } = {}): Promise<Editor> {
  upstream = await startUpstream({ token, ...options });
  await addProfile(t, 'moly', upstream.url, token);
  editor = await connectEditor(t, 'moly');
  return editor;
}

beforeEach(() => {
  t = makeTestEnv();
});
afterEach(async () => {
  await editor?.close();
  editor = undefined;
  await upstream?.close();
});

describe('tokentray mcp between the SDK client and an SDK server that demands the token', () => {
  it('passes tools, resources and prompts through, with the token injected', async () => {
    const { client } = await start();
    expect((await client.listTools()).tools.map((x) => x.name)).toEqual(expect.arrayContaining(['echo', 'big', 'ask', 'progress']));
    expect(resultText(await client.callTool({ name: 'echo', arguments: { text: 'hi there' } }))).toBe('hi there');
    const resources = await client.listResources();
    expect(resources.resources.map((r) => r.uri)).toEqual(['test://hello']);
    expect(await client.readResource({ uri: 'test://hello' })).toMatchObject({ contents: [{ uri: 'test://hello', text: 'hello resource' }] });
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['greet']);
    expect(await client.getPrompt({ name: 'greet', arguments: { name: 'Ada' } })).toMatchObject({ messages: [{ role: 'user', content: { type: 'text', text: 'Hello Ada' } }] });
    expect(new Set(upstream.log.tokens)).toEqual(new Set([token]));
    expect(client.getServerVersion()).toEqual({ name: 'fixture-upstream', version: '1.0.0' });
  });

  it("keeps the editor's clientInfo, sends the session and protocol headers, and DELETEs the session on exit", async () => {
    await start();
    await editor!.client.callTool({ name: 'echo', arguments: { text: 'x' } });
    expect(upstream.log.initializeParams).toEqual([expect.objectContaining({ clientInfo: { name: 'test-editor', version: '7.7.7' }, capabilities: { elicitation: {} } })]);
    const call = upstream.log.requests.find((r) => r.mcpMethod === 'tools/call')!;
    expect(call).toMatchObject({ method: 'POST', mcpName: 'echo', protocolVersion: '2025-11-25' });
    expect(call.session).toMatch(/[0-9a-f-]{36}/);
    await editor!.close();
    editor = undefined;
    expect(upstream.log.deletes).toEqual([call.session]);
  });

  it('relays a server→client elicitation round trip inside a tool call', async () => {
    const { client } = await start();
    const result = await client.callTool({ name: 'ask', arguments: { question: 'meaning of life?' } });
    expect(resultText(result)).toBe('accept:42 to meaning of life?');
  });

  it('with 50 ms between proxy and server, holds the first call until the GET stream is open, so an elicitation sent there arrives', async () => {
    upstream = await startUpstream({ token });
    const forwarder = await startDelayForwarder(Number(new URL(upstream.url).port), 50);
    try {
      await addProfile(t, 'moly', forwarder.via(upstream.url), token);
      editor = await connectEditor(t, 'moly');
      // Sent right after notifications/initialized: without the hold it reaches the server before the GET.
      const result = await editor.client.callTool({ name: 'ask_standalone', arguments: { question: 'over the GET stream?' } }, undefined, { timeout: 8000 });
      expect(resultText(result)).toBe('accept:42 to over the GET stream?');
      const order = upstream.log.requests.map((r) => r.mcpMethod ?? r.method);
      expect(order.indexOf('GET')).toBeLessThan(order.indexOf('tools/call'));
    } finally {
      await editor?.close();
      editor = undefined;
      await forwarder.close();
    }
  });

  it('relays progress notifications for the right call', async () => {
    const { client } = await start();
    const seen: number[] = [];
    const result = await client.callTool({ name: 'progress', arguments: { steps: 5 } }, undefined, { onprogress: (p) => seen.push(p.progress) });
    expect(resultText(result)).toBe('5 steps');
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('opens the GET stream: a notification the server sends outside any call reaches the editor', async () => {
    const { client } = await start();
    const logged: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logged.push(n.params.data));
    // The server drops what it sends before the GET stream exists, so wait for the proxy to open it.
    await eventually(() => expect(upstream.log.requests.some((r) => r.method === 'GET' && r.session)).toBe(true));
    expect(resultText(await client.callTool({ name: 'notify_later', arguments: {} }))).toBe('scheduled');
    await eventually(() => expect(logged).toContain('on the GET stream'));
  });

  it('reconnects the GET stream the server ended, with Last-Event-ID, and keeps delivering', async () => {
    const { client } = await start({ retryMs: 50 });
    const logged: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logged.push(n.params.data));
    await eventually(() => expect(upstream.log.requests.some((r) => r.method === 'GET' && r.session)).toBe(true));
    await client.callTool({ name: 'notify_later', arguments: {} });
    await eventually(() => expect(logged).toHaveLength(1));
    upstream.closeGetStreams();
    await eventually(() => expect(upstream.log.requests.filter((r) => r.method === 'GET' && r.lastEventId)).toHaveLength(1));
    await client.callTool({ name: 'notify_later', arguments: {} });
    await eventually(() => expect(logged).toEqual(['on the GET stream', 'on the GET stream']));
  });

  it('forwards a cancellation: the server sees it, the proxy stops waiting and keeps serving', async () => {
    const { client } = await start();
    const abort = new AbortController();
    const slow = client.callTool({ name: 'slow', arguments: { ms: 20_000 } }, undefined, { signal: abort.signal });
    await eventually(() => expect(upstream.log.requests.some((r) => r.mcpName === 'slow')).toBe(true));
    abort.abort('user pressed stop');
    await expect(slow).rejects.toThrow();
    await eventually(() => expect(upstream.log.cancelled).toHaveLength(1));
    expect(resultText(await client.callTool({ name: 'echo', arguments: { text: 'still here' } }))).toBe('still here');
    await eventually(() => expect(auditCalls(t).find((c) => c.tool === 'slow')).toMatchObject({ status: 'cancelled' }));
  });

  it('carries a result larger than 1 MiB intact', async () => {
    const { client } = await start();
    const bytes = 1024 * 1024 + 12345;
    const text = resultText(await client.callTool({ name: 'big', arguments: { bytes } }));
    expect(text.length).toBe(bytes);
    expect(text).toBe('x'.repeat(bytes));
  });

  it('resumes an SSE stream the server closed early, with Last-Event-ID after its retry interval', async () => {
    const { client } = await start({ retryMs: 50 });
    const logged: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logged.push(n.params.data));
    const result = await client.callTool({ name: 'pause_stream', arguments: { ms: 300 } });
    expect(resultText(result)).toBe('after the pause');
    expect(logged).toContain('before the pause');
    const resume = upstream.log.requests.find((r) => r.method === 'GET' && r.lastEventId);
    expect(resume?.lastEventId).toMatch(/:\d+$/);
  });

  it('on SIGTERM (an editor quitting), DELETEs the session, removes its record and exits 0', async () => {
    upstream = await startUpstream({ token });
    await addProfile(t, 'moly', upstream.url, token);
    const proxy = spawnRawProxy(t, 'moly');
    proxy.send(initializeRequest());
    await proxy.next((m) => m.id === 1);
    proxy.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await eventually(() => expect(listEditorSessions(t.tokentrayHome).map((x) => x.pid)).toEqual([proxy.pid]));
    const session = upstream.log.requests.find((r) => r.session)?.session;
    expect(await proxy.signal('SIGTERM')).toBe(0);
    expect(upstream.log.deletes).toEqual([session]);
    expect(listEditorSessions(t.tokentrayHome)).toEqual([]);
  });

  it('writes one audit line per call, without arguments or results', async () => {
    const { client } = await start();
    await client.callTool({ name: 'echo', arguments: { text: 'argument-that-must-not-be-logged' } });
    await client.listTools();
    await eventually(() => expect(auditCalls(t).map((c) => c.method)).toEqual(expect.arrayContaining(['initialize', 'tools/call', 'tools/list'])));
    const call = auditCalls(t).find((c) => c.method === 'tools/call')!;
    expect(call).toMatchObject({ profile: 'moly', tool: 'echo', status: 'ok' });
    expect(typeof call.duration_ms).toBe('number');
    expect(call.bytes).toBeGreaterThan(0);
    expect(JSON.stringify(auditCalls(t))).not.toContain('argument-that-must-not-be-logged');
  });

  it('registers the session where the tray finds it, and removes it on exit', async () => {
    const { client, pid } = await start();
    await client.callTool({ name: 'echo', arguments: { text: 'x' } });
    await eventually(() => expect(listEditorSessions(t.tokentrayHome)).toEqual([expect.objectContaining({ pid, profile: 'moly', parent_pid: process.pid, parent_name: expect.any(String) })]));
    await eventually(() => expect(listEditorSessions(t.tokentrayHome)[0]!.calls).toBeGreaterThanOrEqual(2));
    await editor!.close();
    editor = undefined;
    expect(listEditorSessions(t.tokentrayHome)).toEqual([]);
  });

  it('serves 2500 calls, 32 at a time, in one session without a warning (other proxies warn after ~1500)', async () => {
    const { client } = await start();
    let next = 0;
    const worker = async () => {
      while (next < 2500) {
        const n = next++;
        expect(resultText(await client.callTool({ name: 'echo', arguments: { text: `call ${n}` } }))).toBe(`call ${n}`);
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    expect(editor!.stderr()).not.toMatch(/Warning|Error/);
  }, 60_000);
});
