import { existsSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from '../../electron/core/editors/jsonc';
import { fakeMolyPat, fakeMootupPat, filesContaining, makeTestEnv, type TestEnv } from '../helpers/cli';
import { secretToolLookup } from '../helpers/keychain';
import { proxyEnvOf } from './client-fixtures';
import { LAUNCHER, addMcpProfile, cli, put, readJson, userFile } from './editor-fixtures';

let t: TestEnv;
beforeEach(() => {
  t = makeTestEnv();
});

const proxy = (profile: string) => ({ command: LAUNCHER, args: ['mcp', profile], env: proxyEnvOf(t) });

/** Pasted tokens in four editors, one local server with no URL, and one broken file. */
function setUp() {
  const tokens = { mootup: fakeMootupPat(), moly: fakeMolyPat(), moly2: fakeMolyPat(), local: fakeMolyPat(), broken: fakeMolyPat() };
  put(
    userFile(t, 'cursor'),
    JSON.stringify({ mcpServers: { mootup: { url: 'https://mootup.io/mcp', headers: { Authorization: `Bearer ${tokens.mootup}` }, disabled: false }, keep: { command: 'npx', args: ['x'] } } }, null, 2),
    0o644,
  );
  put(userFile(t, 'vscode'), `{\n  // my servers\n  "servers": {\n    "Moly": {"type": "http", "url": "https://api.moly.so/mcp", "headers": {"Authorization": "Bearer ${tokens.moly}"}},\n  },\n}\n`);
  // The same Moly token again in Windsurf: migrate reuses the profile made for VS Code.
  put(userFile(t, 'windsurf'), JSON.stringify({ mcpServers: { moly: { serverUrl: 'https://api.moly.so/mcp', headers: { Authorization: `Bearer ${tokens.moly}` } } } }));
  put(
    userFile(t, 'claude-desktop'),
    JSON.stringify({
      mcpServers: {
        moly: { command: 'npx', args: ['mcp-remote', 'https://api.moly.so/mcp', '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: `Bearer ${tokens.moly2}` } },
        local: { command: 'node', args: ['server.js'], env: { MOLY_TOKEN: tokens.local } },
      },
    }),
  );
  put(userFile(t, 'claude-code'), `{"mcpServers": {"moly": {"url": "https://api.moly.so/mcp", "headers": {"Authorization": "Bearer ${tokens.broken}"}}},,}`);
  return tokens;
}

describe('editors migrate', () => {
  it('asks first: without --yes on a non-terminal it lists the plan, changes nothing and exits 3', async () => {
    const tokens = setUp();
    const before = readFileSync(userFile(t, 'cursor'), 'utf8');
    const res = await cli(t, ['editors', 'migrate', '--json']);
    expect(res.code).toBe(3);
    const plan = JSON.parse(res.stdout);
    expect(plan.dry_run).toBe(true);
    expect(plan.migrated.map((m: { profile: string }) => m.profile).sort()).toEqual(['moly', 'moly', 'moly-2', 'mootup']);
    expect(readFileSync(userFile(t, 'cursor'), 'utf8')).toBe(before);
    expect(secretToolLookup(t.service, 'mootup')).toBeNull();
    const human = await cli(t, ['editors', 'migrate']);
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(/Would migrate mootup in .*mcp\.json: mootup_pat_\w{8}…\w{4} → new mootup profile "mootup"/);
    expect(human.stdout).toContain('--yes');
    for (const out of [res, human]) for (const token of Object.values(tokens)) expect(out.stdout + out.stderr).not.toContain(token);
  });

  it('moves every token into the keychain, leaves no copy on disk, and a second run does nothing', async () => {
    const tokens = setUp();
    const res = await cli(t, ['editors', 'migrate', '--yes', '--json']);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    const migrated = report.migrated.map((m: Record<string, unknown>) => [m.editor, m.server, m.profile, m.profile_kind, m.reuse]);
    expect(migrated).toEqual(
      expect.arrayContaining([
        ['cursor', 'mootup', 'mootup', 'mootup', false],
        ['vscode', 'Moly', 'moly', 'mcp', false],
        ['windsurf', 'moly', 'moly', 'mcp', true],
        ['claude-desktop', 'moly', 'moly-2', 'mcp', false],
      ]),
    );
    expect(migrated).toHaveLength(4);
    // The local server has no URL for the proxy; the broken file is reported and left alone.
    expect(report.skipped).toEqual([expect.objectContaining({ server: 'local', json_path: 'mcpServers.local.env.MOLY_TOKEN', reason: expect.stringMatching(/no remote MCP URL/) })]);
    expect(report.invalid_files).toEqual([expect.objectContaining({ file: userFile(t, 'claude-code') })]);

    // Tokens are in the keychain (read with libsecret's own tool), profiles have the entry's URLs.
    expect(secretToolLookup(t.service, 'mootup')).toBe(tokens.mootup);
    expect(secretToolLookup(t.service, 'moly')).toBe(tokens.moly);
    expect(secretToolLookup(t.service, 'moly-2')).toBe(tokens.moly2);
    const profiles = JSON.parse((await cli(t, ['profile', 'list', '--json'])).stdout);
    expect(profiles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'mootup', kind: 'mootup', url: 'https://mootup.io', mcp_url: 'https://mootup.io/mcp' }),
        expect.objectContaining({ name: 'moly', kind: 'mcp', url: 'https://api.moly.so/mcp' }),
        expect.objectContaining({ name: 'moly-2', kind: 'mcp', url: 'https://api.moly.so/mcp' }),
      ]),
    );
    expect(profiles).toHaveLength(3);

    // Each entry now launches the proxy; other entries, user settings and VS Code's comment stay.
    expect(readJson(userFile(t, 'cursor')).mcpServers).toEqual({ mootup: { ...proxy('mootup'), disabled: false }, keep: { command: 'npx', args: ['x'] } });
    const vscodeText = readFileSync(userFile(t, 'vscode'), 'utf8');
    expect(vscodeText).toContain('// my servers');
    expect(parse(vscodeText, [], { allowTrailingComma: true }).servers).toEqual({ Moly: { type: 'stdio', ...proxy('moly') } });
    expect(readJson(userFile(t, 'windsurf')).mcpServers.moly).toEqual(proxy('moly'));
    expect(readJson(userFile(t, 'claude-desktop')).mcpServers.moly).toEqual(proxy('moly-2'));

    // No copy anywhere under the temp root: configs, backups, profiles.json, audit log.
    for (const token of [tokens.mootup, tokens.moly, tokens.moly2]) expect(filesContaining(t.root, token)).toEqual([]);
    expect(existsSync(`${userFile(t, 'cursor')}.tokentray-backup`)).toBe(true);
    expect(readFileSync(`${userFile(t, 'cursor')}.tokentray-backup`, 'utf8')).toMatch(/REMOVED-BY-TOKENTRAY\(mootup_pat_\w{8}…\w{4}\)/);
    // What was left alone is still there, and nowhere else.
    expect(filesContaining(t.root, tokens.local)).toEqual([userFile(t, 'claude-desktop')]);
    expect(filesContaining(t.root, tokens.broken)).toEqual([userFile(t, 'claude-code')]);

    // The user is told the tokens were exposed, and what to do.
    expect(res.stderr).toMatch(/profile "mootup" .* treat it as exposed and rotate it with `tokentray pat rotate mootup`/);
    expect(res.stderr).toMatch(/profile "moly" .* revoke it at the service/);
    for (const token of Object.values(tokens)) expect(res.stdout + res.stderr).not.toContain(token);

    const snapshot = [userFile(t, 'cursor'), userFile(t, 'vscode'), userFile(t, 'windsurf'), userFile(t, 'claude-desktop')].map((f) => readFileSync(f, 'utf8'));
    const again = await cli(t, ['editors', 'migrate', '--yes', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).migrated).toEqual([]);
    expect([userFile(t, 'cursor'), userFile(t, 'vscode'), userFile(t, 'windsurf'), userFile(t, 'claude-desktop')].map((f) => readFileSync(f, 'utf8'))).toEqual(snapshot);
    expect(JSON.parse((await cli(t, ['profile', 'list', '--json'])).stdout)).toHaveLength(3);
    const scan = JSON.parse((await cli(t, ['editors', 'scan', '--json'])).stdout);
    expect(scan.findings.map((f: { json_path: string }) => f.json_path)).toEqual(['mcpServers.local.env.MOLY_TOKEN']);
  });

  it('reuses a profile that already holds the same token, and suffixes a clashing name', async () => {
    const token = fakeMolyPat();
    expect((await addMcpProfile(t, 'existing', token)).code).toBe(0);
    expect((await addMcpProfile(t, 'api', fakeMolyPat())).code).toBe(0);
    const other = fakeMolyPat();
    put(
      userFile(t, 'cursor'),
      JSON.stringify({
        mcpServers: {
          'My Moly': { url: 'https://api.moly.so/mcp', headers: { Authorization: `Bearer ${token}` } },
          API: { command: 'npx', args: ['mcp-remote', 'https://api.example.test/mcp', '--header', `Authorization: Bearer ${other}`] },
        },
      }),
    );
    const res = await cli(t, ['editors', 'migrate', '--yes', '--json']);
    expect(res.code).toBe(0);
    const migrated = JSON.parse(res.stdout).migrated.map((m: Record<string, unknown>) => [m.server, m.profile, m.reuse]);
    expect(migrated).toEqual([
      ['My Moly', 'existing', true],
      ['API', 'api-2', false],
    ]);
    expect(readJson(userFile(t, 'cursor')).mcpServers).toEqual({ 'My Moly': proxy('existing'), API: proxy('api-2') });
    expect(secretToolLookup(t.service, 'api-2')).toBe(other);
    expect(filesContaining(t.root, token)).toEqual([]);
    expect(filesContaining(t.root, other)).toEqual([]);
  });

  it('leaves alone what it cannot migrate safely, without quoting the token', async () => {
    const inUrl = `k${'9a'.repeat(15)}`;
    const overHttp = fakeMolyPat();
    const key = `convo_${'b7'.repeat(12)}`;
    put(
      userFile(t, 'windsurf'),
      JSON.stringify({
        mcpServers: {
          query: { serverUrl: `https://api.example.test/mcp?api_key=${inUrl}` },
          plain: { serverUrl: 'http://api.example.test/mcp', headers: { Authorization: `Bearer ${overHttp}` } },
        },
      }),
    );
    const ws = `${t.root}/ws`;
    put(`${ws}/.moot/actors.json`, `{"actors": [{"api_key": "${key}"} oops]}`);
    const res = await cli(t, ['editors', 'migrate', '--yes', '--dir', ws, '--json']);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.migrated).toEqual([]);
    expect(report.skipped.map((s: { server: string; reason: string }) => [s.server, s.reason])).toEqual([
      ['query', expect.stringMatching(/token is part of the URL/)],
      ['plain', expect.stringMatching(/plain HTTP/)],
    ]);
    expect(report.invalid_files).toEqual([expect.objectContaining({ message: expect.stringMatching(/actors\.json is not valid JSON \(\w+ at line 1, column \d+\)/) })]);
    for (const token of [inUrl, overHttp, key]) expect(res.stdout + res.stderr).not.toContain(token);
    expect(existsSync(`${t.tokentrayHome}/profiles.json`)).toBe(false);
  });

  it('with nothing to migrate, says so and exits 0 even without --yes', async () => {
    const res = await cli(t, ['editors', 'migrate']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Nothing to migrate/);
  });
});
