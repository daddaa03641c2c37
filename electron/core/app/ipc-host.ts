import type { IpcChannel, IpcRequest, IpcResponse } from '../../../shared/ipc';
import type { CoreContext } from '../context';
import type { StateStore } from './state-store';

/** What the host (Electron main, or the E2E bridge) lends the handlers. */
export interface IpcHost {
  ctx: CoreContext;
  store: StateStore;
  /** A native folder picker; null when cancelled. */
  pickFolder(): Promise<string | null>;
  /** Opens an https URL in the user's browser (already checked by the handler). */
  openExternal(url: string): Promise<void>;
  /**
   * Shows, once and outside the renderer, a new agent key that could not be written to disk (a
   * native dialog in Electron). The key never travels over IPC.
   */
  showUnsavedKey(info: { actor_id: string; display_name: string; workspace: string; key: string }): Promise<void>;
  /** What only the desktop app can do (absent in the browser tests' bridge). */
  desktop?: { setStartAtLogin(enabled: boolean): void; quit(): void };
}

/** The handler table: one function per channel, plain data in and out, no Electron. */
export type IpcHandlers = { [C in IpcChannel]: (request: IpcRequest<C>) => Promise<IpcResponse<C>> };
