/**
 * Runs the real built dist/main/main.js in Node with a recording stand-in for 'electron'
 * (electron-stand-in.ts), on the real keychain and files: the wiring of tray, window, IPC and session
 * hardening, checked from what main actually asked Electron to do.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNELS, NAVIGATE_EVENT, STATE_UPDATE_EVENT } from '../../shared/ipc';
import { STATUS_NOTIFIER_WATCHER } from '../../electron/main/tray-host';
import { ownBusName } from './bus-name';
import { fakeMolyPat, makeTestEnv, runCli } from '../helpers/cli';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window-options';
import { buildStandIn, readCalls, runMain as runUnder, type StandInCall as Call } from './stand-in-run';

let standIn = '';
beforeAll(async () => {
  standIn = await buildStandIn(makeTestEnv().root);
});

const runMain = (env: Record<string, string>, log: string) => runUnder(standIn, env, log);

/** Runs main once in `env` and reads back what it asked Electron to do. */
async function runRecorded(env: Record<string, string>, log: string) {
  const run = await runMain(env, log);
  const calls: Call[] = readCalls(log);
  const named = (api: string) => calls.filter((c) => c.api === api);
  const step = (name: string) => named('drive').find((c) => c.args[0] === name)?.args[1];
  const order = calls.map((c) => c.api);
  return { run, calls, named, step, order };
}

describe('electron/main wiring, run for real under an Electron stand-in', () => {
  it('builds the tray, the hardened window from app:// and every guarded IPC channel, shows a notification whose click opens its subject, then hides on close and quits cleanly', async () => {
    const t = makeTestEnv();
    // Expired long ago: the first snapshot has one notification to show.
    const added = await runCli(['profile', 'add', 'demo', '--kind', 'mcp', '--url', 'http://127.0.0.1:9/mcp', '--expires', '2020-01-01'], { env: t.env, input: `${fakeMolyPat()}\n` });
    expect(added.code, added.stderr).toBe(0);

    const { run, calls, named, step, order } = await runRecorded(t.env, join(t.root, 'electron-calls.jsonl'));

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
    // The page comes from app://, registered as a privileged scheme before the app was ready.
    expect(named('BrowserWindow.loadURL')[0]!.args[1]).toBe('app://tokentray/index.html');
    expect(named('protocol.registerSchemesAsPrivileged')[0]!.args[0]).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(order.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(order.indexOf('app.whenReady'));
    expect(named('protocol.handle').map((c) => c.args[0])).toEqual(['app']);
    expect(step('app page')).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, type: 'text/html; charset=utf-8', starts: '<!doctype html>' });
    expect(step('app traversal')).toMatchObject({ status: 403 });
    expect(step('app encoded dots')).toMatchObject({ status: 404 });
    expect(step('app other host')).toMatchObject({ status: 403 });
    expect(step('app post')).toMatchObject({ status: 405 });

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

    // The expired token's notification; its click asks the ready page to show the profile.
    expect(step('notifications shown')).toEqual(['Token expired: demo']);
    expect(named('Notification.on').map((c) => c.args[1])).toEqual(expect.arrayContaining(['click']));
    expect(named('webContents.send').filter((c) => c.args[1] === NAVIGATE_EVENT).map((c) => c.args[2])).toEqual([{ view: 'profiles', profile: 'demo' }]);

    // Closing the window hides it (the tray app lives on); a second launch shows it; only quitting destroys it.
    expect(step('after close')).toEqual({ visible: false, destroyed: false });
    expect(step('after second launch')).toEqual({ visible: true });
    expect(order.indexOf('BrowserWindow.hide')).toBeGreaterThan(order.indexOf('BrowserWindow.close'));
    // Quit from the window's own button.
    expect(step('app:quit')).toMatchObject({ ok: true });
    expect(order.indexOf('BrowserWindow.destroy')).toBeGreaterThan(order.indexOf('app.quit'));
    expect(order.filter((api) => api !== 'drive').at(-1)).toBe('exit');

    // A restart: the notification was remembered, so nothing is shown twice.
    const again = await runRecorded(t.env, join(t.root, 'electron-calls-2.jsonl'));
    expect(again.run.code).toBe(0);
    expect(again.step('notifications shown')).toEqual([]);
    void calls;
  });

  it('packaged as an AppImage: installs ~/.local/bin/tokentray at start, and editor entries name it instead of the temporary mount', async () => {
    const t = makeTestEnv();
    expect((await runCli(['profile', 'add', 'demo', '--kind', 'mcp', '--url', 'http://127.0.0.1:9/mcp', '--expires', 'never'], { env: t.env, input: `${fakeMolyPat()}\n` })).code).toBe(0);
    const image = join(t.root, 'Apps', 'tokentray-0.1.0.AppImage');
    const { mkdirSync, writeFileSync, readFileSync: read, statSync } = await import('node:fs');
    mkdirSync(join(t.root, 'Apps'), { recursive: true });
    writeFileSync(image, '#!/bin/sh\n', { mode: 0o755 });
    const mount = join(t.root, '.mount_tokentABC', 'resources');
    const run = await runRecorded({ ...t.env, APPIMAGE: image, TOKENTRAY_STANDIN_RESOURCES: mount }, join(t.root, 'appimage.jsonl'));
    expect(run.run.code, run.run.stderr).toBe(0);
    const launcher = join(t.home, '.local', 'bin', 'tokentray');
    expect(statSync(launcher).mode & 0o111).toBe(0o111);
    expect(read(launcher, 'utf8')).toContain(`appimage='${image}'`);
    const snippet = JSON.parse((run.step('mcp-config demo') as { snippet: string }).snippet);
    expect(snippet).toEqual({ mcpServers: { demo: { command: launcher, args: ['mcp', 'demo'] } } });
    expect(JSON.stringify(run.calls)).not.toContain(join(mount, 'bin', 'tokentray'));
  });

  it('with no tray host on the session bus it opens the window at start and tells the page; with one it waits for the tray', async () => {
    const t = makeTestEnv();
    // The test keychain's bus has no StatusNotifierWatcher: no tray icon could show.
    const bare = await runRecorded(t.env, join(t.root, 'no-tray.jsonl'));
    expect(bare.run.code).toBe(0);
    expect(bare.run.stderr).toContain('no tray host on the session bus');
    expect(bare.order.indexOf('new BrowserWindow')).toBeGreaterThan(-1);
    expect(bare.order.indexOf('new BrowserWindow')).toBeLessThan(bare.order.indexOf('drive start'));
    expect((bare.step('state:get trusted') as { desktop: unknown }).desktop).toEqual({ tray: 'missing', start_at_login: false, platform: process.platform });

    const held = await ownBusName(STATUS_NOTIFIER_WATCHER, t.env);
    try {
      const withTray = await runRecorded(t.env, join(t.root, 'tray.jsonl'));
      expect(withTray.run.code).toBe(0);
      expect(withTray.run.stderr).not.toContain('no tray host');
      // The window is created only when the tray's "Open tokentray…" is clicked.
      expect(withTray.order.indexOf('new BrowserWindow')).toBeGreaterThan(withTray.order.indexOf('drive start'));
      expect((withTray.step('state:get trusted') as { desktop: { tray: string } }).desktop.tray).toBe('shown');
    } finally {
      await held.release();
    }
  });
});
