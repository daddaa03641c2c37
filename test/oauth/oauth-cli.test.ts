/** OAuth profiles from the CLI and over IPC: what is stored where, what is refused, and that nothing secret crosses. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatchIpc } from '../../electron/core/app/ipc-handlers';
import { createCoreContext } from '../../electron/core/context';
import { createCoreApp } from '../helpers/invoke';
import { fakeMolyPat, runCli } from '../helpers/cli';
import { haveTestKeychain, secretToolLookup } from '../helpers/keychain';
import { startOidcWorld } from './fixtures/oidc-world';
import { expectNoTokenLeaks, keychainTokens, oauthTestEnv } from './oauth-kit';
import { untilState } from '../app/state-pushes';

describe.skipIf(!haveTestKeychain())('OAuth profiles: CLI and IPC', () => {
  it('stores settings only, a client secret in the keychain, refuses what does not apply, and forgets everything on remove', async () => {
    const t = oauthTestEnv();
    const run = (args: string[], input = '') => runCli(args, { env: t.env, input });
    expect((await run(['profile', 'add', 'x', '--kind', 'mootup', '--url', 'https://mootup.io', '--auth', 'oauth'])).code).toBe(2);
    expect((await run(['profile', 'add', 'x', '--kind', 'mcp', '--url', 'https://mcp.example.com/mcp', '--client-id', 'abc'])).code).toBe(2);
    const badCimd = await run(['profile', 'add', 'x', '--kind', 'mcp', '--url', 'https://mcp.example.com/mcp', '--auth', 'oauth', '--client-metadata-url', 'http://example.com/c.json']);
    expect(badCimd.code).toBe(1);
    expect(badCimd.stderr).toContain('--client-metadata-url: it must be an https:// URL');

    const secret = 'client-secret-0123456789abcdef';
    const added = await run(['profile', 'add', 'pre', '--kind', 'mcp', '--url', 'https://mcp.example.com/mcp', '--auth', 'oauth', '--client-id', 'my-client', '--json'], `${secret}\n`);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'pre', auth: 'oauth', has_token: false, status: 'missing_token', oauth: { client_id: 'my-client' } });
    expect(JSON.parse(secretToolLookup(t.service, 'pre#client')!)).toMatchObject({ preregistered_secret: secret, by_issuer: {} });
    expect(readFileSync(join(t.tokentrayHome, 'profiles.json'), 'utf8')).not.toContain(secret);
    expect((await run(['profile', 'list'])).stdout).toMatch(/pre\s+mcp\s+oauth\s+not signed in/);

    const replace = await run(['profile', 'replace', 'pre'], fakeMolyPat());
    expect(replace.code).toBe(1);
    expect(replace.stderr).toContain('signs in with OAuth');
    expect((await run(['profile', 'add', 'tok', '--kind', 'mcp', '--url', 'https://mcp.example.com/mcp'], fakeMolyPat())).code).toBe(0);
    expect((await run(['profile', 'login', 'tok'])).stderr).toContain('uses a stored token, not OAuth');

    const doctor = JSON.parse((await run(['doctor', '--json'])).stdout) as { checks: Array<{ id: string; status: string; subject: string }> };
    expect(doctor.checks).toContainEqual(expect.objectContaining({ id: 'oauth_sign_in', status: 'fail', subject: 'pre' }));
    expect(doctor.checks.filter((c) => c.id === 'orphan_token' || (c.id === 'profile_token' && c.subject === 'pre'))).toEqual([]);
    const check = await run(['profile', 'check', 'pre', '--json']);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout)).toMatchObject({ status: 'error', message: expect.stringContaining('tokentray profile login pre'), oauth: { signed_in: false } });

    expect((await run(['profile', 'remove', 'pre'])).code).toBe(0);
    expect(secretToolLookup(t.service, 'pre#client')).toBeNull();
  }, 120_000);

  it('add --login signs in at once from the CLI', async () => {
    const world = await startOidcWorld();
    const t = oauthTestEnv();
    try {
      const added = await runCli(['profile', 'add', 'moly', '--kind', 'mcp', '--url', world.mcpUrl, '--auth', 'oauth', '--login', '--json'], { env: t.env });
      expect(added.code, added.stderr).toBe(0);
      expect(JSON.parse(added.stdout)).toMatchObject({ name: 'moly', has_token: true, oauth_status: { signed_in: true, signed_in_as: 'alice' } });
      expect(keychainTokens(t, 'moly')).toMatchObject({ issuer: world.issuer, resource: world.mcpUrl });
      expectNoTokenLeaks(t, world.issued, { output: added.stdout + added.stderr });
    } finally {
      await world.close();
    }
  }, 120_000);

  it('adds, signs in and signs out over IPC; no payload carries a token or the client secret', async () => {
    const world = await startOidcWorld();
    const t = oauthTestEnv();
    const { store, handlers, invoke } = createCoreApp(createCoreContext({ ...process.env, ...t.env }));
    const payloads: string[] = [];
    store.subscribe((state) => payloads.push(JSON.stringify(state)));
    const call = async (channel: string, request: object) => {
      const answer = await dispatchIpc(handlers, channel, request);
      payloads.push(JSON.stringify(answer));
      return answer as { ok: boolean; message: string; code?: string; oauth?: { signed_in_as?: string } };
    };
    try {
      expect(await call('oauth:add', { name: 'moly', url: world.mcpUrl, client_metadata_url: 'not a url' })).toMatchObject({ ok: false, code: 'invalid_input' });
      expect(await call('oauth:add', { name: 'moly', url: world.mcpUrl, label: 'Moly' })).toMatchObject({ ok: true });
      const clientSecret = 'ipc-client-secret-0123456789';
      expect(await call('oauth:add', { name: 'pre', url: world.mcpUrl, client_id: 'pre-client', client_secret: clientSecret })).toMatchObject({ ok: true });
      expect(JSON.parse(secretToolLookup(t.service, 'pre#client')!).preregistered_secret).toBe(clientSecret);
      const login = await call('oauth:login', { name: 'moly' });
      expect(login).toMatchObject({ ok: true, oauth: { signed_in_as: 'alice' }, message: expect.stringContaining('signed in as alice') });
      // The answer comes first; the refresh after it pushes the signed-in state.
      const state = await untilState(store, (s) => s.profiles.some((p) => p.name === 'moly' && p.has_token));
      payloads.push(JSON.stringify(state));
      expect(state.profiles).toContainEqual(expect.objectContaining({ name: 'moly', has_token: true, oauth: expect.objectContaining({ signed_in_as: 'alice' }) }));
      expect(await call('profile:check', { name: 'moly' })).toMatchObject({ ok: true });
      expect(await call('oauth:logout', { name: 'moly' })).toMatchObject({ ok: true, message: expect.stringContaining('revoked') });
      expect(keychainTokens(t, 'moly')).toBeNull();
      expectNoTokenLeaks(t, [...world.issued, clientSecret], { 'IPC payloads': payloads.join('\n') });
    } finally {
      await world.close();
    }
  }, 120_000);
});
