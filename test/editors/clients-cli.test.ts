import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeMolyPat, filesContaining, makeTestEnv, type TestEnv } from '../helpers/cli';
import { secretToolLookup } from '../helpers/keychain';
import { ALL_CLIENTS, FIXTURES, MOLY_URL, expectedEntry, parseFile, proxyEnvOf, readClientFile, serversOf } from './client-fixtures';
import { LAUNCHER, addMcpProfile, cli, put } from './editor-fixtures';

let t: TestEnv;
beforeEach(async () => {
  t = makeTestEnv();
  expect((await addMcpProfile(t, 'work', fakeMolyPat())).code).toBe(0);
});

/** Settings of a migrated entry that are the user's own choices, per the docs' remote shapes in client-fixtures. */
const KEPT: Record<string, Record<string, unknown>> = {
  gemini: { timeout: 5000 },
  copilot: { tools: ['*'] },
  opencode: { enabled: true },
  cline: { disabled: false, autoApprove: ['search'] },
  roo: { alwaysAllow: ['search'] },
  goose: { enabled: true, timeout: 300 },
  kiro: { disabled: false, autoApprove: ['search'] },
};

describe.each(ALL_CLIENTS)('%s', (id) => {
  const f = FIXTURES[id];

  it('install writes exactly the client\'s stdio entry (with the proxy\'s env) into a missing file, mode 0600; again is a no-op; remove takes it out', async () => {
    const file = f.user(t);
    const res = await cli(t, ['editors', 'install', id, 'work', '--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ editor: id, scope: 'user', file, name: 'work', changed: true, backup: null, command: LAUNCHER, env: proxyEnvOf(t) });
    expect(serversOf(f, readClientFile(f, file))).toEqual({ work: expectedEntry(id, 'work', 'work', LAUNCHER, proxyEnvOf(t)) });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const again = await cli(t, ['editors', 'install', id, 'work', '--json']);
    expect(JSON.parse(again.stdout).changed).toBe(false);
    const removed = await cli(t, ['editors', 'remove', id, 'work', '--json']);
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout).removed).toEqual(['work']);
    expect(serversOf(f, readClientFile(f, file))).toEqual({});
  });

  it('round-trips a file shaped as the docs show: comments and formatting survive install, and remove restores every byte', async () => {
    const file = f.user(t);
    const text = f.doc();
    put(file, text, 0o640);
    const before = serversOf(f, parseFile(f.format, text));
    const res = await cli(t, ['editors', 'install', id, 'work', '--name', 'tt', '--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const installed = readFileSync(file, 'utf8');
    for (const kept of f.keep) expect(installed).toContain(kept);
    expect(serversOf(f, parseFile(f.format, installed))).toEqual({ ...before, tt: expectedEntry(id, 'tt', 'work', LAUNCHER, proxyEnvOf(t)) });
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(`${file}.tokentray-backup`, 'utf8')).toBe(text);

    expect((await cli(t, ['editors', 'remove', id, 'work', '--name', 'tt'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('scan finds a pasted token in the client\'s remote shape; migrate moves it to the keychain, swaps in the proxy entry and leaves no copy', async () => {
    const file = f.user(t);
    const token = fakeMolyPat();
    put(file, f.doc(token));
    const scan = await cli(t, ['editors', 'scan', '--json']);
    expect(scan.code).toBe(0);
    const findings = JSON.parse(scan.stdout).findings;
    expect(findings).toEqual([expect.objectContaining({ editor: id, file, server: 'remote', token_hint: `${token.slice(0, 7)}…${token.slice(-4)}` })]);
    expect(scan.stdout + scan.stderr).not.toContain(token);

    const res = await cli(t, ['editors', 'migrate', '--yes', '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).migrated).toEqual([expect.objectContaining({ editor: id, server: 'remote', profile: 'remote', profile_kind: 'mcp', url: MOLY_URL })]);
    expect(secretToolLookup(t.service, 'remote')).toBe(token);
    const after = readFileSync(file, 'utf8');
    for (const kept of f.keep) expect(after).toContain(kept);
    const servers = serversOf(f, parseFile(f.format, after));
    expect(servers.remote).toEqual({ ...expectedEntry(id, 'remote', 'remote', LAUNCHER, proxyEnvOf(t)), ...KEPT[id] });
    expect(Object.keys(servers).sort()).toEqual(Object.keys(serversOf(f, parseFile(f.format, f.doc(token)))).sort());
    expect(filesContaining(t.root, token)).toEqual([]);
    expect(res.stdout + res.stderr).not.toContain(token);
    expect(JSON.parse((await cli(t, ['editors', 'scan', '--json'])).stdout).findings).toEqual([]);
  });

  it.runIf(f.project !== undefined)('project scope writes the portable `tokentray` command (no machine paths) and says so', async () => {
    const dir = join(t.root, 'proj');
    const res = await cli(t, ['editors', 'install', id, 'work', '--scope', 'project', '--project', dir]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/shared through git, so this entry runs `tokentray` found on PATH/);
    const file = f.project!(dir, 'work');
    expect(serversOf(f, readClientFile(f, file))).toEqual({ work: expectedEntry(id, 'work', 'work', 'tokentray') });
    expect(readFileSync(file, 'utf8')).not.toContain(t.tokentrayHome);
    const list = JSON.parse((await cli(t, ['editors', 'list', '--project', dir, '--json'])).stdout);
    const view = list.find((e: { editor: string }) => e.editor === id);
    expect(view.files).toEqual(expect.arrayContaining([expect.objectContaining({ scope: 'project', path: file, entries: [{ name: 'work', profile: 'work', command: 'tokentray' }] })]));
    expect((await cli(t, ['editors', 'remove', id, 'work', '--scope', 'project', '--project', dir])).code).toBe(0);
    if (id === 'continue') expect(existsSync(file)).toBe(false);
    else expect(serversOf(f, readClientFile(f, file))).toEqual({});
  });
});
