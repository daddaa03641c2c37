/**
 * The only place main touches ipcMain and webContents.send: every contract channel goes through the
 * sender check and core's dispatchIpc; state pushes wait until the renderer says it is ready.
 */
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { AppState } from '../../shared/app-state';
import { IPC_CHANNELS, RENDERER_READY_EVENT, STATE_UPDATE_EVENT } from '../../shared/ipc';
import type { IpcHandlers } from '../core/app/ipc-handlers';
import { stateForRenderer } from '../core/app/renderer-guard';
import { guardedDispatch, isTrustedSender, type ExpectedSender, type SenderFrame } from './ipc-guard';
import type { SettingsWindow } from './window';

export interface IpcDeps {
  handlers: IpcHandlers;
  window: SettingsWindow;
  store: { current(): AppState; subscribe(listener: (state: AppState) => void): () => void };
}

function senderFrame(event: IpcMainEvent | IpcMainInvokeEvent): SenderFrame {
  const frame = event.senderFrame;
  return { url: frame?.url ?? null, isTopFrame: frame !== null && frame.parent === null, webContentsId: event.sender.id };
}

function expectedSender(window: SettingsWindow): ExpectedSender {
  return { webContentsId: window.get()?.webContents.id ?? null, pageUrl: window.pageUrl };
}

/** Registers every channel of shared/ipc.ts and the state push; returns the hook to call for each new window. */
export function registerIpcHandlers({ handlers, window, store }: IpcDeps): { attach(win: BrowserWindow): void } {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => guardedDispatch(handlers, senderFrame(event), expectedSender(window), channel, payload));
  }

  // The webContents id that said it is ready since its last load; pushes before that would be lost.
  let readyId: number | null = null;
  const push = (state: AppState) => {
    const win = window.get();
    if (win && readyId === win.webContents.id && !win.webContents.isDestroyed()) win.webContents.send(STATE_UPDATE_EVENT, stateForRenderer(state));
  };
  ipcMain.on(RENDERER_READY_EVENT, (event) => {
    if (!isTrustedSender(senderFrame(event), expectedSender(window))) return;
    readyId = event.sender.id;
    push(store.current());
  });
  store.subscribe(push);

  return {
    attach(win) {
      const id = win.webContents.id;
      const unready = () => {
        if (readyId === id) readyId = null;
      };
      win.webContents.on('did-start-loading', unready);
      win.webContents.on('render-process-gone', unready);
      win.on('closed', unready);
    },
  };
}
