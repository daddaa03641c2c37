import type { Page } from 'playwright-core';
import type { AppState } from '../../../shared/app-state';
import type { WindowTarget } from '../../../shared/navigation';
import { dispatchIpc, type IpcHandlers } from '../../../electron/core/app/ipc-handlers';
import type { StateStore } from '../../../electron/core/app/state-store';
import { createCoreContext, type CoreContext } from '../../../electron/core/context';
import { createCoreApp } from '../../helpers/invoke';

/** One message main sent to the page: an IPC answer or a state push, as the JSON that crossed. */
export interface SentPayload {
  kind: 'response' | 'push';
  channel: string;
  json: string;
}

/** The real core behind a page: context, state store, handler table, and everything sent to the page. */
export interface CoreBridge {
  ctx: CoreContext;
  store: StateStore;
  handlers: IpcHandlers;
  sent: SentPayload[];
  /** Folders the next folder-picker calls answer with (null = the user cancelled). */
  pickQueue: Array<string | null>;
  opened: string[];
  /** Agents whose new key could not be written and was shown by main's own dialog (never over IPC). */
  unsavedKeys: string[];
  /** Wires the page: replaces the preload API with calls into this bridge. Call before page.goto. */
  attach(page: Page): Promise<void>;
}

/** What BRIDGE_INIT_SCRIPT adds to the page's window (optional to the type: a page without the script lacks them); main's pushes arrive through these. */
export type PageHooks = Window & { __tokentrayPush?(state: AppState): void; __tokentrayNavigate?(target: WindowTarget): void };

/** Runs in the page before its scripts: the same `window.tokentray` the preload exposes, over Playwright bindings. */
export const BRIDGE_INIT_SCRIPT = `(() => {
  const listeners = new Set();
  const navigators = new Set();
  Object.defineProperty(window, '__tokentrayPush', { value: (state) => { for (const l of listeners) l(state); } });
  Object.defineProperty(window, '__tokentrayNavigate', { value: (target) => { for (const l of navigators) l(target); } });
  Object.defineProperty(window, 'tokentray', { value: Object.freeze({
    invoke: (channel, request) => window.__tokentrayInvoke(channel, request),
    onState: (listener) => { listeners.add(listener); return () => { listeners.delete(listener); }; },
    onNavigate: (listener) => { navigators.add(listener); return () => { navigators.delete(listener); }; },
    ready: () => { void window.__tokentrayReady(); },
  }) });
})();`;

/**
 * Builds the core the way Electron main does (createCoreContext → state store → createIpcHandlers),
 * with a test environment, and bridges a Playwright page to it in place of the preload script.
 */
export function createCoreBridge(env: Record<string, string>): CoreBridge {
  const pickQueue: Array<string | null> = [];
  const opened: string[] = [];
  /** Agents whose new key the host had to show by hand (the key itself never reaches the page). */
  const unsavedKeysShown: string[] = [];
  const { ctx, store, handlers } = createCoreApp(createCoreContext(env), {
    pickFolder: async () => (pickQueue.length > 0 ? pickQueue.shift()! : null),
    openExternal: async (url) => void opened.push(url),
    showUnsavedKey: async ({ actor_id }) => void unsavedKeysShown.push(actor_id),
  });
  const sent: SentPayload[] = [];

  const attach = async (page: Page) => {
    let ready = false;
    const push = (state: AppState) => {
      if (!ready || page.isClosed()) return;
      sent.push({ kind: 'push', channel: 'state:update', json: JSON.stringify(state) });
      page.evaluate((s) => (window as PageHooks).__tokentrayPush!(s), state).catch(() => undefined);
    };
    store.subscribe(push);
    await page.exposeFunction('__tokentrayInvoke', async (channel: unknown, payload: unknown) => {
      const answer = await dispatchIpc(handlers, channel, payload);
      sent.push({ kind: 'response', channel: String(channel), json: JSON.stringify(answer) ?? 'undefined' });
      return answer;
    });
    // As in main: pushes are held until the page says it is ready, then it gets the current state.
    await page.exposeFunction('__tokentrayReady', () => {
      ready = true;
      push(store.current());
    });
    await page.addInitScript({ content: BRIDGE_INIT_SCRIPT });
  };

  return { ctx, store, handlers, sent, pickQueue, opened, unsavedKeys: unsavedKeysShown, attach };
}
