import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestEnv, runCli } from '../helpers/cli';
import { startForwardProxy, type ForwardProxy } from '../helpers/forward-proxy';
import { createWorld } from '../helpers/world';

const t = createWorld({ profile: false });
let proxy: ForwardProxy;
beforeEach(async () => {
  proxy = await startForwardProxy();
});
afterEach(async () => {
  await proxy.close();
});

describe('HTTP_PROXY / HTTPS_PROXY / NO_PROXY (undici EnvHttpProxyAgent)', () => {
  it('sends http:// requests through HTTP_PROXY', async () => {
    const me = await t.client(t.sb.humanPat, { env: { HTTP_PROXY: proxy.url } }).getMe();
    expect(me.actor_id).toBe(t.sb.humanId);
    expect(proxy.requests).toEqual([expect.objectContaining({ method: 'GET', target: `${t.sb.url}/api/actors/me` })]);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    await t.client(t.sb.humanPat, { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } }).getMe();
    expect(proxy.requests).toEqual([]);
    expect(t.sb.state.countRequests('GET', '/api/actors/me')).toBe(1);
  });

  it('tunnels https:// through HTTPS_PROXY with CONNECT, and the CONNECT carries no token', async () => {
    const port = new URL(t.sb.url).port;
    // The tunnel reaches the plain-HTTP sandbox, so TLS fails after CONNECT: what matters is the CONNECT.
    const attempt = t.client(t.sb.humanPat, { baseUrl: `https://127.0.0.1:${port}`, env: { HTTPS_PROXY: proxy.url }, retries: 0 }).getMe();
    await expect(attempt).rejects.toMatchObject({ code: 'network' });
    expect(proxy.requests).toEqual([expect.objectContaining({ method: 'CONNECT', target: `127.0.0.1:${port}` })]);
    expect(proxy.requests[0]!.headers).not.toHaveProperty('authorization');
  });

  it('refuses http:// to a non-loopback host before even the proxy is contacted', async () => {
    expect(() => t.client(t.sb.humanPat, { baseUrl: 'http://mootup.example.com', env: { HTTP_PROXY: proxy.url } })).toThrow(expect.objectContaining({ code: 'insecure_url' }));
    expect(proxy.requests).toEqual([]);
  });
});

describe('the built CLI honours the proxy environment', () => {
  const addProfile = (env: Record<string, string>) =>
    runCli(['profile', 'add', 'sb', '--kind', 'mootup', '--url', t.sb.url], { env, input: t.sb.humanPat });

  it('profile check goes through HTTP_PROXY when NO_PROXY does not match', async () => {
    const { env } = makeTestEnv({ HTTP_PROXY: proxy.url, NO_PROXY: '' });
    expect((await addProfile(env)).code).toBe(0);
    const check = await runCli(['profile', 'check', 'sb', '--json'], { env });
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ status: 'ok', actor: { display_name: 'Alice Sandbox' } });
    expect(proxy.requests.map((r) => r.target)).toEqual([`${t.sb.url}/api/actors/me`]);
  });

  it('profile check bypasses the proxy for a NO_PROXY host', async () => {
    const { env } = makeTestEnv({ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' });
    expect((await addProfile(env)).code).toBe(0);
    expect((await runCli(['profile', 'check', 'sb'], { env })).code).toBe(0);
    expect(proxy.requests).toEqual([]);
    expect(t.sb.state.countRequests('GET', '/api/actors/me')).toBe(1);
  });
});
