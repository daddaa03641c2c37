/**
 * What a person may paste by mistake: a token as the label, in the URL or as the profile name, a
 * token with a NUL or another control character. Refused before anything is stored, the CLI and
 * the window alike (one core validation), and the refusal never repeats the token.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpc } from '../../electron/core/app/ipc-handlers';
import { createCoreContext } from '../../electron/core/context';
import { createCoreApp } from '../helpers/invoke';
import { fakeMolyPat, fakeMootupPat, filesContaining, makeTestEnv, runCli, type CliResult, type TestEnv } from '../helpers/cli';
import { secretToolLookup } from '../helpers/keychain';

let t: TestEnv;
beforeEach(() => {
  t = makeTestEnv();
});

const add = (name: string, extra: string[], input: string) => runCli(['profile', 'add', name, ...extra, '--json'], { env: t.env, input });
const mcpAdd = (name: string, url: string, input = fakeMolyPat(), extra: string[] = []) => add(name, ['--kind', 'mcp', '--url', url, '--expires', 'never', ...extra], input);

/** Exit 1, invalid_input, a message matching `why`, the secret nowhere in the output or on disk, nothing stored. */
function refused(res: CliResult, why: RegExp, secret: string, name?: string): void {
  expect(res.code, res.stderr).toBe(1);
  const error = (JSON.parse(res.stdout) as { error: { code: string; message: string } }).error;
  expect(error.code).toBe('invalid_input');
  expect(error.message).toMatch(why);
  expect(res.stdout + res.stderr).not.toContain(secret);
  expect(filesContaining(t.root, secret)).toEqual([]);
  if (name) expect(secretToolLookup(t.service, name)).toBeNull();
}

function ipc() {
  const { handlers } = createCoreApp(createCoreContext(t.env));
  return (channel: string, payload: unknown) => dispatchIpc(handlers, channel, payload) as Promise<{ ok: boolean; code?: string; message: string }>;
}

describe('a token where a label, a URL or a name belongs', () => {
  it('--label holding a token is refused at add and at set', async () => {
    const pat = fakeMootupPat();
    refused(await add('work', ['--kind', 'mootup', '--url', 'https://mootup.io', '--label', `laptop ${pat}`], fakeMootupPat()), /--label .*looks like a token/, pat, 'work');
    const opaque = randomBytes(24).toString('hex');
    refused(await mcpAdd('svc', 'https://mcp.example/mcp', fakeMolyPat(), ['--label', opaque]), /--label/, opaque, 'svc');
    expect((await add('work', ['--kind', 'mootup', '--url', 'https://mootup.io', '--label', 'Laptop 2024'], fakeMootupPat())).code).toBe(0);
    const set = await runCli(['profile', 'set', 'work', '--label', pat, '--json'], { env: t.env });
    refused(set, /--label .*looks like a token/, pat);
    expect(JSON.parse(readFileSync(join(t.tokentrayHome, 'profiles.json'), 'utf8')).profiles[0].label).toBe('Laptop 2024');
  });

  it('a URL with a token in its query, fragment or userinfo is refused, naming the part but not the value', async () => {
    const secret = randomBytes(20).toString('base64url');
    refused(await mcpAdd('a', `https://mcp.example/mcp?access_token=${secret}`), /--url: .*query parameter "access_token"/, secret, 'a');
    const moly = fakeMolyPat();
    refused(await mcpAdd('b', `https://mcp.example/mcp?team=x&k=${moly}`), /--url: .*query parameter "k"/, moly, 'b');
    refused(await mcpAdd('c', `https://mcp.example/mcp#api_key=${secret}`), /--url: .*"api_key"/, secret, 'c');
    refused(await mcpAdd('d', `https://bob:${secret}@mcp.example/mcp`), /--url: .*credentials/, secret, 'd');
    const pat = fakeMootupPat();
    refused(await add('e', ['--kind', 'mootup', '--url', 'https://mootup.io', '--mcp-url', `https://mootup.io/mcp?token=${pat}`], fakeMootupPat()), /--mcp-url: .*"token"/, pat, 'e');
    // A token pasted where the URL belongs is not repeated in "not a valid URL".
    refused(await mcpAdd('f', pat), /--url: .*not a valid URL/, pat, 'f');
    // Ordinary queries stay fine.
    expect((await mcpAdd('g', 'https://mcp.example/mcp?region=eu&v=2')).code).toBe(0);
    expect(existsSync(join(t.tokentrayHome, 'profiles.json'))).toBe(true);
  });

  it('a token pasted as the profile name is refused without being repeated, wherever a name is taken', async () => {
    const pat = fakeMootupPat();
    refused(await add(pat, ['--kind', 'mootup', '--url', 'https://mootup.io'], fakeMootupPat()), /profile name looks like a token/, pat);
    const hex = randomBytes(20).toString('hex'); // a valid slug, yet a token
    refused(await mcpAdd(hex, 'https://mcp.example/mcp'), /profile name looks like a token/, hex, hex);
    for (const args of [['profile', 'show', hex], ['profile', 'remove', hex], ['profile', 'check', hex], ['pat', 'list', pat]]) {
      const res = await runCli([...args, '--json'], { env: t.env });
      expect(res.code).toBe(1);
      expect(res.stdout + res.stderr, args.join(' ')).not.toContain(args[2]!);
    }
    const extra = await runCli(['profile', 'add', 'work', hex, '--kind', 'mootup', '--url', 'https://mootup.io'], { env: t.env, input: fakeMootupPat() });
    expect(extra.code).toBe(2);
    expect(extra.stderr).not.toContain(hex);
  });

  it('the window gets the same refusals through the same core validation', async () => {
    const call = ipc();
    const pat = fakeMootupPat();
    expect(await call('profile:add', { name: 'work', kind: 'mootup', url: 'https://mootup.io', label: pat, token: fakeMootupPat() })).toMatchObject({ ok: false, code: 'invalid_input' });
    const secret = randomBytes(20).toString('base64url');
    const viaUrl = await call('profile:add', { name: 'svc', kind: 'mcp', url: `https://mcp.example/mcp?access_token=${secret}`, token: fakeMolyPat() });
    expect(viaUrl).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(JSON.stringify(viaUrl)).not.toContain(secret);
    const hex = randomBytes(20).toString('hex');
    const viaName = await call('profile:add', { name: hex, kind: 'mcp', url: 'https://mcp.example/mcp', token: fakeMolyPat() });
    expect(viaName).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(JSON.stringify(viaName)).not.toContain(hex);
    expect(existsSync(join(t.tokentrayHome, 'profiles.json'))).toBe(false);
  });
});

