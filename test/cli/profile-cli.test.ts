import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeMolyPat, fakeMootupPat, filesContaining, makeTestEnv, runCli, type TestEnv } from '../helpers/cli';
import { secretToolLookup } from '../helpers/keychain';

let t: TestEnv;
beforeEach(() => {
  t = makeTestEnv();
});

const addMootup = (name: string, token: string, extra: string[] = []) =>
  runCli(['profile', 'add', name, '--kind', 'mootup', '--url', 'https://mootup.io', ...extra], { env: t.env, input: `${token}\n` });

describe('profile add → list → show → remove, on the real keychain', () => {
  it('stores the token only in the Secret Service and shows only its hint', async () => {
    const token = fakeMootupPat();
    const added = await addMootup('demo', token, ['--json']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const profile = JSON.parse(added.stdout);
    expect(profile).toMatchObject({ name: 'demo', kind: 'mootup', url: 'https://mootup.io', token_prefix: token.slice(11, 19), has_token: true });
    expect(profile.token_hint).toBe(`mootup_pat_${token.slice(11, 19)}…${token.slice(-4)}`);

    // The keychain itself (libsecret's secret-tool, not our code) holds the token.
    expect(secretToolLookup(t.service, 'demo')).toBe(token);

    const list = await runCli(['profile', 'list', '--json'], { env: t.env });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ name: 'demo', status: 'unchecked' })]);
    const listText = await runCli(['profile', 'list'], { env: t.env });
    expect(listText.stdout).toContain('demo');
    expect(listText.stdout).toContain(profile.token_hint);

    const show = await runCli(['profile', 'show', 'demo'], { env: t.env });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(profile.token_hint);

    const mode = statSync(join(t.tokentrayHome, 'profiles.json')).mode & 0o777;
    expect(mode).toBe(0o600);

    for (const output of [added, list, listText, show]) {
      expect(output.stdout + output.stderr).not.toContain(token);
    }
    expect(filesContaining(t.root, token)).toEqual([]);

    const removed = await runCli(['profile', 'remove', 'demo'], { env: t.env });
    expect(removed.code).toBe(0);
    expect(secretToolLookup(t.service, 'demo')).toBeNull();
    expect(JSON.parse((await runCli(['profile', 'list', '--json'], { env: t.env })).stdout)).toEqual([]);
    expect(filesContaining(t.root, token)).toEqual([]);
  });

  it('accepts an mcp token of unknown shape with a warning, and records expiry', async () => {
    const odd = `custom-${'x'.repeat(30)}`;
    const res = await runCli(['profile', 'add', 'other', '--kind', 'mcp', '--url', 'https://api.example.com/mcp', '--expires', '2099-01-01', '--json'], { env: t.env, input: odd });
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/warning: token shape not recognised/);
    expect(JSON.parse(res.stdout)).toMatchObject({ kind: 'mcp', expires_at: '2099-01-01', token_hint: `…${odd.slice(-4)}` });
    expect(secretToolLookup(t.service, 'other')).toBe(odd);

    const moly = fakeMolyPat();
    const ok = await runCli(['profile', 'add', 'moly', '--kind', 'mcp', '--url', 'https://api.moly.so/mcp', '--expires', 'never'], { env: t.env, input: moly });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
  });
});

