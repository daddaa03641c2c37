/**
 * The settings window's only bridge to main: `window.tokentray`, exactly the TokentrayApi of
 * shared/ipc.ts. No ipcRenderer, no Node, no event objects cross into the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppState } from '../../shared/app-state';
import type { TokentrayApi } from '../../shared/ipc';

// Literal copies of the two event names: importing shared/ipc.ts would bundle zod into the sandboxed preload.
const STATE_UPDATE_EVENT = 'state:update';
const RENDERER_READY_EVENT = 'renderer:ready';

const api: TokentrayApi = {
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  onState(listener) {
    const handler = (_event: IpcRendererEvent, state: AppState) => listener(state);
    ipcRenderer.on(STATE_UPDATE_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(STATE_UPDATE_EVENT, handler);
    };
  },
  ready: () => ipcRenderer.send(RENDERER_READY_EVENT),
};

contextBridge.exposeInMainWorld('tokentray', api);
