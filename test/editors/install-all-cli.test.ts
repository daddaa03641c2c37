import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_IDS } from '../../shared/clients';
import { EMPTY_APP_STATE } from '../../shared/app-state';
import { dispatchIpc } from '../../electron/core/app/ipc-handlers';
import { createCoreContext } from '../../electron/core/context';
import { createCoreApp } from '../helpers/invoke';
import { fakeMolyPat, makeTestEnv, type TestEnv } from '../helpers/cli';
import { FIXTURES, expectedEntry, proxyEnvOf, readClientFile, serversOf } from './client-fixtures';
import { LAUNCHER, addMcpProfile, cli, put } from './editor-fixtures';

let t: TestEnv;
let bin: string;

/** A command on the test PATH, so a client counts as installed by its binary alone. */
function fakeBinary(name: string): void {
  writeFileSync(join(bin, name), '#!/bin/sh\nexit 0\n');
  chmodSync(join(bin, name), 0o755);
}

beforeEach(async () => {
  t = makeTestEnv();
  bin = join(t.root, 'bin');
  mkdirSync(bin, { recursive: true });
  // A PATH with none of the real clients on it: presence is what this test sets up.
  t.env.PATH = bin;
  expect((await addMcpProfile(t, 'work', fakeMolyPat())).code).toBe(0);
});

