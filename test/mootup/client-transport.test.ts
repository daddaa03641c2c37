import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Dispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createMootupClient } from '../../electron/core/mootup';
import { createWorld } from '../helpers/world';

const t = createWorld({ profile: false });
const FAST = { connectMs: 300, headersMs: 300, bodyMs: 300 };

/** Another origin on loopback that records the headers it receives and answers with an actor. */
let other: { server: Server; url: string; seen: IncomingHttpHeaders[] } | undefined;
async function startOtherOrigin() {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ actor_id: 'usr_other', display_name: 'Other origin', actor_type: 'human' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  other = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
  return other;
}
afterEach(async () => {
  other?.server.closeAllConnections();
  await new Promise((resolve) => other?.server.close(resolve) ?? resolve(undefined));
  other = undefined;
});

describe('URL policy', () => {
  it('refuses http:// to a non-loopback host before anything reaches the network layer', async () => {
    let dispatched = 0;
    // A real undici Dispatcher that counts what would reach the network layer and sends nothing.
    const recorder = new (class extends Dispatcher {
      override dispatch(): boolean {
        dispatched++;
        return false;
      }
    })();
    const attempt = () => createMootupClient({ baseUrl: 'http://mootup.example.com', token: 'mootup_pat_x', dispatcher: recorder });
    expect(attempt).toThrow(/refusing to send a token over plain HTTP to mootup\.example\.com: use https:\/\//);
    expect(attempt).toThrow(expect.objectContaining({ code: 'insecure_url' }));
    expect(() => createMootupClient({ baseUrl: 'https://user:pw@mootup.io', token: null })).toThrow(expect.objectContaining({ code: 'insecure_url' }));
    expect(dispatched).toBe(0);
    // Loopback hosts are allowed over http (this is how the sandbox is reached).
    expect(() => createMootupClient({ baseUrl: 'http://localhost:1', token: null, dispatcher: recorder })).not.toThrow();
  });
});

describe('redirects', () => {
  it('follows a cross-origin redirect without Authorization', async () => {
    const target = await startOtherOrigin();
    t.sb.inject.respondNext({ method: 'GET', path: '/api/actors/me', status: 302, headers: { location: `${target.url}/api/actors/me` } });
    expect(await t.client(t.sb.humanPat).getMe()).toMatchObject({ actor_id: 'usr_other' });
    expect(target.seen).toHaveLength(1);
    expect(target.seen[0]).not.toHaveProperty('authorization');
    expect(JSON.stringify(target.seen)).not.toContain(t.sb.humanPat);
  });

  it('keeps the token off the redirect even when only the host spelling differs (localhost vs 127.0.0.1)', async () => {
    const port = new URL(t.sb.url).port;
    t.sb.inject.respondNext({ method: 'GET', path: '/api/actors/me', status: 307, headers: { location: `http://localhost:${port}/api/actors/me` } });
    await expect(t.client(t.sb.humanPat).getMe()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(t.sb.state.requests.at(-1)).toMatchObject({ path: '/api/actors/me', auth: 'none', status: 401 });
  });

  it('follows a same-origin redirect with Authorization', async () => {
    t.sb.inject.respondNext({ method: 'GET', path: '/api/actors/me', status: 308, headers: { location: '/api/actors/me?moved=1' } });
    expect(await t.client(t.sb.humanPat).getMe()).toMatchObject({ actor_id: t.sb.humanId });
    expect(t.sb.state.countRequests('GET', '/api/actors/me')).toBe(2);
  });

  it('refuses a redirect to plain http elsewhere, a 302 that would turn a POST into a GET, and loops', async () => {
    t.sb.inject.respondNext({ method: 'GET', path: '/api/actors/me', status: 302, headers: { location: 'http://mootup.example.com/api/actors/me' } });
    await expect(t.client(t.sb.humanPat).getMe()).rejects.toMatchObject({ code: 'insecure_url' });

    t.sb.inject.respondNext({ method: 'POST', path: '/api/personal-access-tokens', status: 302, headers: { location: '/elsewhere' } });
    await expect(t.client(t.sb.humanPat).createPat('x')).rejects.toMatchObject({ code: 'bad_response' });
    expect(t.sb.state.countRequests('GET', '/elsewhere')).toBe(0);

    t.sb.inject.respondNext({ method: 'GET', path: '/api/actors/me', status: 302, headers: { location: '/api/actors/me' }, times: 10 });
    await expect(t.client(t.sb.humanPat).getMe()).rejects.toThrow(/redirected GET \/api\/actors\/me more than 5 times/);
  });
});

describe('retries', () => {
  it('retries a GET after 5xx and succeeds (3 attempts seen by the server)', async () => {
    t.sb.inject.failNext({ method: 'GET', path: '/api/actors/me', status: 503, times: 2 });
    expect(await t.client(t.sb.humanPat).getMe()).toMatchObject({ actor_id: t.sb.humanId });
    expect(t.sb.state.countRequests('GET', '/api/actors/me')).toBe(3);
  });

  it('gives up after the bounded number of attempts with a server error', async () => {
    t.sb.inject.failNext({ method: 'GET', path: '/api/actors/me/agents', status: 500, times: 10 });
    await expect(t.client(t.sb.humanPat).listAgents()).rejects.toMatchObject({ code: 'server', status: 500 });
    expect(t.sb.state.countRequests('GET', '/api/actors/me/agents')).toBe(3);
  });

  it('retries a GET after a dropped connection, but never a POST', async () => {
    t.sb.inject.dropNext({ method: 'GET', path: '/api/personal-access-tokens' });
    expect(await t.client(t.sb.humanPat).listPats()).toHaveLength(1);
    expect(t.sb.state.countRequests('GET', '/api/personal-access-tokens')).toBe(2);

    t.sb.inject.dropNext({ method: 'POST', path: '/api/personal-access-tokens' });
    await expect(t.client(t.sb.humanPat).createPat('x')).rejects.toMatchObject({ code: 'network' });
    expect(t.sb.state.countRequests('POST', '/api/personal-access-tokens')).toBe(1);
  });

  it('does not retry a POST after 5xx, nor a GET after 4xx', async () => {
    t.sb.inject.failNext({ method: 'POST', path: /\/release$/, status: 503 });
    await expect(t.client(t.sb.humanPat).release(t.sb.agents.connectedElsewhere.actor_id)).rejects.toMatchObject({ code: 'server', status: 503 });
    expect(t.sb.state.countRequests('POST', /\/release$/)).toBe(1);
    expect(t.sb.state.actors.get(t.sb.agents.connectedElsewhere.actor_id)?.connection_status).toBe('connected');

    t.sb.inject.failNext({ method: 'GET', path: '/api/actors/me', status: 404 });
    await expect(t.client(t.sb.humanPat).getMe()).rejects.toMatchObject({ code: 'not_found' });
    expect(t.sb.state.countRequests('GET', '/api/actors/me')).toBe(1);
  });
});

describe('timeouts', () => {
  it('a hung GET fails with a timeout error within the configured bound, once', async () => {
    t.sb.inject.hangNext({ method: 'GET', path: '/api/actors/me' });
    await expect(t.client(t.sb.humanPat, { timeouts: FAST }).getMe()).rejects.toMatchObject({ code: 'timeout' });
    expect(t.sb.state.countRequests('GET', '/api/actors/me')).toBe(1);
  }, 5_000);

  it('a hung POST fails with a timeout error', async () => {
    t.sb.inject.hangNext({ method: 'POST', path: /rotate-key$/ });
    const attempt = t.client(t.sb.humanPat, { timeouts: FAST }).rotateKey(t.sb.agents.available.actor_id);
    await expect(attempt).rejects.toThrow(/timed out waiting for an answer from 127\.0\.0\.1/);
  }, 5_000);
});

describe('response validation', () => {
  it('keeps unknown fields and accepts a wrapped list; an unknown connection_status becomes null', async () => {
    const alice = { actor_id: t.sb.humanId, display_name: 'Alice', actor_type: 'human', future_field: { a: 1 } };
    t.sb.inject.respondNext({ method: 'GET', path: '/api/actors/me', status: 200, body: alice });
    expect(await t.client(t.sb.humanPat).getMe()).toEqual(alice);

    const agent = { actor_id: 'agt_1', display_name: 'A', actor_type: 'agent', connection_status: 'hibernating', installation_id: 'inst_x', extra: true };
    t.sb.inject.respondNext({ method: 'GET', path: '/api/actors/me/agents', status: 200, body: { agents: [agent] } });
    expect(await t.client(t.sb.humanPat).listAgents()).toEqual([{ ...agent, connection_status: null }]);
  });

  it('turns a wrong shape or a non-JSON body into bad_response naming the field, never quoting values', async () => {
    t.sb.inject.respondNext({ method: 'GET', path: '/api/actors/me', status: 200, body: { actor_id: 5, display_name: 'x', actor_type: 'human' } });
    await expect(t.client(t.sb.humanPat).getMe()).rejects.toMatchObject({ code: 'bad_response', message: expect.stringContaining('"actor_id" should be a string') });

    const secret = `mootup_pat_${'f'.repeat(60)}`;
    t.sb.inject.respondNext({ method: 'POST', path: '/api/personal-access-tokens', status: 201, body: { token: secret, name: 'x' } });
    const error = await t.client(t.sb.humanPat).createPat('x').catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'bad_response' });
    expect(JSON.stringify({ message: (error as Error).message, ...(error as { details?: object }).details })).not.toContain(secret);

    t.sb.inject.respondNext({ method: 'GET', path: '/api/actors/me/spaces', status: 200, body: Buffer.from('<html>login</html>') });
    await expect(t.client(t.sb.humanPat).listSpaces()).rejects.toMatchObject({ code: 'bad_response', message: expect.stringContaining('not JSON') });

    t.sb.inject.respondNext({ method: 'GET', path: '/api/actors/me/agents', status: 200, body: [{ display_name: 'no id', actor_type: 'agent' }] });
    await expect(t.client(t.sb.humanPat).listAgents()).rejects.toThrow(/\[item 0\].*"actor_id"/);
  });

  it('takes any 2xx answer to a PAT revocation as done (204, another body), unless it says ok: false', async () => {
    const path = /^\/api\/personal-access-tokens\/pat_x$/;
    t.sb.inject.respondNext({ method: 'DELETE', path, status: 204 });
    expect(await t.client(t.sb.humanPat).revokePat('pat_x')).toMatchObject({ ok: true });
    t.sb.inject.respondNext({ method: 'DELETE', path, status: 200, body: { pat_id: 'pat_x', revoked_at: '2026-11-22T00:00:00Z' } });
    expect(await t.client(t.sb.humanPat).revokePat('pat_x')).toMatchObject({ ok: true, pat_id: 'pat_x' });
    t.sb.inject.respondNext({ method: 'DELETE', path, status: 200, body: { ok: false } });
    await expect(t.client(t.sb.humanPat).revokePat('pat_x')).rejects.toMatchObject({ code: 'bad_response' });
  });
});
