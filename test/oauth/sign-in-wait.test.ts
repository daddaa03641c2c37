/**
 * When no refresh can help and the user does not finish signing in: one sign-in per profile (one
 * browser tab, however many editors), a state the tray can show, and a clear JSON-RPC error for each
 * waiting request after the bound. A later `profile login` takes over once the waiting processes are gone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { haveTestKeychain } from '../helpers/keychain';
import { connectEditor, eventually, initializeRequest, resultText, spawnRawProxy, type RawProxy } from '../mcp/helpers';
import { startOidcWorld, type OidcWorld } from './fixtures/oidc-world';
import { browserRuns, expectNoTokenLeaks, oauthTestEnv } from './oauth-kit';

describe.skipIf(!haveTestKeychain())('a sign-in nobody finishes', () => {
  let world: OidcWorld;
  let t: ReturnType<typeof oauthTestEnv>;
  const proxies: RawProxy[] = [];

  beforeEach(async () => {
    world = await startOidcWorld();
    t = oauthTestEnv({ TOKENTRAY_OAUTH_WAIT_MS: '1500', TOKENTRAY_OAUTH_SIGNIN_TIMEOUT_MS: '60000' });
  });
  afterEach(async () => {
    for (const p of proxies.splice(0)) await p.signal('SIGTERM');
    await world.close();
  });

  it('opens one browser tab for two editors, tells both to sign in, shows the wait, and lets a later login take over', async () => {
    expect((await runCli(['profile', 'add', 'moly', '--kind', 'mcp', '--url', world.mcpUrl, '--auth', 'oauth'], { env: t.env })).code).toBe(0);
    const idle = { ...t.env, HEADLESS_BROWSER_MODE: 'ignore' }; // the user never signs in
    const first = spawnRawProxy(t, 'moly', idle);
    proxies.push(first);
    first.send(initializeRequest(1));
    await eventually(() => expect(browserRuns(t)).toHaveLength(1), 15_000);
    const second = spawnRawProxy(t, 'moly', idle);
    proxies.push(second);
    second.send(initializeRequest(1));

    for (const proxy of [first, second]) {
      const answer = (await proxy.next((m) => m.id === 1)) as { error?: { code: number; message: string; data?: { cause?: string } } };
      expect(answer.error).toMatchObject({ code: -32001, message: expect.stringContaining('needs you to sign in'), data: { cause: 'sign_in_required' } });
    }
    expect(browserRuns(t)).toHaveLength(1); // the second editor waited on the first one's sign-in
    expect(second.stderr()).toContain('waiting for the sign-in another tokentray process');

    // What the tray reads: the profile's oauth.sign_in, while the sign-in waits.
    const profile = JSON.parse(readFileSync(join(t.tokentrayHome, 'profiles.json'), 'utf8')).profiles[0];
    expect(profile.oauth.sign_in).toMatchObject({ pid: first.pid, reason: 'no_token', url: expect.stringContaining(`${world.issuer}/auth?`) });
    const list = await runCli(['profile', 'list'], { env: t.env });
    expect(list.stdout).toContain('waiting for sign-in in the browser');
    const doctor = JSON.parse((await runCli(['doctor', '--json'], { env: t.env })).stdout);
    expect(doctor.checks).toContainEqual(expect.objectContaining({ id: 'oauth_sign_in', status: 'warn', subject: 'moly' }));

    // The editors go away; the lease they left is stale, and a login takes over.
    for (const p of proxies.splice(0)) await p.signal('SIGTERM');
    const login = await runCli(['profile', 'login', 'moly'], { env: t.env });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain('Sign in to moly in your browser');
    expect(login.stdout).toMatch(/^moly: signed in as alice at http:\/\/127\.0\.0\.1:\d+; access token until /);
    expect(JSON.parse(readFileSync(join(t.tokentrayHome, 'profiles.json'), 'utf8')).profiles[0].oauth.sign_in).toBeUndefined();

    const editor = await connectEditor(t, 'moly');
    expect(resultText(await editor.client.callTool({ name: 'whoami', arguments: {} }))).toMatch(/^alice /);
    const stderr = editor.stderr();
    await editor.close();
    expectNoTokenLeaks(t, world.issued, { 'proxy stderr': stderr, 'login output': login.stdout + login.stderr });
  }, 120_000);
});
