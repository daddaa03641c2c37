/**
 * A real gnome-keyring, locked the way a desktop locks it. libsecret crashes keytar's
 * findCredentials on a locked collection (SIGSEGV after "secret_value_get_text: assertion 'value'
 * failed"), and getPassword/deletePassword quietly answer "nothing there". Every command must say
 * the keyring is locked instead — and never claim it removed what it could not.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI_PATH, fakeMootupPat, makeTestEnv, runCli, type CliResult, type TestEnv } from '../helpers/cli';
import { startPrivateKeyring, type PrivateKeyring } from '../helpers/private-keyring';
import { buildStandIn, readCalls, runMain } from '../main/stand-in-run';

const LOCKED = 'Your keyring is locked: unlock it (log in again, or open Passwords and Keys) and retry';

let keyring: PrivateKeyring;
let t: TestEnv;
let standIn = '';
beforeAll(async () => {
  standIn = await buildStandIn(makeTestEnv().root);
});
beforeEach(async () => {
  keyring = await startPrivateKeyring();
  t = makeTestEnv(keyring.env);
  const added = await runCli(['profile', 'add', 'work', '--kind', 'mootup', '--url', 'http://127.0.0.1:9'], { env: t.env, input: fakeMootupPat() });
  expect(added.code, added.stderr).toBe(0);
  keyring.lock();
});
afterEach(() => keyring.stop());

const cli = (...args: string[]) => runCli(args, { env: t.env });
const profileNames = () => (JSON.parse(readFileSync(join(t.tokentrayHome, 'profiles.json'), 'utf8')) as { profiles: Array<{ name: string }> }).profiles.map((p) => p.name);

/** Exit 1 (not a crash), the unlock advice on stderr, and `keychain_locked` in the JSON error. */
async function saysLocked(args: string[]): Promise<CliResult> {
  const res = await cli(...args, '--json');
  expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(1);
  expect(res.stderr).toContain(LOCKED);
  expect(res.stderr).not.toMatch(/Segmentation|CRITICAL/);
  expect(JSON.parse(res.stdout)).toMatchObject({ ok: false, error: { code: 'keychain_locked', message: expect.stringContaining(LOCKED) } });
  return res;
}

describe('a locked keyring', () => {
  it('profile list, show and check say it is locked (no SIGSEGV, no "missing token")', async () => {
    await saysLocked(['profile', 'list']);
    await saysLocked(['profile', 'show', 'work']);
    await saysLocked(['profile', 'check', 'work']);
    const human = await cli('profile', 'list');
    expect(human.code).toBe(1);
    expect(human.stderr).toBe(`tokentray: ${LOCKED}\n`);
  });

  it('doctor reports the locked keyring as a failed check and finishes', async () => {
    const res = await cli('doctor', '--json');
    expect(res.code, res.stderr).toBe(1);
    expect(res.stderr).not.toMatch(/Segmentation|CRITICAL/);
    const report = JSON.parse(res.stdout) as { checks: Array<{ id: string; status: string; message: string }> };
    expect(report.checks.find((c) => c.id === 'keychain')).toMatchObject({ status: 'fail', message: expect.stringContaining(LOCKED) });
    expect(report.checks.find((c) => c.id === 'profiles_file')).toMatchObject({ status: 'ok' });
  });

  it('profile remove refuses and keeps both the metadata and the token; nothing is claimed', async () => {
    const res = await saysLocked(['profile', 'remove', 'work']);
    expect(res.stdout + res.stderr).not.toMatch(/Removed/);
    expect(profileNames()).toEqual(['work']);
    expect(keyring.search({ service: t.service, account: 'work' }).locked).toHaveLength(1);
  });

  it('profile add says it is locked and stores nothing', async () => {
    const res = await runCli(['profile', 'add', 'two', '--kind', 'mootup', '--url', 'http://127.0.0.1:9', '--json'], { env: t.env, input: fakeMootupPat() });
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ error: { code: 'keychain_locked' } });
    expect(profileNames()).toEqual(['work']);
  });

  it('the MCP proxy tells the editor to unlock the keyring, not to replace the token', async () => {
    const proxy = spawn(process.execPath, [CLI_PATH, 'mcp', 'work'], { env: t.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const line = new Promise<string>((resolve) => {
      let out = '';
      proxy.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
    });
    proxy.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`);
    const answer = JSON.parse(await line) as { error?: { message: string } };
    proxy.stdin.end();
    proxy.kill();
    expect(answer.error?.message).toContain(LOCKED);
    expect(answer.error?.message).not.toMatch(/replace/);
  });

  it('the tray builds its state without crashing and shows the lock as the profiles error', async () => {
    const log = join(t.root, 'electron-calls.jsonl');
    const run = await runMain(standIn, t.env, log);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
    const state = readCalls(log).find((c) => c.api === 'drive' && c.args[0] === 'state:get trusted')?.args[1] as { errors: Array<{ source: string; message: string }> };
    expect(state.errors).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'profiles', message: expect.stringContaining(LOCKED) })]));
  });
});
