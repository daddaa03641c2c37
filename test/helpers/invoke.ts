import { buildAppState } from '../../electron/core/app/app-state';
import { createIpcHandlers, dispatchIpc, type IpcHandlers, type IpcHost } from '../../electron/core/app/ipc-handlers';
import { createStateStore, type StateStore } from '../../electron/core/app/state-store';
import type { CoreContext } from '../../electron/core/context';
import { parseIpcRequest, type IpcChannel, type IpcRequest, type IpcResponse } from '../../shared/ipc';
import type { AppState } from '../../shared/app-state';

/**
 * One IPC call as the window makes it: through dispatchIpc (schema check, renderer guard), typed by
 * shared/ipc.ts. The request is checked against the channel's schema first, so a test that means
 * to send a malformed payload calls dispatchIpc itself; what comes back is then the channel's
 * response (an answer withheld for carrying a secret is an ActionResult, as the contract allows).
 */
export async function invoke<C extends IpcChannel>(handlers: IpcHandlers, channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
  const parsed = parseIpcRequest(channel, request);
  if (!parsed.ok) throw new Error(`invoke(${channel}): the request does not meet its schema: ${parsed.message}`);
  // dispatchIpc takes untrusted input (unknown in, unknown out); for a request of the contract its answer is the channel's response.
  return (await dispatchIpc(handlers, channel, request)) as IpcResponse<C>;
}

/** What a test host lends the handlers besides ctx and store (default: no folder picked, nothing opened, nothing shown). */
export type TestHost = Partial<Omit<IpcHost, 'ctx' | 'store'>> & { build?: () => Promise<AppState> };

/** The app's wiring without Electron, as main does it: state store over buildAppState, the handler table, and a typed `invoke`. */
export interface CoreApp {
  ctx: CoreContext;
  store: StateStore;
  handlers: IpcHandlers;
  invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>>;
}

/** Builds a CoreApp on `ctx`; `host` replaces the picker, the browser, the key dialog or the state build. */
export function createCoreApp(ctx: CoreContext, host: TestHost = {}): CoreApp {
  const { build = () => buildAppState(ctx), ...lent } = host;
  const store = createStateStore({ build });
  const handlers = createIpcHandlers({ ctx, store, pickFolder: async () => null, openExternal: async () => undefined, showUnsavedKey: async () => undefined, ...lent });
  return { ctx, store, handlers, invoke: (channel, request) => invoke(handlers, channel, request) };
}
