/**
 * A read-only mirror of main's AppState. connect() takes a snapshot and then applies the states
 * main pushes; actions go through call(), which returns main's answer as soon as main gives it (main
 * refreshes after answering, and pushes that state). Nothing here changes the state locally.
 */
import { create } from 'zustand';
import { EMPTY_APP_STATE, type AppState } from '../../../shared/app-state';
import type { IpcChannel, IpcRequest, IpcResponse } from '../../../shared/ipc';
import { getApi } from '../api';
import { useUiStore } from './ui-store';

interface AppStore {
  state: AppState;
  /** True once the first snapshot arrived. */
  ready: boolean;
  /** Why the window could not reach main, in words; null when connected. */
  connectError: string | null;
  /** Counts applied states, so call() can tell whether main's update already came. */
  version: number;
  connect(): Promise<void>;
  call<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>>;
}

let unsubscribe: (() => void) | null = null;

/** The mirror store of main's state. */
export const useAppStore = create<AppStore>()((set, get) => {
  const apply = (next: AppState) => {
    // A snapshot answered after a push may be the same or older: never step back in time.
    if (get().ready && next.refreshed_at < get().state.refreshed_at) return;
    set((s) => ({ state: next, ready: true, connectError: null, version: s.version + 1 }));
  };

  return {
    state: EMPTY_APP_STATE,
    ready: false,
    connectError: null,
    version: 0,

    async connect() {
      const api = getApi();
      if (!api) {
        set({ connectError: 'This window has no connection to tokentray. Open it from the tokentray tray menu.' });
        return;
      }
      unsubscribe?.();
      const offState = api.onState(apply);
      // A clicked notification: main asks to show its subject.
      const offNavigate = api.onNavigate((target) => useUiStore.getState().navigate(target));
      unsubscribe = () => {
        offState();
        offNavigate();
      };
      try {
        apply(await api.invoke('state:get', {}));
        api.ready();
      } catch (error) {
        set({ connectError: `Could not load tokentray's state: ${error instanceof Error ? error.message : String(error)}` });
      }
    },

    async call(channel, request) {
      const api = getApi();
      if (!api) throw new Error('no connection to tokentray');
      // Main answers an action first and refreshes after: the new state arrives as a push (onState).
      return api.invoke(channel, request);
    },
  };
});
