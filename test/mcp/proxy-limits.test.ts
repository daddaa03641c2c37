import { describe, expect, it } from 'vitest';
import { fakeMolyPat, runCli } from '../helpers/cli';
import { startRawUpstream, type RawUpstream } from './fixtures/raw-upstream';
import { startUpstream, type Upstream } from './fixtures/upstream';
import { addProfile, eventually, initializeRequest, spawnRawProxy, useTestWorld, type RawProxy } from './helpers';

const w = useTestWorld();
const token = fakeMolyPat();
const call = (id: number, name: string, args: object = {}) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

/** The SDK fixture upstream and an initialized raw proxy for it (under `ulimit -n <fdLimit>`, waiting `timeout` s). */
async function initializedProxy(options: { fdLimit?: number; timeout?: number }): Promise<{ upstream: Upstream; proxy: RawProxy }> {
  const upstream = await startUpstream({ token });
  w.later(upstream.close);
  await addProfile(w.t, 'moly', upstream.url, token);
  if (options.timeout) expect((await runCli(['profile', 'set', 'moly', '--timeout', String(options.timeout)], { env: w.t.env })).code).toBe(0);
  const proxy = spawnRawProxy(w.t, 'moly', w.t.env, options);
  proxy.send(initializeRequest());
  await proxy.next((m) => m.id === 1);
  proxy.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  return { upstream, proxy };
}

describe('the proxy bounds what it holds open', () => {
  it('forwards a burst of 2,000 notifications under `ulimit -n 1024` without running out of descriptors, and answers the next call', async () => {
    const { upstream, proxy } = await initializedProxy({ fdLimit: 1024 });
    for (let i = 0; i < 2000; i++) proxy.send({ jsonrpc: '2.0', method: 'notifications/roots/list_changed' });
    proxy.send(call(2, 'echo', { text: 'after the burst' }));
    expect(await proxy.next((m) => m.id === 2)).toMatchObject({ result: { content: [{ text: 'after the burst' }] } });
    await eventually(() => expect(upstream.log.requests.filter((r) => r.mcpMethod === 'notifications/roots/list_changed')).toHaveLength(2000), 20_000);
    expect(await proxy.end()).toBe(0);
    expect(proxy.stderr()).not.toMatch(/EMFILE|too many open files/i);
  }, 60_000);

  it('says a descriptor limit is a limit of this machine, not a network problem, when long calls hold every socket', async () => {
    const { proxy } = await initializedProxy({ fdLimit: 128 });
    // Each call's answer is an SSE stream held open for a minute: one socket each, far past 128.
    for (let i = 0; i < 200; i++) proxy.send(call(100 + i, 'slow', { ms: 60_000 }));
    const refused = (await proxy.next((m) => typeof m.id === 'number' && m.id >= 100 && 'error' in m)) as { error: { code: number; message: string } };
    expect(refused.error.code).toBe(-32007);
    expect(refused.error.message).toMatch(/EMFILE.*ulimit -n.*nothing is wrong with the network/);
    expect(refused.error.message).not.toMatch(/HTTPS_PROXY|cannot reach/);
    expect(await proxy.signal('SIGTERM')).toBe(0);
  }, 60_000);
});

/** The hand-written upstream behind a profile whose proxy waits `timeout` seconds for an answer to begin. */
async function hangingUpstream(timeout?: number): Promise<RawUpstream> {
  const upstream = await startRawUpstream(token);
  w.later(upstream.close);
  await addProfile(w.t, 'raw', upstream.url, token);
  if (timeout !== undefined) {
    const set = await runCli(['profile', 'set', 'raw', '--timeout', String(timeout)], { env: w.t.env });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain(`MCP wait ${timeout} s`);
  }
  return upstream;
}

const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };

