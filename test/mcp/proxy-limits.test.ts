import { describe, expect, it } from 'vitest';
import { fakeMolyPat } from '../helpers/cli';
import { startUpstream, type Upstream } from './fixtures/upstream';
import { addProfile, eventually, initializeRequest, spawnRawProxy, useTestWorld, type RawProxy } from './helpers';

const w = useTestWorld();
const token = fakeMolyPat();
const call = (id: number, name: string, args: object = {}) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

/** The SDK fixture upstream and an initialized raw proxy for it, under `ulimit -n <fdLimit>`. */
async function initializedProxy(fdLimit: number): Promise<{ upstream: Upstream; proxy: RawProxy }> {
  const upstream = await startUpstream({ token });
  w.later(upstream.close);
  await addProfile(w.t, 'moly', upstream.url, token);
  const proxy = spawnRawProxy(w.t, 'moly', w.t.env, { fdLimit });
  proxy.send(initializeRequest());
  await proxy.next((m) => m.id === 1);
  return { upstream, proxy };
}

describe('the proxy bounds what it holds open', () => {
  it('forwards a burst of 2,000 notifications under `ulimit -n 1024` without running out of descriptors, and answers the next call', async () => {
    const { upstream, proxy } = await initializedProxy(1024);
    proxy.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    for (let i = 0; i < 2000; i++) proxy.send({ jsonrpc: '2.0', method: 'notifications/roots/list_changed' });
    proxy.send(call(2, 'echo', { text: 'after the burst' }));
    expect(await proxy.next((m) => m.id === 2)).toMatchObject({ result: { content: [{ text: 'after the burst' }] } });
    await eventually(() => expect(upstream.log.requests.filter((r) => r.mcpMethod === 'notifications/roots/list_changed')).toHaveLength(2000), 20_000);
    expect(await proxy.end()).toBe(0);
    expect(proxy.stderr()).not.toMatch(/EMFILE|too many open files/i);
  }, 60_000);

  it('says a descriptor limit is a limit of this machine, not a network problem, when long calls hold every socket', async () => {
    const { proxy } = await initializedProxy(128);
    // Each call's answer is an SSE stream held open for a minute: one socket each, far past 128.
    for (let i = 0; i < 200; i++) proxy.send(call(100 + i, 'slow', { ms: 60_000 }));
    const refused = (await proxy.next((m) => typeof m.id === 'number' && m.id >= 100 && 'error' in m)) as { error: { code: number; message: string } };
    expect(refused.error.code).toBe(-32007);
    expect(refused.error.message).toMatch(/EMFILE.*ulimit -n.*nothing is wrong with the network/);
    expect(refused.error.message).not.toMatch(/HTTPS_PROXY|cannot reach/);
    expect(await proxy.signal('SIGTERM')).toBe(0);
  }, 60_000);
});
