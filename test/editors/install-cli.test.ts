import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from '../../electron/core/editors/jsonc';
import { fakeMolyPat, fakeMootupPat, makeTestEnv, type TestEnv } from '../helpers/cli';
import { proxyEnvOf } from './client-fixtures';
import { LAUNCHER, addMcpProfile, cli, put, readJson, userFile } from './editor-fixtures';

let t: TestEnv;
beforeEach(async () => {
  t = makeTestEnv();
  expect((await addMcpProfile(t, 'work', fakeMolyPat())).code).toBe(0);
});

const EDITORS = ['cursor', 'vscode', 'claude-code', 'claude-desktop', 'windsurf'] as const;
/** The user-scope entry: this machine's launcher, and the test HOME's non-default TOKENTRAY_HOME and keychain service for the proxy. */
const entryFor = (editor: string, command = LAUNCHER, env: Record<string, string> | null = proxyEnvOf(t)) => ({ ...(editor === 'vscode' && { type: 'stdio' }), command, args: ['mcp', 'work'], ...(env && { env }) });
/** The project-scope entry: the portable `tokentray` from PATH, no machine paths. */
const projectEntryFor = (editor: string) => entryFor(editor, 'tokentray', null);
const keyFor = (editor: string) => (editor === 'vscode' ? 'servers' : 'mcpServers');