describe('bounded waits: a server that never answers gets an error, not an editor left waiting', () => {
  it('answers a call the server holds with "did not answer within N s" (the profile\'s --timeout), drops the exchange, and keeps serving', async () => {
    const upstream = await hangingUpstream(1);
    const proxy = spawnRawProxy(w.t, 'raw');
    proxy.send(initializeRequest());
    await proxy.next((m) => m.id === 1);
    proxy.send(initialized);
    proxy.send(call(2, 'hang'));
    const reply = await proxy.nextError((m) => m.id === 2);
    expect(reply.error.code).toBe(-32002);
    expect(reply.error.message).toMatch(/did not answer tools\/call within 1 s; .*tokentray profile set raw --timeout <seconds>/);
    await eventually(() => expect(upstream.aborted).toEqual(['hang'])); // the server sees the proxy let go
    proxy.send(call(3, 'echo', { bytes: 4 }));
    expect(await proxy.next((m) => m.id === 3)).toMatchObject({ result: { content: [{ text: 'yyyy' }] } });
    expect(await proxy.end()).toBe(0);
  });

  it('bounds initialize the same way', async () => {
    await hangingUpstream(1);
    const proxy = spawnRawProxy(w.t, 'raw');
    proxy.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'hang-init', version: '1' } } });
    const reply = await proxy.nextError((m) => m.id === 1);
    expect(reply.error).toMatchObject({ code: -32002, message: expect.stringMatching(/did not answer initialize within 1 s/) });
    expect(await proxy.end()).toBe(0);
  });

  it('never cuts an answer that has begun as an SSE stream, however long the tool runs', async () => {
    const { proxy } = await initializedProxy({ timeout: 1 });
    proxy.send(call(2, 'slow', { ms: 2500 }));
    expect(await proxy.next((m) => m.id === 2)).toMatchObject({ result: { content: [{ text: 'done' }] } });
    expect(await proxy.end()).toBe(0);
  });

  it('aborts the upstream exchange when the editor sends notifications/cancelled: the server sees the abort', async () => {
    const upstream = await hangingUpstream();
    const proxy = spawnRawProxy(w.t, 'raw');
    proxy.send(initializeRequest());
    await proxy.next((m) => m.id === 1);
    proxy.send(initialized);
    proxy.send(call(2, 'hang'));
    await eventually(() => expect(upstream.hanging()).toBe(1));
    proxy.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 2, reason: 'user pressed stop' } });
    await eventually(() => expect(upstream.aborted).toEqual(['hang']));
    expect(upstream.hanging()).toBe(0);
    proxy.send(call(3, 'echo', { bytes: 2 }));
    expect(await proxy.next((m) => m.id === 3)).toMatchObject({ result: { content: [{ text: 'yy' }] } });
    expect(proxy.stdoutLines.filter((l) => l.includes('"id":2'))).toEqual([]); // a cancelled call is not answered
    expect(await proxy.end()).toBe(0);
  });

  it('rejects a --timeout that is not a whole number of seconds, and "default" clears it', async () => {
    await hangingUpstream(5);
    for (const bad of ['0', '1.5', 'soon', '100000']) expect((await runCli(['profile', 'set', 'raw', '--timeout', bad], { env: w.t.env })).code, bad).toBe(2);
    const cleared = await runCli(['profile', 'set', 'raw', '--timeout', 'default', '--json'], { env: w.t.env });
    expect(cleared.code).toBe(0);
    expect(JSON.parse(cleared.stdout).timeout_seconds).toBeUndefined();
  });
});

describe('the end of stdin: every request read is answered before the proxy exits', () => {
  it('sends a request that is followed at once by the end of stdin, delivers its answer, exits 0 (also when all came in one write)', async () => {
    const upstream = await startUpstream({ token });
    w.later(upstream.close);
    await addProfile(w.t, 'moly', upstream.url, token);
    for (const waitForInitialize of [true, false]) {
      const proxy = spawnRawProxy(w.t, 'moly');
      proxy.send(initializeRequest());
      if (waitForInitialize) await proxy.next((m) => m.id === 1);
      proxy.send(initialized);
      proxy.send(call(2, 'echo', { text: 'last words' }));
      expect(await proxy.end()).toBe(0);
      const answers = proxy.stdoutLines.map((l) => JSON.parse(l) as { id?: number });
      expect(answers.map((a) => a.id)).toEqual([1, 2]);
      expect(answers[1]).toMatchObject({ result: { content: [{ text: 'last words' }] } });
      expect(proxy.stderr()).toBe('');
    }
  });

  it('answers with an error what the server still holds when the bound passes, streams included, then exits 0', async () => {
    const { upstream, proxy } = await initializedProxy({ timeout: 1 });
    proxy.send(call(2, 'slow', { ms: 60_000 })); // an SSE stream that would last a minute
    await eventually(() => expect(upstream.log.requests.some((r) => r.mcpName === 'slow')).toBe(true));
    expect(await proxy.end()).toBe(0);
    expect(JSON.parse(proxy.stdoutLines.at(-1)!)).toMatchObject({ id: 2, error: { code: -32002 } });
  });

  it('exits 1 with a line on stderr when it could not start: no keychain, or no such profile', async () => {
    const upstream = await hangingUpstream();
    const noKeychain = spawnRawProxy(w.t, 'raw', { ...w.t.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${w.t.root}/no-bus` });
    noKeychain.send(initializeRequest());
    expect(await noKeychain.next((m) => m.id === 1)).toMatchObject({ error: { code: -32005 } });
    expect(await noKeychain.end()).toBe(1);
    expect(noKeychain.stderr()).toMatch(/tokentray: could not start: .*keychain/i);
    expect(upstream.hanging()).toBe(0);

    const unknown = spawnRawProxy(w.t, 'nope');
    expect(await unknown.end()).toBe(1);
    expect(unknown.stderr()).toMatch(/no profile named "nope"/);
  });
});
