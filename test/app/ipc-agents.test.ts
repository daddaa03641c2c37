import { describe, expect, it } from 'vitest';
import { createCoreApp } from '../helpers/invoke';
import { createWorld, entryOf, keyIn, meStatus } from '../helpers/world';
import { untilState } from './state-pushes';

// Core is under test here, not the keychain or the CLI: the world is set up by core, tokens in memory.
const w = createWorld({ secrets: 'memory' });

function ipc() {
  const shown: string[] = [];
  const { store, invoke } = createCoreApp(w.core(), { showUnsavedKey: async (i) => void shown.push(i.actor_id) });
  const pushed: string[] = [];
  store.subscribe((s) => pushed.push(JSON.stringify(s)));
  return { call: invoke, pushed, shown, store };
}

describe('agents through the IPC handler table (the tray and window path)', () => {
  it('lists agents in state, asks before taking over a connected agent, then takes it over with force', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    const oldKey = builder.api_key;
    const dir = await w.workspace('proj', [entryOf(builder)]);
    const { call, pushed, shown } = ipc();

    const state = await call('state:refresh', {});
    expect(state.errors).toEqual([]);
    expect(state.workspaces).toEqual([expect.objectContaining({ dir, profile: 'work', has_actors_file: true, agent_count: 1 })]);
    expect(state.agents).toEqual(expect.arrayContaining([expect.objectContaining({ actor_id: builder.actor_id, workspace: dir })]));

    const asked = await call('agents:takeover', { actor_id: builder.actor_id, force: false });
    expect(asked).toMatchObject({ ok: false, remedy: { kind: 'confirm', action: 'takeover' }, code: 'needs_confirmation' });
    expect(String(asked.message)).toMatch(/connected to another installation/);
    expect(keyIn(dir, builder.actor_id)).toBe(oldKey);

    const done = await call('agents:takeover', { actor_id: builder.actor_id, force: true });
    expect(done).toMatchObject({ ok: true });
    const newKey = keyIn(dir, builder.actor_id)!;
    expect(newKey).not.toBe(oldKey);
    expect(await meStatus(sb, newKey)).toBe(200);
    expect(await meStatus(sb, oldKey)).toBe(401);
    expect(shown).toEqual([]);
    for (const payload of [JSON.stringify(done), ...pushed]) {
      expect(payload).not.toContain(newKey);
      expect(payload).not.toContain(oldKey);
    }
  });

  it('one click takes over an agent held by two folders and updates both, leaving no dead key behind', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    const a = await w.workspace('proj-a', [entryOf(builder)]);
    const b = await w.workspace('proj-b', [entryOf(builder)]);
    const { call } = ipc();
    expect(await call('agents:takeover', { actor_id: builder.actor_id, force: true })).toMatchObject({ ok: true });
    const key = keyIn(a, builder.actor_id)!;
    expect(key).not.toBe(builder.api_key);
    expect(keyIn(b, builder.actor_id)).toBe(key);
    expect(await meStatus(sb, key)).toBe(200);
  });

  it('releases an agent (twice: the second is already released) and records both in the activity', async () => {
    const { sb } = w;
    const helper = sb.agents.connectedHere;
    await w.workspace('proj', [entryOf(helper)]);
    const { call, store } = ipc();
    expect(await call('agents:release', { actor_id: helper.actor_id })).toMatchObject({ ok: true, message: expect.stringMatching(/Released/) });
    expect(await call('agents:release', { actor_id: helper.actor_id })).toMatchObject({ ok: true });
    // Actions answer first; the refresh after them pushes the state.
    const state = await untilState(store, (s) => s.audit.filter((e) => e.kind === 'agent.release').length === 2);
    expect(state.audit.filter((e) => e.kind === 'agent.release' && e.actor_id === helper.actor_id)).toHaveLength(2);
    expect(state.agents.find((a) => a.actor_id === helper.actor_id)?.status).toBe('available');
  });

  it('adds, fixes and removes a workspace', async () => {
    const { sb } = w;
    const dir = await w.workspace('loose', [entryOf(sb.agents.available)], { mode: 0o644, add: false });
    const { call, store } = ipc();
    expect(await call('workspace:add', { dir })).toMatchObject({ ok: true });
    let state = await untilState(store, (s) => s.workspaces.length === 1);
    expect(state.workspaces[0]?.hygiene.map((h) => h.kind)).toContain('mode');
    expect(await call('workspace:fix', { dir })).toMatchObject({ message: expect.any(String) });
    state = await untilState(store, (s) => !s.workspaces[0]?.hygiene.some((h) => h.kind === 'mode'));
    expect(state.workspaces[0]?.dir).toBe(dir);
    expect(await call('workspace:remove', { dir })).toMatchObject({ ok: true });
    state = await untilState(store, (s) => s.workspaces.length === 0);
    expect(state.workspaces).toEqual([]);
  });
});
