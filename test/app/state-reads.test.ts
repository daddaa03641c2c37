import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAppState, createStateBuilder, createStateMemory, sharedReads } from '../../electron/core/app/app-state';
import { createIpcHandlers, dispatchIpc } from '../../electron/core/app/ipc-handlers';
import { createStateStore } from '../../electron/core/app/state-store';
import { releaseAgent } from '../../electron/core/agents/index';
import { createCoreContext } from '../../electron/core/context';
import { createSnapshotReads } from '../../electron/core/fs/snapshot-reads';
import { profilesPath } from '../../electron/core/profiles/profile-store';
import { workspacesPath } from '../../electron/core/workspaces/workspaces-store';
import { fakeMolyPat, fakeMootupPat } from '../helpers/cli';
import { actorsFile, createWorld, entryOf, git } from '../helpers/world';

const w = createWorld();

/** Two workspaces (one a git repository that ignores .moot/), project configs, a .env and a user config with plaintext tokens. */
async function world() {
  const { sb, t } = w;
  const repo = await w.workspace('repo', [entryOf(sb.agents.connectedHere), entryOf(sb.agents.connectedElsewhere)]);
  git(repo, 'init', '-q');
  writeFileSync(join(repo, '.gitignore'), '.moot/\n');
  const plain = await w.workspace('plain', [entryOf(sb.agents.available)]);
  const tokens = { user: fakeMootupPat(), project: fakeMolyPat(), env: fakeMolyPat() };
  const cursor = (token: string) => JSON.stringify({ mcpServers: { moly: { url: 'https://api.moly.so/mcp', headers: { Authorization: `Bearer ${token}` } } } });
  for (const [file, text] of [
    [join(t.home, '.cursor', 'mcp.json'), cursor(tokens.user)],
    [join(repo, '.cursor', 'mcp.json'), cursor(tokens.project)],
    [join(plain, '.env'), `MOLY_TOKEN=${tokens.env}\n`],
  ] as const) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return { repo, plain, tokens, ctx: createCoreContext(w.t.env) };
}

/** The sandbox's requests made while `run` runs. */
async function requestsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const before = w.sb.state.requests.length;
  await run();
  return w.sb.state.requests.slice(before).map((r) => `${r.method} ${r.path}`);
}