describe('editors install --all and editors list', () => {
  it('list says which clients are here and why: a config folder, a config file, or a command on PATH', async () => {
    mkdirSync(join(t.home, '.cursor'), { recursive: true });
    put(FIXTURES.goose.user(t), FIXTURES.goose.doc());
    fakeBinary('codex');
    const list = JSON.parse((await cli(t, ['editors', 'list', '--json'])).stdout);
    expect(list.map((e: { editor: string }) => e.editor)).toEqual([...CLIENT_IDS]);
    const present = Object.fromEntries(list.filter((e: { present: boolean }) => e.present).map((e: { editor: string; evidence: string[] }) => [e.editor, e.evidence]));
    expect(present).toEqual({
      cursor: [`${join(t.home, '.cursor')} exists`],
      codex: [`codex on PATH (${join(bin, 'codex')})`],
      goose: [`${join(t.home, '.config', 'goose')} exists`],
    });
    const human = await cli(t, ['editors', 'list']);
    expect(human.stdout).toMatch(/Codex CLI \[codex\] — here: codex on PATH/);
    expect(human.stdout).toMatch(/Zed \[zed\] \(not found on this machine\)/);
  });

  it('installs into every client present, and only those; a second run changes nothing', async () => {
    mkdirSync(join(t.home, '.cursor'), { recursive: true });
    mkdirSync(join(t.home, '.config', 'zed'), { recursive: true });
    put(FIXTURES.continue.user(t), FIXTURES.continue.doc());
    fakeBinary('codex');
    fakeBinary('gemini');
    const res = await cli(t, ['editors', 'install', '--all', 'work', '--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.results.map((r: { editor: string; ok: boolean; result: { changed: boolean } }) => [r.editor, r.ok, r.result.changed])).toEqual([
      ['cursor', true, true],
      ['codex', true, true],
      ['gemini', true, true],
      ['zed', true, true],
      ['continue', true, true],
    ]);
    expect(report.skipped).toHaveLength(CLIENT_IDS.length - 5);
    for (const id of ['cursor', 'codex', 'gemini', 'zed', 'continue'] as const) {
      const f = FIXTURES[id];
      expect(serversOf(f, readClientFile(f, f.user(t))).work).toEqual(expectedEntry(id, 'work', 'work', LAUNCHER, proxyEnvOf(t)));
    }
    expect(readFileSync(FIXTURES.continue.user(t), 'utf8')).toContain('  - name: SQLite MCP   # local database');

    const again = JSON.parse((await cli(t, ['editors', 'install', '--all', 'work', '--json'])).stdout);
    expect(again.results.every((r: { result: { changed: boolean } }) => !r.result.changed)).toBe(true);
    const human = await cli(t, ['editors', 'install', '--all', 'work']);
    expect(human.stdout).toMatch(/Codex CLI \[codex\]: already up to date in .*config\.toml/);
  });

  it('with --scope project: every present client that has a project file gets the portable entry there', async () => {
    mkdirSync(join(t.home, '.cursor'), { recursive: true });
    mkdirSync(join(t.home, '.codeium', 'windsurf'), { recursive: true });
    fakeBinary('codex');
    const dir = join(t.root, 'proj');
    const report = JSON.parse((await cli(t, ['editors', 'install', '--all', 'work', '--scope', 'project', '--project', dir, '--json'])).stdout);
    expect(report.results.map((r: { editor: string; result: { file: string; command: string; portable: boolean } }) => [r.editor, r.result.file, r.result.command, r.result.portable])).toEqual([
      ['cursor', FIXTURES.cursor.project!(dir, 'work'), 'tokentray', true],
      ['codex', FIXTURES.codex.project!(dir, 'work'), 'tokentray', true],
    ]);
    expect(report.skipped).toEqual(expect.arrayContaining([{ editor: 'windsurf', reason: 'Windsurf has no project scope' }]));
  });

  it('one client\'s broken file does not stop the others; the command says which and exits 1', async () => {
    mkdirSync(join(t.home, '.cursor'), { recursive: true });
    put(FIXTURES.codex.user(t), '[mcp_servers.x]\ncommand = \n');
    const res = await cli(t, ['editors', 'install', '--all', 'work', '--json']);
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout);
    expect(report.results).toEqual([
      expect.objectContaining({ editor: 'cursor', ok: true }),
      expect.objectContaining({ editor: 'codex', ok: false, error: expect.stringMatching(/config\.toml is not valid \(.* at line 2, column \d+\)/) }),
    ]);
    expect(readFileSync(FIXTURES.codex.user(t), 'utf8')).toBe('[mcp_servers.x]\ncommand = \n');
  });

  it('--help of install, remove and list names every client', async () => {
    for (const verb of ['install', 'remove', 'list']) {
      const help = await cli(t, ['editors', verb, '--help']);
      expect(help.code).toBe(0);
      for (const id of CLIENT_IDS) expect(help.stdout).toContain(`${id} (`);
    }
    const unknown = await cli(t, ['editors', 'install', 'emacs', 'work']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`use one of: ${CLIENT_IDS.join(', ')}`);
    expect((await cli(t, ['editors', 'install', '--all', 'codex', 'work'])).code).toBe(2);
  });

  it('the window\'s "Connect all" is the editors:install-all channel over the same core', async () => {
    mkdirSync(join(t.home, '.kiro'), { recursive: true });
    fakeBinary('copilot');
    const { handlers, invoke } = createCoreApp(createCoreContext({ ...t.env, TOKENTRAY_LAUNCHER: LAUNCHER }), {
      build: async () => ({ ...EMPTY_APP_STATE, refreshed_at: new Date().toISOString() }),
    });
    const answer = await invoke('editors:install-all', { profile: 'work' });
    expect(answer).toEqual({
      ok: true,
      message: 'Connected GitHub Copilot CLI, Kiro to work.',
      results: [
        { editor: 'copilot', label: 'GitHub Copilot CLI', ok: true, changed: true, file: FIXTURES.copilot.user(t), message: `Installed "work" in ${FIXTURES.copilot.user(t)}.` },
        { editor: 'kiro', label: 'Kiro', ok: true, changed: true, file: FIXTURES.kiro.user(t), message: `Installed "work" in ${FIXTURES.kiro.user(t)}.` },
      ],
    });
    expect(serversOf(FIXTURES.kiro, readClientFile(FIXTURES.kiro, FIXTURES.kiro.user(t))).work).toEqual(expectedEntry('kiro', 'work', 'work', LAUNCHER, proxyEnvOf(t)));
    expect(await dispatchIpc(handlers, 'editors:install-all', { profile: 'Not A Name' })).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await invoke('editors:install', { editor: 'goose', profile: 'work', scope: 'user' })).toMatchObject({ ok: true });
    expect(await dispatchIpc(handlers, 'editors:install', { editor: 'emacs', profile: 'work', scope: 'user' })).toMatchObject({ ok: false, code: 'invalid_input' });
  });
});