describe('bad input gets the right exit code and a message a person understands', () => {
  it('refuses a wrong-shape mootup token, naming the expected shape', async () => {
    const res = await addMootup('demo', `mp_${'a'.repeat(43)}`);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('mootup_pat_" followed by 60 lowercase hex characters');
    expect(existsSync(join(t.tokentrayHome, 'profiles.json'))).toBe(false);
    expect(secretToolLookup(t.service, 'demo')).toBeNull();
  });

  it('refuses empty stdin', async () => {
    const res = await addMootup('demo', '');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/no token on stdin/);
  });

  it('refuses a name that is not a slug', async () => {
    const res = await addMootup('Not A Slug', fakeMootupPat());
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/not a valid profile name/);
  });

  it('refuses a duplicate name and keeps the first token', async () => {
    const first = fakeMootupPat();
    expect((await addMootup('demo', first)).code).toBe(0);
    const res = await addMootup('demo', fakeMootupPat());
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/already exists/);
    expect(secretToolLookup(t.service, 'demo')).toBe(first);
  });

  it('reports an unknown profile', async () => {
    for (const cmd of [['show', 'ghost'], ['remove', 'ghost']]) {
      const res = await runCli(['profile', ...cmd], { env: t.env });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/no profile named "ghost"/);
    }
  });

  it('gives usage errors exit 2: unknown option, missing argument, bad --kind, token in argv', async () => {
    expect((await runCli(['profile', 'add'], { env: t.env })).code).toBe(2);
    expect((await runCli(['profile', 'add', 'x', '--kind', 'nope', '--url', 'https://a.b'], { env: t.env, input: fakeMootupPat() })).code).toBe(2);
    const tokenArg = await runCli(['profile', 'add', 'x', '--token', fakeMootupPat(), '--kind', 'mootup', '--url', 'https://a.b'], { env: t.env });
    expect(tokenArg.code).toBe(2);
    expect((await runCli(['frobnicate'], { env: t.env })).code).toBe(2);
    const json = await runCli(['profile', 'show', '--json'], { env: t.env });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error.code).toBe('usage');
  });

  it('refuses plain http to a non-loopback host but allows loopback', async () => {
    const bad = await runCli(['profile', 'add', 'x', '--kind', 'mootup', '--url', 'http://mootup.io'], { env: t.env, input: fakeMootupPat() });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/plain HTTP/);
    const good = await runCli(['profile', 'add', 'x', '--kind', 'mootup', '--url', 'http://127.0.0.1:9999'], { env: t.env, input: fakeMootupPat() });
    expect(good.code).toBe(0);
  });

  it('leaves a corrupt profiles.json untouched with a clear error', async () => {
    mkdirSync(t.tokentrayHome, { recursive: true });
    const path = join(t.tokentrayHome, 'profiles.json');
    writeFileSync(path, '{"profiles": [oops', { mode: 0o600 });
    for (const args of [['profile', 'list'], ['profile', 'add', 'demo', '--kind', 'mootup', '--url', 'https://mootup.io']]) {
      const res = await runCli(args, { env: t.env, input: fakeMootupPat() });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/profiles\.json is corrupt .*left untouched/);
    }
    expect(readFileSync(path, 'utf8')).toBe('{"profiles": [oops');
    expect(secretToolLookup(t.service, 'demo')).toBeNull();
  });

  it('reports an unreadable profiles.json and leaves it alone', async () => {
    // A folder where the file should be cannot be read even by root (file modes can, for root).
    const path = join(t.tokentrayHome, 'profiles.json');
    mkdirSync(path, { recursive: true });
    const res = await runCli(['profile', 'list'], { env: t.env });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/cannot read .*profiles\.json \(EISDIR\)/);
    expect(statSync(path).isDirectory()).toBe(true);
  });
});

describe('no keychain reachable', () => {
  it('fails with the typed error, exit 1, and writes nothing', async () => {
    const env = { ...t.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tokentray-bus' };
    const token = fakeMootupPat();
    const res = await runCli(['profile', 'add', 'demo', '--kind', 'mootup', '--url', 'https://mootup.io', '--json'], { env, input: token });
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).error.code).toBe('keychain_unavailable');
    expect(res.stderr).toMatch(/OS keychain .* not usable: no Secret Service is reachable on D-Bus/);
    expect(res.stderr).toMatch(/never stores tokens in plain text/);
    expect(existsSync(join(t.tokentrayHome, 'profiles.json'))).toBe(false);
    expect(filesContaining(t.root, token)).toEqual([]);

    const doctor = await runCli(['doctor', '--json'], { env });
    expect(doctor.code).toBe(1);
    expect(JSON.parse(doctor.stdout).checks[0]).toMatchObject({ id: 'keychain', status: 'fail' });
  });
});

describe('doctor', () => {
  it('lists missing tokens and orphan keychain entries', async () => {
    expect((await addMootup('one', fakeMootupPat())).code).toBe(0);
    expect((await addMootup('two', fakeMootupPat())).code).toBe(0);
    expect((await addMootup('stray', fakeMootupPat())).code).toBe(0);
    // Break the pairing from outside our code: delete one secret with libsecret's tool, and lose
    // the metadata of another (as a hand-edited or restored profiles.json would).
    const { spawnSync } = await import('node:child_process');
    expect(spawnSync('secret-tool', ['clear', 'service', t.service, 'account', 'two']).status).toBe(0);
    const path = join(t.tokentrayHome, 'profiles.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.profiles = file.profiles.filter((p: { name: string }) => p.name !== 'stray');
    writeFileSync(path, JSON.stringify(file));

    const res = await runCli(['doctor', '--json'], { env: t.env });
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout);
    expect(report.ok).toBe(false);
    expect(report.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'keychain', status: 'ok' }),
        expect.objectContaining({ id: 'profiles_file', status: 'ok' }),
        expect.objectContaining({ id: 'profile_token', subject: 'one', status: 'ok' }),
        expect.objectContaining({ id: 'profile_token', subject: 'two', status: 'fail' }),
        expect.objectContaining({ id: 'orphan_token', subject: 'stray', status: 'warn' }),
      ]),
    );
  });
});

describe('help', () => {
  it('prints top-level and per-command help with exit 0', async () => {
    const top = await runCli(['--help'], { env: t.env });
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('tokentray profile add <name>');
    const cmd = await runCli(['profile', 'add', '--help'], { env: t.env });
    expect(cmd.code).toBe(0);
    expect(cmd.stdout).toContain('--expires <YYYY-MM-DD|never>');
    const group = await runCli(['profile', '--help'], { env: t.env });
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('tokentray profile remove <name>');
  });
});