describe.each(EDITORS)('%s: install and remove round-trip', (editor) => {
  it('creates a missing file with just the proxy entry, mode 0600, and a launcher that runs', async () => {
    const file = userFile(t, editor);
    const res = await cli(t, ['editors', 'install', editor, 'work', '--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out).toMatchObject({ editor, scope: 'user', file, name: 'work', changed: true, backup: null, command: LAUNCHER, args: ['mcp', 'work'] });
    expect(readJson(file)).toEqual({ [keyFor(editor)]: { work: entryFor(editor) } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The command is absolute and really starts tokentray (Claude Desktop needs exactly that).
    const ran = spawnSync(readJson(file)[keyFor(editor)].work.command, ['--version'], { env: t.env, encoding: 'utf8' });
    expect(ran.status).toBe(0);

    const again = await cli(t, ['editors', 'install', editor, 'work', '--json']);
    expect(JSON.parse(again.stdout).changed).toBe(false);
    const removed = await cli(t, ['editors', 'remove', editor, 'work', '--json']);
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout).removed).toEqual(['work']);
    expect(readJson(file)).toEqual({ [keyFor(editor)]: {} });
  });

  it('installs into an empty file', async () => {
    const file = userFile(t, editor);
    put(file, '');
    expect((await cli(t, ['editors', 'install', editor, 'work'])).code).toBe(0);
    expect(readJson(file)).toEqual({ [keyFor(editor)]: { work: entryFor(editor) } });
  });

  it('keeps other servers and unknown keys, the file mode, and a backup of the old file', async () => {
    const file = userFile(t, editor);
    const before = {
      theme: { keep: [1, 2, { deep: true }] },
      [keyFor(editor)]: {
        local: { command: 'npx', args: ['-y', 'some-server'], env: { LOG_LEVEL: 'debug' } },
        remote: { url: 'https://example.test/mcp', disabled: true },
      },
      zzz: null,
    };
    const text = `${JSON.stringify(before, null, 4)}\n`;
    put(file, text, 0o640);
    const res = await cli(t, ['editors', 'install', editor, 'work', '--name', 'moly', '--json']);
    expect(res.code).toBe(0);
    const after = readJson(file);
    expect(after).toEqual({ ...before, [keyFor(editor)]: { ...before[keyFor(editor)], moly: entryFor(editor) } });
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(JSON.parse(res.stdout).backup).toBe(`${file}.tokentray-backup`);
    expect(readFileSync(`${file}.tokentray-backup`, 'utf8')).toBe(text);

    expect((await cli(t, ['editors', 'remove', editor, 'work', '--name', 'moly'])).code).toBe(0);
    expect(readJson(file)).toEqual(before);
  });

  it('never overwrites an invalid file, and names the file, line and column', async () => {
    const file = userFile(t, editor);
    const broken = '{\n  "mcpServers": {\n    "a": { "url": "x" }\n    "b": {}\n  }\n}\n';
    put(file, broken);
    const res = await cli(t, ['editors', 'install', editor, 'work']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(file);
    expect(res.stderr).toMatch(/CommaExpected at line 4, column 5/);
    expect(res.stderr).toMatch(/left untouched/);
    expect(readFileSync(file, 'utf8')).toBe(broken);
    expect(existsSync(`${file}.tokentray-backup`)).toBe(false);
  });
});

describe('VS Code: JSON with comments', () => {
  it('keeps comments, trailing commas and inputs when installing and removing', async () => {
    const file = userFile(t, 'vscode');
    const text = [
      '{',
      '  // Servers for work',
      '  "servers": {',
      '    "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" }, // hosted',
      '  },',
      '  /* prompts */',
      '  "inputs": [ { "id": "key", "type": "promptString", "password": true }, ],',
      '}',
      '',
    ].join('\n');
    put(file, text);
    expect((await cli(t, ['editors', 'install', 'vscode', 'work'])).code).toBe(0);
    const installed = readFileSync(file, 'utf8');
    for (const kept of ['// Servers for work', '// hosted', '/* prompts */', '"inputs": [ { "id": "key", "type": "promptString", "password": true }, ],']) {
      expect(installed).toContain(kept);
    }
    const value = parse(installed, [], { allowTrailingComma: true });
    expect(value.servers).toEqual({ github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/' }, work: entryFor('vscode') });

    expect((await cli(t, ['editors', 'remove', 'vscode', 'work'])).code).toBe(0);
    const removed = readFileSync(file, 'utf8');
    expect(removed).toContain('// Servers for work');
    expect(removed).toContain('/* prompts */');
    expect(parse(removed, [], { allowTrailingComma: true })).toEqual(parse(text, [], { allowTrailingComma: true }));
  });

  it('reports a broken JSONC file without touching it', async () => {
    const file = userFile(t, 'vscode');
    put(file, '{ // ok\n  "servers": { "a": [ }\n}\n');
    const res = await cli(t, ['editors', 'install', 'vscode', 'work']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/mcp\.json is not valid \(\w+ at line 2, column \d+\)/);
  });
});

describe('scopes, names, links and refusals', () => {
  it('writes project files in --project or the current folder; no project scope for Claude Desktop', async () => {
    const project = join(t.root, 'proj');
    expect((await cli(t, ['editors', 'install', 'cursor', 'work', '--scope', 'project', '--project', project])).code).toBe(0);
    expect(readJson(join(project, '.cursor', 'mcp.json')).mcpServers.work).toEqual(projectEntryFor('cursor'));
    expect((await cli(t, ['editors', 'install', 'claude-code', 'work', '--scope', 'project'])).code).toBe(0);
    expect(readJson(join(t.root, '.mcp.json')).mcpServers.work).toEqual(projectEntryFor('claude-code'));
    expect((await cli(t, ['editors', 'install', 'vscode', 'work', '--scope', 'project'], undefined, project)).code).toBe(0);
    expect(readJson(join(project, '.vscode', 'mcp.json')).servers.work).toEqual(projectEntryFor('vscode'));

    const desktop = await cli(t, ['editors', 'install', 'claude-desktop', 'work', '--scope', 'project']);
    expect(desktop.code).toBe(2);
    expect(desktop.stderr).toMatch(/no project-scope config file/);
    expect((await cli(t, ['editors', 'install', 'emacs', 'work'])).code).toBe(2);

    const list = JSON.parse((await cli(t, ['editors', 'list', '--json'], undefined, project)).stdout);
    const cursor = list.find((e: { editor: string }) => e.editor === 'cursor');
    expect(cursor.present).toBe(true);
    expect(cursor.files).toEqual(expect.arrayContaining([expect.objectContaining({ scope: 'project', entries: [expect.objectContaining({ name: 'work', profile: 'work' })] })]));
  });

  it('prints the one-click links, which carry no token', async () => {
    const res = await cli(t, ['editors', 'install', 'cursor', 'work']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('cursor://anysphere.cursor-deeplink/mcp/install?name=work&config=');
    expect(res.stdout).toContain('vscode:mcp/install?');
    expect(res.stdout).toContain(`The client will run: ${LAUNCHER} mcp work (with TOKENTRAY_HOME=${t.tokentrayHome} TOKENTRAY_KEYCHAIN_SERVICE=${t.service})`);
  });

  it('refuses an unknown profile, and an entry that holds a plaintext token', async () => {
    const ghost = await cli(t, ['editors', 'install', 'cursor', 'ghost']);
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).toMatch(/no profile named "ghost"/);

    const file = userFile(t, 'cursor');
    const token = fakeMootupPat();
    const text = JSON.stringify({ mcpServers: { work: { url: 'https://mootup.io/mcp', headers: { Authorization: `Bearer ${token}` } } } });
    put(file, text);
    const res = await cli(t, ['editors', 'install', 'cursor', 'work']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/holds a plaintext token; .*editors migrate/);
    expect(res.stdout + res.stderr).not.toContain(token);
    expect(readFileSync(file, 'utf8')).toBe(text);

    // Installed under another name, the backup of the old file has the token removed.
    expect((await cli(t, ['editors', 'install', 'cursor', 'work', '--name', 'moly'])).code).toBe(0);
    expect(readFileSync(`${file}.tokentray-backup`, 'utf8')).not.toContain(token);
    expect(readJson(file).mcpServers.work.headers.Authorization).toBe(`Bearer ${token}`);
  });

  it('remove says so when there is nothing to remove', async () => {
    const res = await cli(t, ['editors', 'remove', 'windsurf', 'work']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/no tokentray entry for profile "work"/);
  });
});
