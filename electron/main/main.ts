/**
 * Electron entry: one instance, no dock icon until the window opens, then the tray, the window and the
 * handlers, each set up by its own module in order. Everything worth testing lives in core or in the
 * pure modules beside this file.
 */
import { app, dialog, Notification, protocol } from 'electron';
import type { AppState, DesktopView } from '../../shared/app-state';
import type { WindowTarget } from '../../shared/navigation';
import { createStateBuilder } from '../core/app/app-state';
import { createIpcHandlers } from '../core/app/ipc-handlers';
import { createStateStore } from '../core/app/state-store';
import { createCoreContext } from '../core/context';
import { resolveLauncher } from '../core/editors/launcher';
import { prepareHome } from '../core/home';
import { mcpConfigSnippet } from '../core/editors/proxy-entry';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { appPaths } from './app-paths';
import { registerIpcHandlers } from './ipc';
import { setUpLauncher } from './launcher-setup';
import { createLoginItem } from './login-item';
import { nativeIpcHost, nativeTrayHandles } from './native';
import { registerNotifications } from './notifications';
import { createTray } from './tray';
import { runTrayAction } from './tray-actions';
import { detectTray } from './tray-host';
import { createSettingsWindow, registerWindowHardening } from './window';

// The tray must outlive GC: keep a module-level reference.
let tray: Electron.Tray | null = null;
const log = (line: string) => void process.stderr.write(`${line}\n`);

async function start(): Promise<void> {
  app.dock?.hide();
  const paths = appPaths({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath(), platform: process.platform });
  // Editor entries run this command; set before core reads env (an AppImage installs ~/.local/bin/tokentray first).
  setUpLauncher({ platform: process.platform, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, ...(process.env.APPIMAGE && { appImage: process.env.APPIMAGE }) }, process.env, log);
  registerAppScheme(protocol);
  await app.whenReady();

  serveAppProtocol(protocol, paths.rendererDir);
  registerWindowHardening();
  const ctx = createCoreContext();
  prepareHome(ctx.home); // a clear "cannot create/not a folder" in the start-up error box, before anything writes there
  const loginItem = createLoginItem(app, process.platform, process.env, app.isPackaged ? [process.env.APPIMAGE ?? process.execPath] : [process.execPath, app.getAppPath()]);
  // Where no tray icon can appear, the window is tokentray's home: opened at start and on a second launch.
  let trayShown: DesktopView['tray'] = await detectTray(process.platform, process.env);
  const desktop = (): DesktopView => ({ tray: trayShown, start_at_login: loginItem.isEnabled(), platform: process.platform });
  // One builder for the app's life: its memory keeps git's answers and the server's agent statuses between refreshes.
  const build = createStateBuilder(ctx);
  const store = createStateStore({ build: async (request): Promise<AppState> => ({ ...(await build(request)), desktop: desktop() }) });
  const window = createSettingsWindow(paths, (win) => ipc.attach(win));
  const handlers = createIpcHandlers({
    ctx,
    store,
    ...nativeIpcHost(window),
    desktop: { setStartAtLogin: (enabled) => loginItem.setEnabled(enabled), quit: () => app.quit() },
  });
  const ipc = registerIpcHandlers({ handlers, window, store });
  const openWindowOn = (target?: WindowTarget) => {
    window.show();
    if (target) ipc.navigate(target);
  };
  registerNotifications(store, Notification, { home: ctx.home, onClick: openWindowOn, log });

  tray = createTray({
    store,
    iconDir: paths.trayIconDir,
    isStartAtLogin: () => loginItem.isEnabled(),
    run: (action) =>
      void runTrayAction(action, {
        handlers,
        ...nativeTrayHandles(window),
        mcpConfigSnippet: (profile, editor) => mcpConfigSnippet(editor, profile, resolveLauncher(process.env)),
        refresh: () => store.refresh({ agents: 'fetch' }),
        openWindow: () => openWindowOn(),
        toggleStartAtLogin: () => {
          loginItem.setEnabled(!loginItem.isEnabled());
          void store.refresh().catch(() => undefined);
        },
        quit: () => app.quit(),
      }),
  });
  log(`tokentray: tray ready${trayShown === 'missing' ? ' (no tray host on the session bus: the window stands in for it)' : ''}`);

  app.on('second-instance', () => {
    // A second launch is how a tray-less desktop reopens tokentray; ask the bus again (an extension may be on now).
    openWindowOn();
    void detectTray(process.platform, process.env).then((now) => {
      if (now === trayShown) return;
      trayShown = now;
      void store.refresh().catch(() => undefined);
    });
  });
  app.on('activate', () => openWindowOn());
  // A tray app keeps running with no window; Quit is in the tray menu (and in the window).
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => store.stop());
  store.start();
  if (trayShown === 'missing') openWindowOn();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => {
    dialog.showErrorBox('tokentray could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
