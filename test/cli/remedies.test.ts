/**
 * Every remedy core produces, produced by a real failing action (built CLI, real keychain, the sandbox
 * mootup server on 127.0.0.1), and worded by the CLI as the command line to type next. The remedy
 * stays data in `--json` (error.remedy or the result's remedy), so the window can make it a button.
 */
import { describe, expect, it } from 'vitest';
import { fakeMootupPat, makeTestEnv, runCli } from '../helpers/cli';
import { haveTestKeychain } from '../helpers/keychain';
import { startPrivateKeyring } from '../helpers/private-keyring';
import { createWorld, entryOf } from '../helpers/world';

const w = createWorld();

describe.runIf(haveTestKeychain())('remedies, as the CLI says them', () => {
  it('confirm (takeover of a connected agent): exit 3, the same command again with --force', async () => {
    const builder = w.sb.agents.connectedElsewhere;
    await w.workspace('proj', [entryOf(builder)]);
    const human = await w.cli(['agents', 'takeover', builder.actor_id]);
    expect(human.code).toBe(3);
    expect(human.stderr).toContain(`stops the key that installation uses at once. To take it over here anyway, run \`tokentray agents takeover ${builder.actor_id} --force\`.`);
    const json = await w.json(['agents', 'takeover', builder.actor_id]);
    expect(json.value).toMatchObject({ ok: false, error: { code: 'needs_confirmation', remedy: { kind: 'confirm', action: 'takeover' } } });
  });

  it('confirm (revoking the PAT the profile holds): exit 3, the same command again with --force', async () => {
    const json = await w.json(['pat', 'revoke', 'work', w.sb.humanPatId]);
    expect(json.code).toBe(3);
    expect(json.value).toMatchObject({ error: { code: 'needs_confirmation', remedy: { kind: 'confirm', action: 'pat-revoke' } } });
    expect(json.stderr).toContain(`To revoke it anyway, run \`tokentray pat revoke work ${w.sb.humanPatId} --force\`.`);
  });

  it('replace-token (a revoked token, seen by profile check and by an agent action): `tokentray profile replace work`', async () => {
    w.sb.state.revokeToken(w.sb.humanPat);
    const check = await w.cli(['profile', 'check', 'work']);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('token revoked or invalid: 127.0.0.1');
    expect(check.stderr).toContain('(401); store a new one with `tokentray profile replace work`');
    const json = await w.json(['profile', 'check', 'work']);
    expect(json.value).toMatchObject({ status: 'revoked', remedy: { kind: 'replace-token', profile: 'work' }, message: expect.stringContaining('`tokentray profile replace work`') });

    const release = await w.json(['agents', 'release', w.sb.agents.connectedHere.actor_id]);
    expect(release.code).toBe(1);
    expect(release.value).toMatchObject({ error: { code: 'unauthorized', remedy: { kind: 'replace-token', profile: 'work' } } });
    expect(release.stderr).toContain('store a new one with `tokentray profile replace work`');
  });

  it('replace-token (no token in the keychain) and sign-in (an OAuth profile not signed in)', async () => {
    const t = makeTestEnv();
    const run = (args: string[], input = '') => runCli(args, { env: t.env, input });
    expect((await run(['profile', 'add', 'pre', '--kind', 'mcp', '--url', 'https://mcp.example.com/mcp', '--auth', 'oauth'])).code).toBe(0);
    const check = await run(['profile', 'check', 'pre', '--json']);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout)).toMatchObject({ status: 'error', remedy: { kind: 'sign-in', profile: 'pre' }, message: expect.stringMatching(/not signed in; sign in with `tokentray profile login pre`$/) });
    const replace = await run(['profile', 'replace', 'pre'], fakeMootupPat());
    expect(replace.stderr).toContain('there is no token to replace; sign in with `tokentray profile login pre`');
  });

  it('unlock-keychain (a locked keyring): the desktop\'s way to unlock it, and the remedy as data', async () => {
    const keyring = await startPrivateKeyring();
    try {
      const t = makeTestEnv(keyring.env);
      expect((await runCli(['profile', 'add', 'work', '--kind', 'mootup', '--url', 'http://127.0.0.1:9'], { env: t.env, input: fakeMootupPat() })).code).toBe(0);
      keyring.lock();
      const res = await runCli(['profile', 'show', 'work', '--json'], { env: t.env });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('Your keyring is locked: unlock it (log in again, or open Passwords and Keys) and retry');
      expect(JSON.parse(res.stdout)).toMatchObject({ error: { code: 'keychain_locked', remedy: { kind: 'unlock-keychain' } } });
    } finally {
      keyring.stop();
    }
  });
});
