/**
 * OAuth profiles against a real authorization server (oidc-provider) and an MCP server that checks
 * every token by introspection: sign in, call, expire, refresh, revoke, step-up, sign out; five
 * proxies across one refresh; and no token anywhere but the keychain after each scenario.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { haveTestKeychain } from '../helpers/keychain';
import { connectEditor, eventually, resultText, type Editor } from '../mcp/helpers';
import { startOidcWorld, type OidcWorld } from './fixtures/oidc-world';
import { browserRuns, expectNoTokenLeaks, keychainTokens, oauthTestEnv } from './oauth-kit';

/** Waits until the profile's access token has expired (its lifetime is 2 s here). */
async function untilExpired(t: ReturnType<typeof oauthTestEnv>): Promise<void> {
  const expires = keychainTokens(t, 'moly')!.expires_at!;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expires - Date.now()) + 50));
}

describe.skipIf(!haveTestKeychain())('OAuth profiles with oidc-provider', () => {
  let world: OidcWorld;
  let t: ReturnType<typeof oauthTestEnv>;
  const editors: Editor[] = [];
  const stderr: string[] = [];

  const addAndLogin = async () => {
    const added = await runCli(['profile', 'add', 'moly', '--kind', 'mcp', '--url', world.mcpUrl, '--auth', 'oauth'], { env: t.env });
    expect(added.code, added.stderr).toBe(0);
    const login = await runCli(['profile', 'login', 'moly', '--json'], { env: t.env });
    stderr.push(login.stderr, login.stdout);
    expect(login.code, login.stderr).toBe(0);
    return JSON.parse(login.stdout) as { signed_in: boolean; signed_in_as?: string; scopes: string[]; refreshable: boolean; expires_at: string | null };
  };
  const editor = async () => {
    const e = await connectEditor(t, 'moly');
    editors.push(e);
    return e;
  };

  beforeEach(async () => {
    world = await startOidcWorld({ accessTokenTtl: 2 });
    t = oauthTestEnv();
    stderr.length = 0;
  });
  afterEach(async () => {
    for (const e of editors.splice(0)) {
      stderr.push(e.stderr());
      await e.close();
    }
    const audit = (() => {
      try {
        return readFileSync(join(t.tokentrayHome, 'audit', 'audit.log'), 'utf8');
      } catch {
        return '';
      }
    })();
    expectNoTokenLeaks(t, world.issued, { 'stderr and stdout': stderr.join('\n'), 'audit log': audit });
    await world.close();
  });

  it('signs in, calls, refreshes after expiry and after a 401, checks, signs out with revocation, and signs in again by itself', async () => {
    const summary = await addAndLogin();
    expect(summary).toMatchObject({ signed_in: true, signed_in_as: 'alice', refreshable: true });
    expect(summary.scopes).toEqual(expect.arrayContaining(['mcp:read']));
    const profiles = readFileSync(join(t.tokentrayHome, 'profiles.json'), 'utf8');
    expect(JSON.parse(profiles).profiles[0]).toMatchObject({ auth: 'oauth', oauth: { issuer: world.issuer, signed_in_as: 'alice', has_refresh_token: true } });
    const first = keychainTokens(t, 'moly')!;
    expect(world.issued.has(first.access_token) && world.issued.has(first.refresh_token!)).toBe(true);
    await eventually(() => expect(browserRuns(t)).toHaveLength(1), 15_000);

    const e = await editor();
    expect(resultText(await e.client.callTool({ name: 'whoami', arguments: {} }))).toMatch(/^alice /);

    await untilExpired(t);
    const refreshes = world.counts.refreshGrants;
    expect(resultText(await e.client.callTool({ name: 'whoami', arguments: {} }))).toMatch(/^alice /);
    expect(world.counts.refreshGrants).toBe(refreshes + 1); // refreshed before sending, no 401 seen
    const second = keychainTokens(t, 'moly')!;
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token); // rotated

    // The server stops accepting the access token early: the proxy refreshes once and retries.
    world.refuse(second.access_token);
    const refused = world.counts.refused;
    expect(resultText(await e.client.callTool({ name: 'whoami', arguments: {} }))).toMatch(/^alice /);
    expect(world.counts.refused).toBe(refused + 1);
    expect(world.counts.refreshGrants).toBeGreaterThanOrEqual(refreshes + 2);
    expect(world.counts.grantErrors).toEqual([]);

    const check = await runCli(['profile', 'check', 'moly', '--json'], { env: t.env });
    stderr.push(check.stderr, check.stdout);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ status: 'ok', oauth: { signed_in: true, signed_in_as: 'alice', issuer: world.issuer, refreshable: true } });
    const doctor = await runCli(['doctor', '--json'], { env: t.env });
    stderr.push(doctor.stdout);
    expect(JSON.parse(doctor.stdout).checks).toContainEqual(expect.objectContaining({ id: 'oauth_sign_in', status: 'ok', subject: 'moly', message: expect.stringContaining('signed in as alice') }));

    const third = keychainTokens(t, 'moly')!;
    const logout = await runCli(['profile', 'logout', 'moly', '--json'], { env: t.env });
    stderr.push(logout.stderr, logout.stdout);
    expect(JSON.parse(logout.stdout)).toMatchObject({ was_signed_in: true, revoked: true });
    expect(keychainTokens(t, 'moly')).toBeNull();
    expect((await world.tryRefresh(third.refresh_token!, third.client_id, world.mcpUrl)).body.error).toBe('invalid_grant');

    // The running editor's next call is refused (401, nothing to refresh): the proxy signs in again.
    expect(resultText(await e.client.callTool({ name: 'whoami', arguments: {} }))).toMatch(/^alice /);
    await eventually(() => expect(browserRuns(t)).toHaveLength(2), 15_000); // the browser writes its record after the page
    expect(world.counts.registrations).toBe(1); // the registration was kept and reused
    const audit = readFileSync(join(t.tokentrayHome, 'audit', 'audit.log'), 'utf8');
    const kinds = audit.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; status: string });
    expect(kinds.filter((k) => k.kind === 'oauth.sign_in' && k.status === 'ok')).toHaveLength(2);
    expect(kinds.filter((k) => k.kind === 'oauth.refresh' && k.status === 'ok')).toHaveLength(world.counts.refreshGrants); // one line per refresh the server saw (2 or more on a slow machine)
    expect(kinds.filter((k) => k.kind === 'oauth.sign_out')).toHaveLength(1);
    // The browser was started with nothing secret in its argv or environment.
    for (const run of browserRuns(t)) for (const token of world.issued) expect(JSON.stringify([run.argv, run.env]).includes(token)).toBe(false);
  }, 120_000);

  it('steps up on 403 insufficient_scope: signs in again for the union of scopes and retries', async () => {
    await addAndLogin();
    const e = await editor();
    expect(resultText(await e.client.callTool({ name: 'write-note', arguments: { text: 'hi' } }))).toBe('noted: hi');
    expect(world.counts.forbidden).toBe(1);
    await eventually(() => expect(browserRuns(t)).toHaveLength(2), 15_000); // the browser writes its record after the page
    const record = keychainTokens(t, 'moly')!;
    expect(record.scopes).toEqual(expect.arrayContaining(['mcp:read', 'mcp:write']));
    expect(record.requested_scopes).toEqual(expect.arrayContaining(['openid', 'mcp:read', 'mcp:write']));
    expect(resultText(await e.client.callTool({ name: 'whoami', arguments: {} }))).toMatch(/mcp:write/);
  }, 120_000);

  it('five proxies across one refresh spend the rotating refresh token once', async () => {
    await addAndLogin();
    const five = await Promise.all([1, 2, 3, 4, 5].map(() => editor()));
    for (const e of five) expect(resultText(await e.client.callTool({ name: 'whoami', arguments: {} }))).toMatch(/^alice /);
    await untilExpired(t);
    const before = keychainTokens(t, 'moly')!;
    const refreshes = world.counts.refreshGrants;
    const answers = await Promise.all(five.map((e) => e.client.callTool({ name: 'whoami', arguments: {} })));
    for (const answer of answers) expect(resultText(answer)).toMatch(/^alice /);
    expect(world.counts.refreshGrants).toBe(refreshes + 1);
    expect(world.counts.grantErrors).toEqual([]);
    const after = keychainTokens(t, 'moly')!;
    expect(after.access_token).not.toBe(before.access_token);
    expect(new Set(world.accepted.slice(-5))).toEqual(new Set([after.access_token]));
  }, 120_000);
});
