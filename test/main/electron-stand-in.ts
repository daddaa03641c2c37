/**
 * A recording stand-in for the 'electron' module, used by main-wiring.test.ts: bundled to CommonJS and
 * loaded with `node -r` before the real dist/main/main.js, so `require('electron')` returns it. It has
 * only what electron/main uses, writes every call as a JSON line to $TOKENTRAY_STANDIN_LOG, and once
 * main prints "tray ready" it plays the OS and the renderer: tray click, IPC calls, app:// requests, a
 * notification click, window close, a second launch, quit.
 */
import { appendFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import { pathToFileURL } from 'node:url';
import { RENDERER_READY_EVENT } from '../../shared/ipc-events';

const logFile = process.env.TOKENTRAY_STANDIN_LOG ?? '';
// Electron listeners and handlers take many shapes; the stand-in only stores and calls them.
type Listener = (...args: any[]) => unknown;

let nextId = 1;

class StandInWebContents extends EventEmitter {
  readonly id = nextId++;
  url = '';
  destroyed = false;
  openHandler: Listener | null = null;
  override on(event: string, listener: Listener): this {
    record('webContents.on', this, event);
    return super.on(event, listener);
  }
  setWindowOpenHandler(handler: Listener): void {
    record('webContents.setWindowOpenHandler', this);
    this.openHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    record('webContents.send', this, channel, ...args);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
}

/** A DOM-style event object, as Electron passes to 'close', 'will-navigate' and 'before-quit'. */
function preventable(): { defaultPrevented: boolean; preventDefault(): void } {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** Everything recorded, as plain JSON: functions become "[function]", windows and webContents their ids. */
function plain(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'function') return '[function]';
    if (v instanceof StandInWebContents) return { webContents: v.id };
    if (v instanceof StandInWindow) return { window: v.id };
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return v;
  });
  return text === undefined ? null : JSON.parse(text);
}

function record(api: string, ...args: unknown[]): void {
  appendFileSync(logFile, `${JSON.stringify({ api, args: args.map(plain) })}\n`);
}

const windows: StandInWindow[] = [];
const trays: StandInTray[] = [];
const appEvents = new EventEmitter();
const invokeHandlers = new Map<string, Listener>();
const ipcListeners = new Map<string, Listener[]>();
const sessionHooks: { headers?: Listener; permissionRequest?: Listener; permissionCheck?: Listener } = {};
const protocolHandlers = new Map<string, Listener>();

