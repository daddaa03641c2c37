/**
 * The tray's takeover of a connected agent on the real core (handler table, real keychain, the sandbox
 * mootup answering 409 agent_connected): one confirm loop (shared/confirm-loop.ts) asks once, then
 * makes the forced call, and the new key is on disk. The window's path is in test/e2e/settings-window.
 */
import { describe, expect, it } from 'vitest';
import { buildAppState } from '../../electron/core/app/app-state';
import { createIpcHandlers, type IpcHandlers } from '../../electron/core/app/ipc-handlers';
import { createStateStore } from '../../electron/core/app/state-store';
import { createCoreContext } from '../../electron/core/context';
import type { TrayNotification } from '../../electron/main/notifications';
import { runTrayAction, type TrayActionDeps } from '../../electron/main/tray-actions';
import type { IpcRequest } from '../../shared/ipc';
import { hasCliWords } from '../../shared/window-words';
import { createWorld, entryOf, keyIn, meStatus } from '../helpers/world';

const w = createWorld();

function tray(confirmAnswer: boolean) {
  const ctx = createCoreContext(w.t.env);
  const store = createStateStore({ build: () => buildAppState(ctx) });
  const real = createIpcHandlers({ ctx, store, pickFolder: async () => null, openExternal: async () => undefined, showUnsavedKey: async () => undefined });
  const calls: Array<IpcRequest<'agents:takeover'>> = [];
  const answers: unknown[] = [];
  // The real handler, with each request and answer written down.
  const handlers: IpcHandlers = {
    ...real,
    'agents:takeover': async (req) => {
      calls.push(req);
      const answer = await real['agents:takeover'](req);
      answers.push(answer);
      return answer;
    },
  };
  const asked: string[] = [];
  const notified: TrayNotification[] = [];
  const deps: TrayActionDeps = {
    handlers,
    refresh: () => store.refresh(),
    openWindow: () => undefined,
    copyText: () => undefined,
    mcpConfigSnippet: () => '',
    confirmTakeover: async (agent, message) => (asked.push(`${agent.display_name}: ${message}`), confirmAnswer),
    notify: (n) => void notified.push(n),
    toggleStartAtLogin: () => undefined,
    quit: () => undefined,
  };
  return { deps, calls, answers, asked, notified };
}

describe('the tray on the real core: the one confirm loop, and remedies as hints', () => {
  it('asks once, then makes the forced call; the new key works and the old one is refused', async () => {
    const builder = w.sb.agents.connectedElsewhere;
    const dir = await w.workspace('proj', [entryOf(builder)]);
    const { deps, calls, answers, asked, notified } = tray(true);
    await runTrayAction({ type: 'agent-takeover', actor_id: builder.actor_id, display_name: builder.display_name, workspace: dir }, deps);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/currently connected to another installation/);
    expect(asked[0]).not.toMatch(/--force|tokentray agents/);
    expect(calls.map((c) => c.force)).toEqual([false, true]);
    expect(answers[0]).toMatchObject({ ok: false, code: 'needs_confirmation', remedy: { kind: 'confirm', action: 'takeover' } });
    expect(answers[1]).toMatchObject({ ok: true });
    const key = keyIn(dir, builder.actor_id)!;
    expect(key).not.toBe(builder.api_key);
    expect(await meStatus(w.sb, key)).toBe(200);
    expect(await meStatus(w.sb, builder.api_key)).toBe(401);
    expect(notified).toEqual([]);
  });

  it('declined: asked once, no forced call, the key on disk unchanged', async () => {
    const builder = w.sb.agents.connectedElsewhere;
    const dir = await w.workspace('proj', [entryOf(builder)]);
    const { deps, calls, asked, notified } = tray(false);
    await runTrayAction({ type: 'agent-takeover', actor_id: builder.actor_id, display_name: builder.display_name, workspace: dir }, deps);
    expect(asked).toHaveLength(1);
    expect(calls.map((c) => c.force)).toEqual([false]);
    expect(keyIn(dir, builder.actor_id)).toBe(builder.api_key);
    expect(notified).toEqual([]);
  });

  it('a remedy reaches the tray as a hint in the app\'s words: a revoked token, seen by Check', async () => {
    w.sb.state.revokeToken(w.sb.humanPat);
    const { deps, notified } = tray(true);
    await runTrayAction({ type: 'profile-check', profile: 'work' }, deps);
    expect(notified).toEqual([{ title: 'Check work failed', body: expect.stringMatching(/refused it \(401\)\. Store a new token with “Replace token…” on the card of work\.$/) }]);
    expect(hasCliWords(notified[0]!.body)).toBe(false);
  });
});
