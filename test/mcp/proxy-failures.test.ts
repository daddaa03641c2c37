import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeMolyPat, makeTestEnv, type TestEnv } from '../helpers/cli';
import { startRawUpstream, type RawUpstream } from './fixtures/raw-upstream';
import { startUpstream, type Upstream } from './fixtures/upstream';
import { addProfile, connectEditor, eventually, initializeRequest, resultText, spawnRawProxy, type Editor } from './helpers';

let t: TestEnv;
let editor: Editor | undefined;
let token: string;
const closers: Array<() => Promise<void>> = [];

beforeEach(() => {
  t = makeTestEnv();
  token = fakeMolyPat();
});
afterEach(async () => {
  await editor?.close();
  editor = undefined;
  for (const close of closers.splice(0)) await close();
});

async function sdkUpstream(options: { stateless?: boolean } = {}): Promise<Upstream> {
  const upstream = await startUpstream({ token, ...options });
  closers.push(() => upstream.close());
  await addProfile(t, 'moly', upstream.url, token);
  return upstream;
}

async function rawUpstream(): Promise<RawUpstream> {
  const upstream = await startRawUpstream(token);
  closers.push(() => upstream.close());
  await addProfile(t, 'raw', upstream.url, token);
  return upstream;
}

const call = (id: number, name: string, args: object = {}) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
const byId = (id: unknown) => (m: Record<string, unknown>) => m.id === id;
describe('every request gets an answer, whatever the upstream does', () => {
  it('answers with an error, not a hang, when the upstream dies mid-call, and keeps answering after', async () => {
    const upstream = await sdkUpstream();
    editor = await connectEditor(t, 'moly');
    const slow = editor.client.callTool({ name: 'slow', arguments: { ms: 60_000 } }).catch((e: unknown) => e as { code: number; message: string });
    await eventually(() => expect(upstream.log.requests.some((r) => r.mcpName === 'slow')).toBe(true));
    await upstream.kill();
    const error = await slow;
    expect(error).toMatchObject({ code: -32002 });
    expect(error.message).toMatch(/cannot reach the MCP server at 127\.0\.0\.1:\d+: .*(closed the connection|reset)/);
    const refused = await editor.client.callTool({ name: 'echo', arguments: { text: 'x' } }).catch((e: unknown) => e as Error);
    expect(refused.message).toMatch(/connection was refused/);
  });

  it('re-initializes transparently when the server forgets the session, replaying the editor\'s own initialize', async () => {
    const upstream = await sdkUpstream();
    editor = await connectEditor(t, 'moly');
    await editor.client.callTool({ name: 'echo', arguments: { text: 'one' } });
    const firstSession = upstream.log.requests.find((r) => r.session)!.session;
    upstream.forgetSessions();
    expect(resultText(await editor.client.callTool({ name: 'echo', arguments: { text: 'two' } }))).toBe('two');
    expect(upstream.log.initializeParams).toHaveLength(2);
    expect(upstream.log.initializeParams[1]).toEqual(upstream.log.initializeParams[0]);
    const last = upstream.log.requests.at(-1)!;
    expect(last.session).toBeDefined();
    expect(last.session).not.toBe(firstSession);
    expect(resultText(await editor.client.callTool({ name: 'echo', arguments: { text: 'three' } }))).toBe('three');
  });

  it('works with a stateless 2026-07-28 server: no session, 405 on GET, Mcp-Method/Mcp-Name on every POST', async () => {
    const upstream = await sdkUpstream({ stateless: true });
    editor = await connectEditor(t, 'moly');
    expect(resultText(await editor.client.callTool({ name: 'echo', arguments: { text: 'stateless' } }))).toBe('stateless');
    expect(await editor.client.readResource({ uri: 'test://hello' })).toMatchObject({ contents: [{ text: 'hello resource' }] });
    expect(await editor.client.getPrompt({ name: 'greet', arguments: { name: 'Bo' } })).toMatchObject({ messages: [{ content: { text: 'Hello Bo' } }] });
    const posts = upstream.log.requests.filter((r) => r.method === 'POST');
    expect(posts.every((r) => r.session === undefined && r.mcpMethod)).toBe(true);
    expect(posts.find((r) => r.mcpMethod === 'resources/read')?.mcpName).toBe('test://hello');
    expect(upstream.log.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
  });

  it('names the cause of HTTP errors, garbage and hang-ups, and refuses oversized answers', async () => {
    await rawUpstream();
    const proxy = spawnRawProxy(t, 'raw', { ...t.env, TOKENTRAY_MCP_MAX_MESSAGE_BYTES: '100000' });
    proxy.send(initializeRequest());
    expect(await proxy.next(byId(1))).toMatchObject({ result: { serverInfo: { name: 'raw' } } });
    proxy.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    const cases: Array<[string, number, RegExp, object?]> = [
      ['status-502', -32003, /answered HTTP 502.*the MCP server failed/],
      ['status-500-json', -32003, /answered HTTP 500: database on fire/],
      ['status-500-echo', -32003, /answered HTTP 500: bad credentials Bearer \[token removed by tokentray\]/],
      ['garbage', -32004, /sent a malformed answer to tools\/call \(not JSON\)/],
      ['html', -32004, /answered HTTP 200 without an MCP message \(content-type text\/html\)/],
      ['hangup', -32002, /closed the connection before answering|connection was reset/],
      ['wrong-id', -32004, /without answering tools\/call/],
      ['accepted', -32004, /\(HTTP 202\) without answering/],
      ['big', -32006, /larger than 100000 bytes/, { bytes: 200_000 }],
    ];
    for (const [i, [tool, code, message, args]] of cases.entries()) proxy.send(call(10 + i, tool, args));
    for (const [i, [tool, code, message]] of cases.entries()) {
      const reply = await proxy.nextError(byId(10 + i));
      expect(reply.error.code, tool).toBe(code);
      expect(reply.error.message, tool).toMatch(message);
    }
    proxy.send(call(99, 'echo', { bytes: 5 }));
    expect(await proxy.next(byId(99))).toMatchObject({ result: { content: [{ text: 'yyyyy' }] } });
    expect(await proxy.end()).toBe(0);
    expect(proxy.stderr()).not.toContain(token);
  });
});

describe('malformed input from the editor', () => {
  it('answers parse and invalid-request errors, refuses an oversized message without holding it, and keeps going', async () => {
    await rawUpstream();
    const proxy = spawnRawProxy(t, 'raw', { ...t.env, TOKENTRAY_MCP_MAX_MESSAGE_BYTES: '100000' });
    proxy.send('this is not json');
    expect(await proxy.next(() => true)).toMatchObject({ id: null, error: { code: -32700 } });
    proxy.send('[{"jsonrpc":"2.0","id":1,"method":"ping"}]');
    expect(await proxy.next(() => true)).toMatchObject({ id: null, error: { code: -32600, message: expect.stringContaining('batches') } });
    proxy.send({ jsonrpc: '2.0', id: 5 });
    expect(await proxy.next(() => true)).toMatchObject({ id: 5, error: { code: -32600 } });
    proxy.send({ id: 6, method: 'ping' });
    expect(await proxy.next(() => true)).toMatchObject({ id: 6, error: { code: -32600, message: expect.stringContaining('"jsonrpc": "2.0"') } });
    proxy.send({ jsonrpc: '2.0', method: 'tools/call', params: { name: 'echo', arguments: { blob: 'z'.repeat(300_000) } }, id: 7 });
    expect(await proxy.next(() => true)).toMatchObject({ id: 7, error: { code: -32006, message: expect.stringMatching(/message of \d+ bytes refused; the limit is 100000/) } });
    proxy.send(initializeRequest(8));
    expect(await proxy.next(() => true)).toMatchObject({ id: 8, result: { protocolVersion: '2025-11-25' } });
    proxy.send(call(9, 'echo', { bytes: 3 }));
    expect(await proxy.next(() => true)).toMatchObject({ id: 9, result: { content: [{ text: 'yyy' }] } });
    expect(await proxy.end()).toBe(0);
  });
});

describe('set-up problems reach the editor as answers', () => {
  it('answers every request with the reason when the profile does not exist, and exits 1', async () => {
    const proxy = spawnRawProxy(t, 'nope');
    proxy.send(initializeRequest());
    const reply = await proxy.nextError(byId(1));
    expect(reply.error).toMatchObject({ code: -32005, message: expect.stringContaining('no profile named "nope"') });
    expect(await proxy.end()).toBe(1);
  });

  it('refuses to send the token to a plain-HTTP, non-loopback MCP URL', async () => {
    await addProfile(t, 'remote', 'https://mcp.example.com/mcp', token);
    const file = join(t.tokentrayHome, 'profiles.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('https://mcp.example.com/mcp', 'http://mcp.example.com/mcp'));
    const proxy = spawnRawProxy(t, 'remote');
    proxy.send(initializeRequest());
    const reply = await proxy.nextError(byId(1));
    expect(reply.error.message).toMatch(/refusing to send a token over plain HTTP to mcp\.example\.com/);
    expect(await proxy.end()).toBe(1);
  });
});