class StandInWindow extends EventEmitter {
  readonly id = nextId++;
  readonly webContents = new StandInWebContents();
  visible = false;
  destroyed = false;
  constructor(options: unknown) {
    super();
    record('new BrowserWindow', options);
    windows.push(this);
    appEvents.emit('web-contents-created', preventable(), this.webContents);
  }
  override on(event: string, listener: Listener): this {
    record('BrowserWindow.on', this, event);
    return super.on(event, listener);
  }
  loadURL(url: string): Promise<void> {
    record('BrowserWindow.loadURL', this, url);
    this.webContents.url = url;
    return Promise.resolve();
  }
  loadFile(path: string): Promise<void> {
    return this.loadURL(pathToFileURL(path).toString());
  }
  show(): void {
    record('BrowserWindow.show', this);
    this.visible = true;
  }
  hide(): void {
    record('BrowserWindow.hide', this);
    this.visible = false;
  }
  focus(): void {
    record('BrowserWindow.focus', this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What the OS close button does: 'close', and unless a listener prevents it, destroy. */
  close(): void {
    record('BrowserWindow.close', this);
    const event = preventable();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy(): void {
    record('BrowserWindow.destroy', this);
    this.destroyed = this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class StandInTray extends EventEmitter {
  menu: { template: { label?: string; click?: () => void }[] } | null = null;
  constructor(image: unknown) {
    super();
    record('new Tray', image);
    trays.push(this);
  }
  setContextMenu(menu: { template: { label?: string; click?: () => void }[] }): void {
    record('Tray.setContextMenu', menu.template);
    this.menu = menu;
  }
  setToolTip(text: string): void {
    record('Tray.setToolTip', text);
  }
  setImage(image: unknown): void {
    record('Tray.setImage', image);
  }
  popUpContextMenu(): void {
    record('Tray.popUpContextMenu');
  }
  isDestroyed(): boolean {
    return false;
  }
}

const notifications: StandInNotification[] = [];

class StandInNotification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: { title?: string }) {
    super();
    record('new Notification', options);
  }
  override on(event: string, listener: Listener): this {
    record('Notification.on', this.options.title, event);
    return super.on(event, listener);
  }
  show(): void {
    record('Notification.show', this.options);
    notifications.push(this);
  }
}

/** Electron's quit: 'before-quit' (preventable), windows closed, 'will-quit', exit 0. */
function quit(): void {
  const event = preventable();
  appEvents.emit('before-quit', event);
  if (event.defaultPrevented) return;
  for (const window of windows) if (!window.destroyed) window.close();
  appEvents.emit('will-quit', preventable());
  record('exit', process.exitCode ?? 0);
  setImmediate(() => process.exit());
}

// TOKENTRAY_STANDIN_RESOURCES plays a packaged app: isPackaged, and process.resourcesPath there.
const packagedResources = process.env.TOKENTRAY_STANDIN_RESOURCES;
if (packagedResources) (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath = packagedResources;

const app = {
  isPackaged: Boolean(packagedResources),
  dock: undefined, // Linux has no dock.
  requestSingleInstanceLock: () => (record('app.requestSingleInstanceLock'), true),
  whenReady: () => (record('app.whenReady'), Promise.resolve()),
  getAppPath: () => (record('app.getAppPath'), process.cwd()),
  on(event: string, listener: Listener) {
    record('app.on', event);
    appEvents.on(event, listener);
    return app;
  },
  quit: () => (record('app.quit'), quit()),
  exit(code: number) {
    record('app.exit', code);
    process.exit(code);
  },
  getLoginItemSettings: () => (record('app.getLoginItemSettings'), { openAtLogin: false }),
  setLoginItemSettings: (settings: unknown) => record('app.setLoginItemSettings', settings),
};

const electron: Record<string, unknown> = {
  app,
  BrowserWindow: StandInWindow,
  Tray: StandInTray,
  Notification: StandInNotification,
  Menu: { buildFromTemplate: (template: unknown) => (record('Menu.buildFromTemplate', template), { template }) },
  nativeImage: { createFromPath: (path: string) => (record('nativeImage.createFromPath', path), { path }) },
  ipcMain: {
    handle(channel: string, handler: Listener) {
      record('ipcMain.handle', channel);
      invokeHandlers.set(channel, handler);
    },
    on(channel: string, listener: Listener) {
      record('ipcMain.on', channel);
      ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]);
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown) => record('protocol.registerSchemesAsPrivileged', schemes),
    handle(scheme: string, handler: Listener) {
      record('protocol.handle', scheme);
      protocolHandlers.set(scheme, handler);
    },
  },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: (listener: Listener) => (record('webRequest.onHeadersReceived'), (sessionHooks.headers = listener)) },
      setPermissionRequestHandler: (handler: Listener) => (record('session.setPermissionRequestHandler'), (sessionHooks.permissionRequest = handler)),
      setPermissionCheckHandler: (handler: Listener) => (record('session.setPermissionCheckHandler'), (sessionHooks.permissionCheck = handler)),
    },
  },
  dialog: {
    showErrorBox: (title: string, content: string) => record('dialog.showErrorBox', title, content),
    showOpenDialog: async () => (record('dialog.showOpenDialog'), { canceled: true, filePaths: [] }),
    showMessageBox: async () => (record('dialog.showMessageBox'), { response: 1 }),
  },
  // Only agent keys are ever copied: record the length, never the text.
  clipboard: { writeText: (text: string) => record('clipboard.writeText', `${text.length} characters`) },
  shell: { openExternal: async (url: string) => record('shell.openExternal', url) },
};

// Anything main reads that the stand-in lacks is recorded, so the test names it instead of a TypeError.
const exported = new Proxy(electron, {
  get(target, key) {
    if (typeof key === 'string' && !(key in target) && key !== '__esModule') record('missing', key);
    return target[key as string];
  },
});

// Node's CommonJS loader internals this stand-in hooks (present in every Node, absent from @types/node).
declare module 'module' {
  namespace Module {
    let _resolveFilename: (request: string, ...rest: unknown[]) => string;
    const _cache: Record<string, unknown>;
  }
}

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'electron' ? 'electron' : resolveFilename.call(this, request, ...rest);
};
const cached = new Module('electron');
Object.assign(cached, { filename: 'electron', loaded: true, exports: exported });
Module._cache.electron = cached;

async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await new Promise((done) => setTimeout(done, 10));
  if (!ready()) throw new Error('gave up waiting');
}

async function invoke(channel: string, event: object, payload: unknown): Promise<unknown> {
  const handler = invokeHandlers.get(channel);
  if (!handler) throw new Error(`no ipcMain.handle for ${channel}`);
  return handler(event, payload);
}

