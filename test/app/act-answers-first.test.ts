/**
 * Actions answer first and refresh after (electron/core/app/ipc-act.ts): the answer arrives while the
 * state build is held at a gate this test opens only after it has the answer; the pushed state then
 * shows the change. A refresh already running when an action answers (it may have read the old files)
 * is followed by one more. The window and the tray go through the same handler table.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildAppState } from '../../electron/core/app/app-state';
import { createIpcHandlers, dispatchIpc } from '../../electron/core/app/ipc-handlers';
import { createStateStore } from '../../electron/core/app/state-store';
import { createCoreContext } from '../../electron/core/context';
import { runTrayAction } from '../../electron/main/tray-actions';
import type { TrayNotification } from '../../electron/main/notifications';
import type { AppState } from '../../shared/app-state';
import { fakeMootupPat } from '../helpers/cli';
import { haveTestKeychain } from '../helpers/keychain';
import { untilState } from './state-pushes';

/** A gate: builds wait on it until the test opens it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

function world() {
  const ctx = createCoreContext({
    ...process.env,
    TOKENTRAY_HOME: join(mkdtempSync(join(tmpdir(), 'tokentray-answer-first-')), 'home'),
    TOKENTRAY_KEYCHAIN_SERVICE: `tokentray-test-${randomBytes(6).toString('hex')}`,
  });
  const held = gate();
  const builds: Array<'started' | 'done'> = [];
  // Each build reads the files first, then waits at the gate: what it pushes is what was on disk when it started.
  const store = createStateStore({
    build: async (): Promise<AppState> => {
      builds.push('started');
      const state = await buildAppState(ctx);
      await held.opened;
      builds.push('done');
      return state;
    },
  });
  const handlers = createIpcHandlers({ ctx, store, pickFolder: async () => null, openExternal: async () => undefined, showUnsavedKey: async () => undefined });
  return { ctx, store, handlers, held, builds, cleanup: async () => void (await ctx.secrets.delete('work').catch(() => false)) };
}

describe.runIf(haveTestKeychain())('actions answer before their refresh', () => {
  it('the window\'s path: profile:add answers while the refresh is held; the pushed state then has the profile', async () => {
    const { store, handlers, held, builds, cleanup } = world();
    try {
      const answer = await dispatchIpc(handlers, 'profile:add', { name: 'work', kind: 'mootup', url: 'https://mootup.io', token: fakeMootupPat() });
      expect(answer).toMatchObject({ ok: true });
      expect(builds).not.toContain('done');
      expect(store.current().profiles).toEqual([]);
      const pushed = untilState(store, (s) => s.profiles.some((p) => p.name === 'work'));
      held.open();
      expect((await pushed).profiles.map((p) => p.name)).toEqual(['work']);
    } finally {
      await cleanup();
    }
  });

  it('a refresh running when an action answers is followed by one more, so the change is not lost', async () => {
    const { store, handlers, held, builds, cleanup } = world();
    try {
      const early = store.refresh(); // reads the files before the action writes
      const answer = await dispatchIpc(handlers, 'profile:add', { name: 'work', kind: 'mootup', url: 'https://mootup.io', token: fakeMootupPat() });
      expect(answer).toMatchObject({ ok: true });
      const pushed = untilState(store, (s) => s.profiles.some((p) => p.name === 'work'));
      held.open();
      expect((await early).profiles).toEqual([]);
      expect((await pushed).profiles.map((p) => p.name)).toEqual(['work']);
      expect(builds.filter((b) => b === 'started')).toHaveLength(2);
    } finally {
      await cleanup();
    }
  });

  it('the tray\'s path: a check ends in its notification while the refresh is still held', async () => {
    const { store, handlers, held, builds } = world();
    const notified: TrayNotification[] = [];
    await runTrayAction(
      { type: 'profile-check', profile: 'nobody' },
      {
        handlers,
        refresh: () => store.refresh(),
        openWindow: () => undefined,
        copyText: () => undefined,
        mcpConfigSnippet: () => '',
        confirmTakeover: async () => false,
        notify: (n) => void notified.push(n),
        toggleStartAtLogin: () => undefined,
        quit: () => undefined,
      },
    );
    expect(notified).toEqual([{ title: 'Check nobody failed', body: expect.stringContaining('no profile named "nobody"') }]);
    expect(builds).not.toContain('done');
    const pushed = untilState(store, (s) => s.refreshed_at !== '');
    held.open();
    await pushed;
    expect(builds).toContain('done');
  });
});
