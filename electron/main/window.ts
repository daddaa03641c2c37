/** The settings window: created on demand, hidden (not destroyed) on close, locked down per window-options.ts. */
import { app, BrowserWindow, session } from 'electron';
import { readFileSync } from 'node:fs';
import { APP_PAGE_URL } from './app-protocol';
import { settingsPageUrl } from './ipc-guard';
import { SETTINGS_WINDOW_OPTIONS, allowPermission, isStrictCsp, metaCsp, settingsWebPreferences, withCspHeader } from './window-options';

/** The one settings window, as the rest of main sees it. */
export interface SettingsWindow {
  /** Creates the window if needed, then shows and focuses it. */
  show(): void;
  /** The live window, or null before it was first opened. */
  get(): BrowserWindow | null;
  /** The page the window loads; IPC trusts only this page. */
  readonly pageUrl: string;
}

export interface SettingsWindowPaths {
  preload: string;
  indexHtml: string;
}

/** Session- and app-wide rules: CSP header, permissions denied, no navigation, no new windows, no webviews. */
export function registerWindowHardening(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders) });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** The page declares the CSP too (in case it is ever opened another way): say so loudly if it does not. */
function checkMetaCsp(indexHtml: string): void {
  try {
    if (!isStrictCsp(metaCsp(readFileSync(indexHtml, 'utf8')))) {
      process.stderr.write(`tokentray: ${indexHtml} has no strict Content-Security-Policy meta tag (default-src 'self')\n`);
    }
  } catch {
    process.stderr.write(`tokentray: settings page ${indexHtml} is missing; run npm run build\n`);
  }
}

/** Makes the controller for the settings window; nothing is created until show(). */
export function createSettingsWindow(paths: SettingsWindowPaths, onCreated: (window: BrowserWindow) => void): SettingsWindow {
  // Served by app-protocol.ts from dist/renderer, with the CSP header.
  const pageUrl = settingsPageUrl(process.env, APP_PAGE_URL);
  let window: BrowserWindow | null = null;
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });

  const create = (): BrowserWindow => {
    const created = new BrowserWindow({ ...SETTINGS_WINDOW_OPTIONS, webPreferences: settingsWebPreferences(paths.preload, app.isPackaged) });
    created.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      created.hide();
      app.dock?.hide();
    });
    created.once('ready-to-show', () => created.show());
    if (pageUrl === APP_PAGE_URL) checkMetaCsp(paths.indexHtml);
    void created.loadURL(pageUrl);
    onCreated(created);
    return created;
  };

  return {
    pageUrl,
    get: () => (window && !window.isDestroyed() ? window : null),
    show() {
      if (!window || window.isDestroyed()) window = create();
      else window.show();
      void app.dock?.show();
      window.focus();
    },
  };
}