/** Plays the OS and the renderer against the real main, recording what each step answered. */
async function drive(): Promise<void> {
  const step = (name: string, result: unknown) => record('drive', name, result);
  record('drive start');
  const tray = trays[0];
  const open = tray?.menu?.template.find((item) => item.label === 'Open tokentray…');
  if (!open?.click) throw new Error('the tray menu has no clickable "Open tokentray…"');
  open.click();
  await until(() => windows.length > 0);
  const win = windows[0]!;
  win.emit('ready-to-show');
  const page = win.webContents.url;
  const top = { url: page, parent: null };
  const trusted = { sender: win.webContents, senderFrame: top };
  step('state:refresh trusted', await invoke('state:refresh', trusted, {}));
  step('state:get trusted', await invoke('state:get', trusted, {}));
  step('state:get other webContents', await invoke('state:get', { sender: new StandInWebContents(), senderFrame: top }, {}));
  step('state:get foreign page', await invoke('state:get', { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, {}));
  step('state:get subframe', await invoke('state:get', { sender: win.webContents, senderFrame: { url: page, parent: top } }, {}));
  // What an editor entry would run, as the window's "Show config" asks for it.
  step('mcp-config demo', await invoke('profile:mcp-config', trusted, { name: 'demo', editor: 'cursor' }));
  for (const listener of ipcListeners.get(RENDERER_READY_EVENT) ?? []) listener(trusted);
  // Extra calls a test asks for, as the window would make them: [[channel, payload], …].
  for (const [channel, payload] of JSON.parse(process.env.TOKENTRAY_STANDIN_INVOKE ?? '[]') as Array<[string, unknown]>) {
    step(`invoke ${channel}`, await invoke(channel, trusted, payload));
  }

  sessionHooks.headers?.({ url: page, responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Kept': ['1'] } }, (response: unknown) => step('headers', response));
  sessionHooks.permissionRequest?.(win.webContents, 'media', (granted: boolean) => step('permission request media', granted));
  step('permission check notifications', sessionHooks.permissionCheck?.(win.webContents, 'notifications', page, {}));
  step('window open', win.webContents.openHandler?.({ url: 'https://evil.example/' }));
  const navigate = preventable();
  win.webContents.emit('will-navigate', navigate, 'https://evil.example/');
  step('will-navigate prevented', navigate.defaultPrevented);

  // The page's own protocol, as Chromium would ask it: our files with the CSP header, nothing else.
  const fetchApp = async (url: string, method = 'GET') => {
    const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) return { missing: true };
    const response = (await handler({ url, method })) as Response;
    const body = response.body ? await response.text() : '';
    return { status: response.status, csp: response.headers.get('content-security-policy'), type: response.headers.get('content-type'), starts: body.slice(0, 15) };
  };
  step('app page', await fetchApp(page));
  step('app traversal', await fetchApp(new URL('..%2f..%2fpackage.json', page).toString()));
  step('app encoded dots', await fetchApp(page.replace('index.html', '%2e%2e/%2e%2e/package.json')));
  step('app other host', await fetchApp('app://elsewhere/index.html'));
  step('app post', await fetchApp(page, 'POST'));

  // A notification's click opens the window on its subject: main asks the page (ready by now) to show it.
  step('notifications shown', notifications.map((n) => n.options.title));
  notifications[0]?.emit('click');
  step('clicked', notifications[0]?.options.title ?? null);

  win.close();
  step('after close', { visible: win.visible, destroyed: win.destroyed });
  // A second launch (the only way back in where there is no tray) shows the window again.
  appEvents.emit('second-instance', preventable(), [], process.cwd());
  step('after second launch', { visible: win.visible });
  await new Promise((done) => setTimeout(done, 50));
  // Quit, as the window's own button asks for it.
  step('app:quit', await invoke('app:quit', trusted, {}));
}

const write = process.stderr.write.bind(process.stderr);
process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  if (String(chunk).includes('tokentray: tray ready')) {
    setImmediate(() =>
      drive().catch((error: unknown) => {
        record('drive failed', error instanceof Error ? error.stack : String(error));
        process.exitCode = 1;
        quit();
      }),
    );
  }
  return write(chunk, ...rest);
}) as typeof process.stderr.write;
process.on('uncaughtExceptionMonitor', (error) => record('uncaughtException', error.stack));
process.on('unhandledRejection', (reason) => {
  record('unhandledRejection', reason instanceof Error ? reason.stack : String(reason));
  process.exitCode = 1;
});
