import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildAppState } from '../../electron/core/app/app-state';
import { createIpcHandlers, dispatchIpc, type IpcHandlers } from '../../electron/core/app/ipc-handlers';
import { createStateStore } from '../../electron/core/app/state-store';
import { createCoreContext } from '../../electron/core/context';
import { fakeMootupPat } from '../helpers/cli';
import { secretToolLookup } from '../helpers/keychain';
import { tokenHint } from '../../shared/token-formats';
import { untilState } from './state-pushes';

function setup() {
  const ctx = createCoreContext({
    ...process.env,
    TOKENTRAY_HOME: join(mkdtempSync(join(tmpdir(), 'tokentray-ipc-')), 'home'),
    TOKENTRAY_KEYCHAIN_SERVICE: `tokentray-test-${randomBytes(6).toString('hex')}`,
  });
  const store = createStateStore({ build: () => buildAppState(ctx) });
  const opened: string[] = [];
  const handlers = createIpcHandlers({ ctx, store, pickFolder: async () => null, openExternal: async (u) => void opened.push(u), showUnsavedKey: async () => undefined });
  return { ctx, store, handlers, opened };
}

describe('IPC dispatch on the real core', () => {
  it('refuses unknown channels and malformed payloads with a message', async () => {
    const { handlers } = setup();
    expect(await dispatchIpc(handlers, 'fs:read', {})).toMatchObject({ ok: false, message: expect.stringContaining('unknown IPC channel') });
    expect(await dispatchIpc(handlers, 'profile:remove', { name: '../etc' })).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await dispatchIpc(handlers, 'profile:remove', { name: 'ok', extra: 1 })).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await dispatchIpc(handlers, 'profile:add', 'not an object')).toMatchObject({ ok: false, code: 'invalid_input' });
  });

  it('adds a profile into the real keychain and pushes state that carries only the hint', async () => {
    const { handlers, store, ctx } = setup();
    const pushed: string[] = [];
    store.subscribe((s) => pushed.push(JSON.stringify(s)));
    const token = fakeMootupPat();
    const refreshed = untilState(store, (s) => s.profiles.some((p) => p.name === 'work'));
    const result = (await dispatchIpc(handlers, 'profile:add', { name: 'work', kind: 'mootup', url: 'https://mootup.io', token })) as { ok: boolean };
    await refreshed; // the action answered first; its refresh pushes the state after
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain(token);
    expect(secretToolLookup(ctx.secrets.service, 'work')).toBe(token);
    expect(pushed.length).toBeGreaterThan(0);
    expect(pushed.at(-1)).toContain('work');
    for (const payload of pushed) expect(payload).not.toContain(token);
    const state = (await dispatchIpc(handlers, 'state:get', {})) as { profiles: Array<{ name: string }> };
    expect(state.profiles.map((p) => p.name)).toEqual(['work']);
  });

  it('withholds an answer that would carry a token, and gives a state with the token as its hint', async () => {
    const { handlers } = setup();
    const token = fakeMootupPat();
    const leaky = { ...handlers, 'profile:check': async () => ({ ok: true, message: token }), 'state:get': async () => ({ note: `said ${token}` }) } as unknown as IpcHandlers;
    expect(await dispatchIpc(leaky, 'profile:check', { name: 'work' })).toMatchObject({ ok: false, message: expect.stringContaining('withheld') });
    expect(await dispatchIpc(leaky, 'state:get', {})).toEqual({ note: `said ${tokenHint(token)}` });
  });

  it('opens only https links', async () => {
    const { handlers, opened } = setup();
    expect(await dispatchIpc(handlers, 'app:open-external', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false });
    expect(await dispatchIpc(handlers, 'app:open-external', { url: 'https://mootup.io/settings/api-keys' })).toMatchObject({ ok: true });
    expect(opened).toEqual(['https://mootup.io/settings/api-keys']);
  });
});
