/**
 * Runs the real built dist/main/main.js in Node with a recording stand-in for 'electron'
 * (electron-stand-in.ts), on the real keychain and files: the wiring of tray, window, IPC and session
 * hardening, checked from what main actually asked Electron to do.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNELS, STATE_UPDATE_EVENT } from '../../shared/ipc';
import { fakeMolyPat, makeTestEnv, runCli } from '../helpers/cli';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window-options';
import { buildStandIn, readCalls, runMain as runUnder, type StandInCall as Call } from './stand-in-run';

let standIn = '';
beforeAll(async () => {
  standIn = await buildStandIn(makeTestEnv().root);
});

const runMain = (env: Record<string, string>, log: string) => runUnder(standIn, env, log);

describe('electron/main wiring, run for real under an Electron stand-in', () => {
  it('builds the tray, the hardened window and every guarded IPC channel, then hides on close and quits cleanly', async () => {
    const t = makeTestEnv();
    const added = await runCli(['profile', 'add', 'demo', '--kind', 'mcp', '--url', 'http://127.0.0.1:9/mcp', '--expires', 'never'], { env: t.env, input: `${fakeMolyPat()}\n` });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);

    const log = join(t.root, 'electron-calls.jsonl');
    const run = await runMain(t.env, log);
    const calls: Call[] = readCalls(log);
    const named = (api: string) => calls.filter((c) => c.api === api);
    const step = (name: string) => named('drive').find((c) => c.args[0] === name)?.args[1];

    expect(run.stderr).toContain('tokentray: tray ready');
    expect(named('drive failed')).toEqual([]);
    expect(named('missing')).toEqual([]);
    expect(named('uncaughtException')).toEqual([]);
    expect(named('unhandledRejection')).toEqual([]);
    expect(named('dialog.showErrorBox')).toEqual([]);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });

    expect(named('app.requestSingleInstanceLock')).toHaveLength(1);
    // Every contract channel has exactly one handler, and nothing else is handled.
    expect(named('ipcMain.handle').map((c) => c.args[0]).sort()).toEqual([...IPC_CHANNELS].sort());

    // The tray: one, with an icon file that exists and a menu to open the window and to quit.
    const trays = named('new Tray');
    expect(trays).toHaveLength(1);
    expect(existsSync((trays[0]!.args[0] as { path: string }).path)).toBe(true);
    const menus = named('Tray.setContextMenu').map((c) => (c.args[0] as { label?: string }[]).map((item) => item.label));
    expect(menus[0]).toEqual(expect.arrayContaining(['Open tokentray…', 'Quit']));
    // After the first refresh the menu lists the profile from the keychain-backed store.
    expect(menus.at(-1)!.some((label) => label?.includes('demo'))).toBe(true);

    // One window, hardened, loading our built page with our preload.
    const windows = named('new BrowserWindow');
    expect(windows).toHaveLength(1);
    const prefs = (windows[0]!.args[0] as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload).endsWith(join('dist', 'preload', 'preload.js'))).toBe(true);
    expect(named('BrowserWindow.loadURL')[0]!.args[1]).toMatch(/^file:\/\/.*\/dist\/renderer\/index\.html$/);

    // IPC: the settings page gets an AppState; anyone else is refused before any handler runs.
    const state = step('state:get trusted') as { profiles: { name: string; has_token: boolean }[] };
    expect(state.profiles).toEqual([expect.objectContaining({ name: 'demo', has_token: true })]);
    const refused = { ok: false, code: 'forbidden' };
    expect(step('state:get other webContents')).toMatchObject(refused);
    expect(step('state:get foreign page')).toMatchObject(refused);
    expect(step('state:get subframe')).toMatchObject(refused);
    // Once the renderer says it is ready, main pushes it the state.
    expect(named('webContents.send').map((c) => c.args[1])).toContain(STATE_UPDATE_EVENT);

    // Session hardening, as Electron would call the hooks.
    expect(named('webRequest.onHeadersReceived')).toHaveLength(1);
    expect(step('headers')).toEqual({ responseHeaders: { 'X-Kept': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    expect(step('permission request media')).toBe(false);
    expect(step('permission check notifications')).toBe(false);
    expect(step('window open')).toEqual({ action: 'deny' });
    expect(step('will-navigate prevented')).toBe(true);

    // Closing the window hides it (the tray app lives on); only quitting destroys it.
    expect(step('after close')).toEqual({ visible: false, destroyed: false });
    const order = calls.map((c) => c.api);
    expect(order.indexOf('BrowserWindow.hide')).toBeGreaterThan(order.indexOf('BrowserWindow.close'));
    expect(order.indexOf('BrowserWindow.destroy')).toBeGreaterThan(order.indexOf('app.quit'));
    expect(order.at(-1)).toBe('exit');
  });
});
