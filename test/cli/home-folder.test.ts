/**
 * TOKENTRAY_HOME that cannot hold tokentray's files: a file where the folder should be, a folder
 * the user may not write, a place where no folder can be made (/proc). Each gives an error that
 * names the path and what to do — never a raw EACCES/EEXIST — and no command ever spins.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeMootupPat, makeTestEnv, runCli, type TestEnv } from '../helpers/cli';

const NOBODY = { uid: 65534, gid: 65534 };
const asRoot = process.getuid?.() === 0;

function world(home: (t: TestEnv) => string): TestEnv {
  const base = makeTestEnv();
  const dir = home(base);
  return { ...base, tokentrayHome: dir, env: { ...base.env, TOKENTRAY_HOME: dir } };
}

const add = (t: TestEnv, extra: Parameters<typeof runCli>[1] = { env: t.env }) =>
  runCli(['profile', 'add', 'work', '--kind', 'mootup', '--url', 'https://mootup.io'], { input: fakeMootupPat(), killAfterMs: 20_000, ...extra });

describe('a TOKENTRAY_HOME that cannot be used', () => {
  it('a file where the folder should be: the command says so and names it', async () => {
    const t = world((b) => join(b.root, 'not-a-folder'));
    writeFileSync(t.tokentrayHome, 'x');
    for (const args of [['profile', 'list'], ['profile', 'add', 'work', '--kind', 'mootup', '--url', 'https://mootup.io'], ['workspace', 'list']]) {
      const res = await runCli(args, { env: t.env, input: fakeMootupPat(), killAfterMs: 20_000 });
      expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(1);
      expect(res.stderr).toContain(`tokentray's folder ${t.tokentrayHome} (TOKENTRAY_HOME) is not a folder`);
      expect(res.stderr).toMatch(/move that file aside, or set TOKENTRAY_HOME to a folder/);
    }
  });

  it('a folder the user may not write: reading works, a write names the folder and what to do', async () => {
    const t = world((b) => join(b.root, 'read-only'));
    mkdirSync(t.tokentrayHome, { mode: 0o555 });
    chmodSync(t.tokentrayHome, 0o555);
    chmodSync(t.root, 0o755); // so another user can reach it
    const user = asRoot ? { asUser: NOBODY } : {};
    const list = await runCli(['profile', 'list'], { env: t.env, killAfterMs: 20_000, ...user });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/No profiles yet/);
    const res = await add(t, { env: t.env, ...user });
    expect(res.code, res.stderr).toBe(1);
    expect(res.stderr).toMatch(new RegExp(`cannot write .*${t.tokentrayHome}.*: permission denied`));
    expect(res.stderr).toContain(`make tokentray's folder ${t.tokentrayHome} (TOKENTRAY_HOME) writable`);
    expect(res.stderr).toMatch(/or set TOKENTRAY_HOME to a folder you can write/);
  });

  it('a place where no folder can be made (/proc): every command finishes and says so', async () => {
    const t = world(() => `/proc/tokentray-test-${randomBytes(4).toString('hex')}/home`);
    const version = await runCli(['--version'], { env: t.env, killAfterMs: 20_000 });
    expect(version.code, 'tokentray --version must not spin').toBe(0);
    for (const args of [['profile', 'list'], ['profile', 'add', 'work', '--kind', 'mootup', '--url', 'https://mootup.io'], ['doctor']]) {
      const res = await runCli(args, { env: t.env, input: fakeMootupPat(), killAfterMs: 20_000 });
      expect(res.code, `${args.join(' ')} must finish by itself: ${res.stderr}`).toBe(1);
      expect(res.stderr).toContain(`cannot create tokentray's folder ${t.tokentrayHome} (TOKENTRAY_HOME)`);
      expect(res.stderr).toMatch(/set TOKENTRAY_HOME to a folder you can write/);
    }
  });
});