describe('one read per refresh', () => {
  it('reads profiles.json, workspaces.json, each actors.json and each editor config once for every part of the state', async () => {
    const { repo, plain, ctx } = await world();
    const files = createSnapshotReads();
    const state = await buildAppState(ctx, { reads: sharedReads(ctx, files) });
    expect(state.errors).toEqual([]);
    // Every part used these sources: agents and workspaces from actors.json, editors and findings from the configs.
    expect(state.workspaces.map((x) => x.agent_count)).toEqual([2, 1]);
    expect(state.agents.filter((a) => a.workspace !== null)).toHaveLength(3);
    expect(state.findings.length).toBe(3);
    const reads = files.diskReads();
    for (const path of [profilesPath(w.t.tokentrayHome), workspacesPath(w.t.tokentrayHome), actorsFile(repo), actorsFile(plain), join(w.t.home, '.cursor', 'mcp.json'), join(repo, '.cursor', 'mcp.json'), join(plain, '.env')]) {
      expect(reads.get(path), path).toBe(1);
    }
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
  });

  it('runs git again only when a file its answer rests on changes', async () => {
    const { repo, ctx } = await world();
    const memory = createStateMemory();
    const refresh = async () => {
      const before = memory.git.gitRuns;
      const state = await buildAppState(ctx, { memory, request: { agents: 'reuse' } });
      return { runs: memory.git.gitRuns - before, hygiene: state.workspaces.find((x) => x.dir === repo)!.hygiene.map((p) => p.kind) };
    };
    const first = await refresh();
    expect(first.runs).toBeGreaterThan(0);
    expect(first.hygiene).toEqual([]);
    expect(await refresh()).toEqual({ runs: 0, hygiene: [] });
    // The rule goes: git is asked again and the problem shows.
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
    const changed = await refresh();
    expect(changed.runs).toBeGreaterThan(0);
    expect(changed.hygiene).toEqual(['not_ignored']);
    expect((await refresh()).runs).toBe(0);
    // Tracking the file changes the index: asked again.
    git(repo, 'add', '-f', '.moot/actors.json');
    const tracked = await refresh();
    expect(tracked.runs).toBeGreaterThan(0);
    expect(tracked.hygiene).toEqual(['tracked', 'not_ignored']);
    appendFileSync(join(repo, '.gitignore'), '.moot/\n');
    expect((await refresh()).hygiene).toEqual(['tracked']);
  });

  it('asks mootup about agents on the timer and on an explicit refresh, not after an action that touched none', async () => {
    const { plain, ctx } = await world();
    const store = createStateStore({ build: createStateBuilder(ctx) });
    const handlers = createIpcHandlers({ ctx, store, pickFolder: async () => null, openExternal: async () => undefined, showUnsavedKey: async () => undefined });
    const fetched = await requestsDuring(() => store.refresh({ agents: 'fetch' }));
    expect(fetched).toContain('GET /api/actors/me/agents');
    const first = store.current();
    expect(first.agents.every((a) => typeof a.checked_at === 'string')).toBe(true);

    // An action that touches no agent: its refresh asks the server nothing and keeps every checked_at.
    const afterFix = await requestsDuring(async () => {
      await dispatchIpc(handlers, 'workspace:fix', { dir: plain });
      await store.refresh();
    });
    expect(afterFix).toEqual([]);
    expect(store.current().agents.map((a) => [a.actor_id, a.status, a.checked_at])).toEqual(first.agents.map((a) => [a.actor_id, a.status, a.checked_at]));

    // The explicit Refresh (state:refresh) asks again.
    const again = await requestsDuring(() => dispatchIpc(handlers, 'state:refresh', {}));
    expect(again).toEqual(fetched);
    expect(store.current().agents.every((a) => a.checked_at! > first.agents.find((b) => b.actor_id === a.actor_id)!.checked_at!)).toBe(true);
  });

  it('after an action on one agent asks only about what it touched, and the others keep their last answer', async () => {
    const { sb } = w;
    const { ctx } = await world();
    const store = createStateStore({ build: createStateBuilder(ctx) });
    await store.refresh({ agents: 'fetch' });
    const before = store.current();
    const released = sb.agents.connectedHere;
    await releaseAgent(ctx, released.actor_id);
    const asked = await requestsDuring(() => store.refresh());
    // The profile's listing (the released agent's new status) and nothing per agent.
    expect(asked).toEqual(['GET /api/actors/me/agents']);
    const after = store.current();
    expect(after.agents.find((a) => a.actor_id === released.actor_id)).toMatchObject({ status: 'available' });
    const was = (id: string) => before.agents.find((a) => a.actor_id === id)!;
    expect(after.agents.find((a) => a.actor_id === released.actor_id)!.checked_at! > was(released.actor_id).checked_at!).toBe(true);
    // Agents whose status rests on their local key (GET /api/actors/me) keep that answer and its time.
    const untouched = after.agents.filter((a) => a.actor_id !== released.actor_id && a.workspace !== null);
    expect(untouched.length).toBe(2);
    for (const agent of untouched) expect(agent.status).toBe(was(agent.actor_id).status);
    expect(untouched.filter((a) => a.checked_at === was(a.actor_id).checked_at).length).toBeGreaterThan(0);
  });

  it('the CLI scan, the doctor, the window Scan and the state report the same findings', async () => {
    const { ctx, tokens } = await world();
    const scan = await w.json(['editors', 'scan']);
    const fromScan = (scan.value.findings as Array<{ file: string; json_path: string; token_hint: string }>).map((f) => `${f.file} ${f.json_path} ${f.token_hint}`);
    const doctor = await w.json(['doctor']);
    const fromDoctor = (doctor.value.checks as Array<{ id: string; status: string; subject: string; message: string }>)
      .filter((c) => c.id === 'editor_token' && c.status === 'warn')
      .map((c) => {
        const [, hint, path] = /^plaintext token (\S+) at (.+); move it/.exec(c.message)!;
        return `${c.subject} ${path} ${hint}`;
      });
    const state = await buildAppState(ctx);
    const fromState = state.findings.map((f) => `${f.file} ${f.json_path} ${f.token_hint}`);
    expect(fromScan.length).toBe(3);
    expect(new Set(fromDoctor)).toEqual(new Set(fromScan));
    expect(new Set(fromState)).toEqual(new Set(fromScan));
    const store = createStateStore({ build: createStateBuilder(ctx) });
    const handlers = createIpcHandlers({ ctx, store, pickFolder: async () => null, openExternal: async () => undefined, showUnsavedKey: async () => undefined });
    const windowScan = (await dispatchIpc(handlers, 'editors:scan', {})) as { message: string };
    expect(windowScan.message).toMatch(/^3 plaintext token\(s\) found/);
    for (const output of [JSON.stringify(scan.value), JSON.stringify(doctor.value), JSON.stringify(state), JSON.stringify(windowScan)]) {
      for (const token of Object.values(tokens)) expect(output).not.toContain(token);
    }
  });
});
