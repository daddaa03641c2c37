import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../electron/core/mcp/leak-guard';
import { fakeMolyPat, filesContaining, runCli } from '../helpers/cli';
import { addProfile, auditCalls, connectEditor, eventually, replaceToken, resultText, useProxyTest } from './helpers';

const s = useProxyTest();

async function profileStatus(): Promise<string> {
  const res = await runCli(['profile', 'show', 'moly', '--json'], { env: s.t.env });
  return JSON.parse(res.stdout).status;
}

describe('the token: injected from the keychain, re-read after a 401, never exposed', () => {
  it('picks up a rotation during a live session: the next call succeeds with the new token', async () => {
    await addProfile(s.t, 'moly', s.upstream.url, s.token);
    s.editor = await connectEditor(s.t, 'moly');
    expect(resultText(await s.editor.client.callTool({ name: 'echo', arguments: { text: 'before' } }))).toBe('before');

    const rotated = fakeMolyPat();
    s.upstream.accepted = rotated; // the service now refuses the old token…
    await replaceToken(s.t, 'moly', rotated); // …and the keychain holds the new one
    expect(resultText(await s.editor.client.callTool({ name: 'echo', arguments: { text: 'after' } }))).toBe('after');

    const firstNew = s.upstream.log.tokens.indexOf(rotated);
    expect(firstNew).toBeGreaterThan(0);
    expect(s.upstream.log.tokens.slice(firstNew).every((x) => x === rotated)).toBe(true);
    expect(await profileStatus()).not.toBe('revoked');
  });

  it('answers a revoked token with a clear error, records it, and recovers once a new token is stored', async () => {
    await addProfile(s.t, 'moly', s.upstream.url, s.token);
    s.editor = await connectEditor(s.t, 'moly');
    s.upstream.accepted = fakeMolyPat(); // revoked server-side; the keychain still has the old one

    const error = (await s.editor.client.callTool({ name: 'echo', arguments: { text: 'x' } }).catch((e: unknown) => e)) as Error & { code: number };
    expect(error).toMatchObject({ code: -32001 });
    expect(error.message).toMatch(/token of profile "moly" was refused \(HTTP 401\): it was revoked or is invalid/);
    expect(error.message).toContain('tokentray profile replace moly');
    expect(error.message).not.toContain(s.token);
    expect(await profileStatus()).toBe('revoked');
    await eventually(() => expect(auditCalls(s.t).find((c) => c.method === 'tools/call')).toMatchObject({ status: 'error', message: 'revoked' }));

    await replaceToken(s.t, 'moly', s.upstream.accepted);
    expect(resultText(await s.editor.client.callTool({ name: 'echo', arguments: { text: 'back' } }))).toBe('back');
    expect(await profileStatus()).toBe('ok'); // the new token worked: the revoked mark is gone
  });

  it('after a 401 storm, clears the revoked mark once the same token works again, in this session and in a new one', async () => {
    await addProfile(s.t, 'moly', s.upstream.url, s.token);
    s.editor = await connectEditor(s.t, 'moly');
    s.upstream.accepted = fakeMolyPat(); // the service refuses everything for a while…
    const storm = await Promise.all(Array.from({ length: 8 }, () => s.editor!.client.callTool({ name: 'echo', arguments: { text: 'x' } }).catch((e: unknown) => e as { code: number })));
    expect(storm.map((e) => (e as { code: number }).code)).toEqual(Array(8).fill(-32001));
    expect(await profileStatus()).toBe('revoked');
    s.upstream.accepted = s.token; // …then takes the very same token again
    expect(resultText(await s.editor.client.callTool({ name: 'echo', arguments: { text: 'back' } }))).toBe('back');
    await eventually(async () => expect(await profileStatus()).toBe('ok'));

    s.upstream.accepted = fakeMolyPat(); // another storm, and the editor restarts while the service still refuses
    await s.editor.client.callTool({ name: 'echo', arguments: { text: 'x' } }).catch(() => undefined);
    expect(await profileStatus()).toBe('revoked');
    await s.editor.close();
    s.upstream.accepted = s.token;
    s.editor = await connectEditor(s.t, 'moly'); // a new proxy: its first success clears the mark the last one set
    expect(resultText(await s.editor.client.callTool({ name: 'echo', arguments: { text: 'again' } }))).toBe('again');
    await eventually(async () => expect(await profileStatus()).toBe('ok'));
  });

  it('says an expired mcp token expired', async () => {
    await addProfile(s.t, 'moly', s.upstream.url, s.token, ['--kind', 'mcp', '--expires', '2020-01-01']);
    s.upstream.accepted = fakeMolyPat();
    const error = await connectEditor(s.t, 'moly').catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/token of profile "moly" expired on 2020-01-01 and was refused/);
  });

  it('replaces the token with a marker if the server ever echoes it, and warns on stderr', async () => {
    await addProfile(s.t, 'moly', s.upstream.url, s.token);
    s.editor = await connectEditor(s.t, 'moly');
    const text = resultText(await s.editor.client.callTool({ name: 'leak', arguments: {} }));
    expect(text).toBe(`the header said Bearer ${REDACTED} and that is all`);
    await eventually(() => expect(s.editor!.stderr()).toMatch(/contained the profile's token \(1×\)/));
  });

  it('keeps the token out of argv, the environment, stderr, the audit log and every file', async () => {
    await addProfile(s.t, 'moly', s.upstream.url, s.token);
    s.editor = await connectEditor(s.t, 'moly');
    await s.editor.client.callTool({ name: 'echo', arguments: { text: 'x' } });
    await s.editor.client.callTool({ name: 'leak', arguments: {} });
    s.upstream.accepted = fakeMolyPat();
    await s.editor.client.callTool({ name: 'echo', arguments: { text: 'x' } }).catch(() => undefined);

    const proc = `/proc/${s.editor.pid}`;
    const cmdline = readFileSync(join(proc, 'cmdline'), 'utf8');
    expect(cmdline.split('\0')).toEqual([process.execPath, expect.stringMatching(/tokentray\.js$/), 'mcp', 'moly', '']);
    expect(readFileSync(join(proc, 'environ'), 'utf8')).not.toContain(s.token);
    await eventually(() => expect(auditCalls(s.t).length).toBeGreaterThanOrEqual(4));
    await s.editor.close();
    s.editor = undefined;
    expect(filesContaining(s.t.root, s.token)).toEqual([]);
  });

  it('keeps the token out of stderr', async () => {
    await addProfile(s.t, 'moly', s.upstream.url, s.token);
    s.editor = await connectEditor(s.t, 'moly');
    await s.editor.client.callTool({ name: 'leak', arguments: {} });
    s.upstream.accepted = fakeMolyPat();
    await s.editor.client.callTool({ name: 'echo', arguments: { text: 'x' } }).catch(() => undefined);
    await eventually(() => expect(s.editor!.stderr()).toMatch(/revoked or is invalid/));
    expect(s.editor.stderr()).not.toContain(s.token);
  });
});
