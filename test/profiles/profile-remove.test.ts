import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fakeMootupPat, makeTestEnv, runCli } from '../helpers/cli';
import { secretToolLookup } from '../helpers/keychain';

describe('profile remove says what it removed', () => {
  it('the metadata and the token when both are there', async () => {
    const t = makeTestEnv();
    await runCli(['profile', 'add', 'work', '--kind', 'mootup', '--url', 'https://mootup.io'], { env: t.env, input: fakeMootupPat() });
    const res = await runCli(['profile', 'remove', 'work', '--json'], { env: t.env });
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ name: 'work', removed: true, token_deleted: true });
    expect(secretToolLookup(t.service, 'work')).toBeNull();
    const human = await runCli(['profile', 'list'], { env: t.env });
    expect(human.stdout).toMatch(/No profiles yet/);
  });

  it('only the metadata, and says so, when the keychain held no token for it', async () => {
    const t = makeTestEnv();
    await runCli(['profile', 'add', 'work', '--kind', 'mootup', '--url', 'https://mootup.io'], { env: t.env, input: fakeMootupPat() });
    expect(spawnSync('secret-tool', ['clear', 'service', t.service, 'account', 'work'], { env: t.env }).status).toBe(0);
    const res = await runCli(['profile', 'remove', 'work'], { env: t.env });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^Removed profile work; it had no token in the keychain/);
    expect(res.stdout).not.toMatch(/and its keychain entry/);
  });
});
