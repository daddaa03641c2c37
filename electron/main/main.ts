/**
 * Electron entry: one instance, no dock icon until the window opens, then the tray, the window and the
 * handlers, each set up by its own module in order. Everything worth testing lives in core or in the
 * pure modules beside this file.
 */
import { app, dialog, Notification } from 'electron';
import { buildAppState } from '../core/app/app-state';
import { createIpcHandlers } from '../core/app/ipc-handlers';
import { createStateStore } from '../core/app/state-store';
import { createCoreContext } from '../core/context';
import { resolveLauncher } from '../core/editors/launcher';
import { prepareHome } from '../core/home';
import { mcpConfigSnippet } from '../core/editors/proxy-entry';
import { appPaths } from './app-paths';
import { registerIpcHandlers } from './ipc';
import { createLoginItem } from './login-item';
import { nativeIpcHost, nativeTrayHandles } from './native';
import { registerNotifications } from './notifications';
import { createTray } from './tray';
import { runTrayAction } from './tray-actions';
import { createSettingsWindow, registerWindowHardening } from './window';

// The tray must outlive GC: keep a module-level reference.
let tray: Electron.Tray | null = null;

async function start(): Promise<void> {
  app.dock?.hide();
  const paths = appPaths({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath(), platform: process.platform });
  // Editor snippets run the CLI through this launcher (see build/launcher/); set before core reads env.
  if (paths.launcher && !process.env.TOKENTRAY_LAUNCHER) process.env.TOKENTRAY_LAUNCHER = paths.launcher;
  await app.whenReady();

  registerWindowHardening();
  const ctx = createCoreContext();
  prepareHome(ctx.home); // a clear "cannot create/not a folder" in the start-up error box, before anything writes there
  const store = createStateStore({ build: () => buildAppState(ctx) });
  const window = createSettingsWindow(paths, (win) => ipc.attach(win));
  const handlers = createIpcHandlers({ ctx, store, ...nativeIpcHost(window) });
  const ipc = registerIpcHandlers({ handlers, window, store });
  registerNotifications(store, Notification);

  const loginItem = createLoginItem(app, process.platform, process.env, app.isPackaged ? [process.env.APPIMAGE ?? process.execPath] : [process.execPath, app.getAppPath()]);
  tray = createTray({
    store,
    iconDir: paths.trayIconDir,
    isStartAtLogin: () => loginItem.isEnabled(),
    run: (action) =>
      void runTrayAction(action, {
        handlers,
        ...nativeTrayHandles(window),
        mcpConfigSnippet: (profile, editor) => mcpConfigSnippet(editor, profile, resolveLauncher(process.env)),
        refresh: () => store.refresh(),
        openWindow: () => window.show(),
        toggleStartAtLogin: () => {
          loginItem.setEnabled(!loginItem.isEnabled());
          void store.refresh().catch(() => undefined);
        },
        quit: () => app.quit(),
      }),
  });
  process.stderr.write('tokentray: tray ready\n');

  app.on('second-instance', () => window.show());
  app.on('activate', () => window.show());
  // A tray app keeps running with no window; Quit is in the tray menu.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => store.stop());
  store.start();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => {
    dialog.showErrorBox('tokentray could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
