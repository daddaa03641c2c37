import { describe, expect, it } from 'vitest';
import { dispatchIpc, type IpcHandlers } from '../../electron/core/app/ipc-handlers';
import { fakeMootupPat } from '../helpers/cli';
import { createCoreWorld, type SecretsChoice } from '../helpers/core-world';
import { createCoreApp, invoke } from '../helpers/invoke';
import { secretToolLookup } from '../helpers/keychain';
import type { AppState } from '../../shared/app-state';
import { tokenHint } from '../../shared/token-formats';
import { untilState } from './state-pushes';

/** The real core on a fresh world; tokens in memory unless the test is about the keychain. */
function setup(secrets: SecretsChoice = 'memory') {
  const opened: string[] = [];
  const { ctx, store, handlers } = createCoreApp(createCoreWorld({ secrets }).ctx, { openExternal: async (u) => void opened.push(u) });
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
    const { handlers, store, ctx } = setup('keychain');
    const pushed: string[] = [];
    store.subscribe((s) => pushed.push(JSON.stringify(s)));
    const token = fakeMootupPat();
    const refreshed = untilState(store, (s) => s.profiles.some((p) => p.name === 'work'));
    const result = await invoke(handlers, 'profile:add', { name: 'work', kind: 'mootup', url: 'https://mootup.io', token });
    await refreshed; // the action answered first; its refresh pushes the state after
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain(token);
    expect(secretToolLookup(ctx.secrets.service, 'work')).toBe(token);
    expect(pushed.length).toBeGreaterThan(0);
    expect(pushed.at(-1)).toContain('work');
    for (const payload of pushed) expect(payload).not.toContain(token);
    const state = await invoke(handlers, 'state:get', {});
    expect(state.profiles.map((p) => p.name)).toEqual(['work']);
  });

  it('withholds an answer that would carry a token, and gives a state with the token as its hint', async () => {
    const { handlers } = setup();
    const token = fakeMootupPat();
    const state = await invoke(handlers, 'state:get', {});
    const said = (text: string): AppState => ({ ...state, errors: [{ source: 'profiles', message: `said ${text}` }] });
    const leaky: IpcHandlers = { ...handlers, 'profile:check': async () => ({ ok: true, message: token }), 'state:get': async () => said(token) };
    expect(await invoke(leaky, 'profile:check', { name: 'work' })).toMatchObject({ ok: false, message: expect.stringContaining('withheld') });
    expect(await invoke(leaky, 'state:get', {})).toEqual(said(tokenHint(token)));
  });

  it('opens only https links', async () => {
    const { handlers, opened } = setup();
    expect(await dispatchIpc(handlers, 'app:open-external', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false });
    expect(await invoke(handlers, 'app:open-external', { url: 'https://mootup.io/settings/api-keys' })).toMatchObject({ ok: true });
    expect(opened).toEqual(['https://mootup.io/settings/api-keys']);
  });
});