describe('a token with a control character', () => {
  it('NUL, other control characters and invisible format characters are refused; a trailing newline or CR is stripped', async () => {
    const pat = fakeMootupPat();
    for (const [bad, what] of [
      [`${pat.slice(0, 20)}\0${pat.slice(20)}`, 'U+0000'],
      [`${pat}\0`, 'U+0000'],
      [`${pat.slice(0, 30)}\u001b${pat.slice(30)}`, 'U+001B'],
      [`${pat.slice(0, 30)}\u0085${pat.slice(30)}`, 'U+0085'],
      [`${pat.slice(0, 30)}\ufeff${pat.slice(30)}`, 'U+FEFF'],
      [`${pat.slice(0, 30)}\u200b${pat.slice(30)}`, 'U+200B'],
    ] as const) {
      const res = await add('work', ['--kind', 'mootup', '--url', 'https://mootup.io'], bad);
      refused(res, new RegExp(`token refused: .*(control|invisible) character \\(${what.replace('+', '\\+')} at position \\d+\\)`), pat.slice(11, 40), 'work');
    }
    const ok = await add('work', ['--kind', 'mootup', '--url', 'https://mootup.io'], `${pat}\r\n`);
    expect(ok.code, ok.stderr).toBe(0);
    expect(secretToolLookup(t.service, 'work')).toBe(pat);
    const replaced = await runCli(['profile', 'replace', 'work', '--json'], { env: t.env, input: `${fakeMootupPat()}\0x` });
    expect(replaced.code).toBe(1);
    expect(JSON.parse(replaced.stdout).error.message).toMatch(/control character \(U\+0000/);
    expect(secretToolLookup(t.service, 'work')).toBe(pat);
  });

  it('the same through IPC', async () => {
    const call = ipc();
    const pat = fakeMootupPat();
    const res = await call('profile:add', { name: 'work', kind: 'mootup', url: 'https://mootup.io', token: `${pat.slice(0, 20)}\0${pat.slice(20)}` });
    expect(res).toMatchObject({ ok: false, code: 'invalid_input', message: expect.stringMatching(/control character \(U\+0000 at position 21\)/) });
    expect(secretToolLookup(t.service, 'work')).toBeNull();
  });
});
