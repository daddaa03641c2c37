/**
 * The `action` remedies (shared/remedy.ts APP_ACTIONS), each from a real situation (real files, real git,
 * the sandbox mootup server on 127.0.0.1, the built CLI): the CLI prints the command line to type, and
 * the window's side (the state and the IPC answers, through core/app as main wires it) carries the same
 * remedy as data with a sentence that names no command and no flag.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoreContext } from '../../electron/core/context';
import { hasCliWords } from '../../shared/window-words';
import { makeTestEnv, runCli } from '../helpers/cli';
import { createCoreApp } from '../helpers/invoke';
import { haveTestKeychain } from '../helpers/keychain';
import { actorsFile, createWorld, entryOf, git } from '../helpers/world';

const w = createWorld();

/** The window's state, built as main builds it. */
const windowState = () => createCoreApp(w.core()).invoke('state:refresh', {});

describe.runIf(haveTestKeychain())('action remedies: the CLI names the command, the window gets data', () => {
  it('workspace-fix and workspace-untrack: a readable actors.json tracked by a real git repository', async () => {
    const agent = w.sb.agents.connectedHere;
    const dir = await w.workspace('proj', [entryOf(agent)]);
    git(dir, 'init', '-q');
    git(dir, 'add', '.moot/actors.json');
    git(dir, 'commit', '-q', '-m', 'keys');
    chmodSync(actorsFile(dir), 0o644);

    const list = await w.cli(['workspace', 'list']);
    expect(list.stdout).toContain(`fix it with \`tokentray workspace fix ${dir}\``);
    expect(list.stdout).toContain('take over each agent with `tokentray agents takeover <actor_id> --force`, then run `git rm --cached .moot/actors.json` in the folder');
    const doctor = await w.json(['doctor']);
    expect(doctor.value.checks).toContainEqual(expect.objectContaining({ id: 'workspace_mode', remedy: { kind: 'action', action: 'workspace-fix', subject: dir }, message: expect.stringContaining(`tokentray workspace fix ${dir}`) }));

    const state = await windowState();
    const hygiene = state.workspaces.find((ws) => ws.dir === dir)!.hygiene;
    expect(hygiene.map((h) => [h.kind, h.remedy])).toEqual([
      ['mode', { kind: 'action', action: 'workspace-fix', subject: dir }],
      ['tracked', { kind: 'action', action: 'workspace-untrack', subject: dir }],
      ['not_ignored', { kind: 'action', action: 'workspace-fix', subject: dir }],
    ]);
    for (const h of hygiene) expect(hasCliWords(h.message), h.message).toBe(false);
    expect(hygiene.find((h) => h.kind === 'tracked')!.message).not.toContain('git rm');

    // Fixing leaves the tracked file: the answer carries what to do about it, the CLI says it as commands.
    const fix = await w.cli(['workspace', 'fix', dir]);
    expect(fix.code).toBe(1);
    expect(fix.stdout).toMatch(/Not fixed: .*tracked by git.*`tokentray agents takeover <actor_id> --force`/);
    // The window's Fix answers the same, with the remedy as data (the IPC answer once dropped it) and no command in its words.
    const windowFix = await createCoreApp(w.core()).invoke('workspace:fix', { dir });
    expect(windowFix).toMatchObject({ ok: false, remedy: { kind: 'action', action: 'workspace-untrack', subject: dir } });
    expect(hasCliWords(windowFix.message), windowFix.message).toBe(false);
  });

  it('workspace-remove: a folder deleted since it was added', async () => {
    const dir = await w.workspace('gone', [entryOf(w.sb.agents.connectedHere)]);
    rmSync(dir, { recursive: true, force: true });
    const list = await w.cli(['workspace', 'list']);
    expect(list.stdout).toContain(`folder ${dir} no longer exists; remove it with \`tokentray workspace remove ${dir}\``);
    const agents = await w.cli(['agents', 'list']);
    expect(agents.stderr).toContain(`remove it with \`tokentray workspace remove ${dir}\``);

    const view = (await windowState()).workspaces.find((ws) => ws.dir === dir)!;
    expect(view).toMatchObject({ error: `folder ${dir} no longer exists`, remedy: { kind: 'action', action: 'workspace-remove', subject: dir } });
  });

  it('workspace-add: the profile a folder was added with no longer exists', async () => {
    const dir = await w.workspace('orphan', [entryOf(w.sb.agents.connectedHere)]);
    const workspacesJson = join(w.t.tokentrayHome, 'workspaces.json');
    const doc = JSON.parse(readFileSync(workspacesJson, 'utf8'));
    for (const ws of doc.workspaces) ws.profile = 'old';
    writeFileSync(workspacesJson, JSON.stringify(doc));
    const agents = await w.cli(['agents', 'list']);
    expect(agents.stdout).toContain(`profile "old" no longer exists; add it again with \`tokentray workspace add ${dir} --profile <name>\``);

    const agent = (await windowState()).agents.find((a) => a.workspace === dir)!;
    expect(agent).toMatchObject({ message: 'profile "old" no longer exists', remedy: { kind: 'action', action: 'workspace-add', subject: dir } });
  });

  it('profile-list: a profile name that does not exist, in the CLI and in a window answer', async () => {
    const show = await w.json(['profile', 'show', 'nope']);
    expect(show.code).toBe(1);
    expect(show.value).toMatchObject({ error: { code: 'not_found', remedy: { kind: 'action', action: 'profile-list' } } });
    expect(show.stderr).toContain('no profile named "nope"; `tokentray profile list` shows the ones you have');

    const answer = await createCoreApp(w.core()).invoke('profile:check', { name: 'nope' });
    expect(answer).toMatchObject({ ok: false, code: 'not_found', message: 'no profile named "nope"', remedy: { kind: 'action', action: 'profile-list' } });
  });

  it('profile-add: a folder for agents, without any mootup profile', async () => {
    const t = makeTestEnv();
    const dir = join(t.root, 'proj');
    mkdirSync(dir);
    const add = await runCli(['workspace', 'add', dir], { env: t.env });
    expect(add.code).toBe(1);
    expect(add.stderr).toContain('no mootup profile yet; add one with `tokentray profile add <name> --kind mootup --url https://mootup.io < token.txt`');

    const answer = await createCoreApp(createCoreContext(t.env)).invoke('workspace:add', { dir });
    expect(answer).toMatchObject({ ok: false, message: 'no mootup profile yet', remedy: { kind: 'action', action: 'profile-add', mootup: true } });
    expect(hasCliWords(answer.message)).toBe(false);
  });
});
