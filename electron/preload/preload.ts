/**
 * The settings window's only bridge to main: `window.tokentray`, exactly the TokentrayApi of
 * shared/ipc.ts. No ipcRenderer, no Node, no event objects cross into the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppState } from '../../shared/app-state';
import type { TokentrayApi } from '../../shared/ipc';
import type { WindowTarget } from '../../shared/navigation';
// Only the dependency-free event names: shared/ipc.ts itself would bundle zod into the sandboxed preload.
import { NAVIGATE_EVENT, RENDERER_READY_EVENT, STATE_UPDATE_EVENT } from '../../shared/ipc-events';

const api: TokentrayApi = {
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  onState(listener) {
    const handler = (_event: IpcRendererEvent, state: AppState) => listener(state);
    ipcRenderer.on(STATE_UPDATE_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(STATE_UPDATE_EVENT, handler);
    };
  },
  onNavigate(listener) {
    const handler = (_event: IpcRendererEvent, target: WindowTarget) => listener(target);
    ipcRenderer.on(NAVIGATE_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(NAVIGATE_EVENT, handler);
    };
  },
  ready: () => ipcRenderer.send(RENDERER_READY_EVENT),
};

contextBridge.exposeInMainWorld('tokentray', api);
