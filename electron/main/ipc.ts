/**
 * The only place main touches ipcMain and webContents.send: every contract channel goes through the
 * sender check and core's dispatchIpc; state pushes wait until the renderer says it is ready.
 */
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { AppState } from '../../shared/app-state';
import { IPC_CHANNELS, NAVIGATE_EVENT, RENDERER_READY_EVENT, STATE_UPDATE_EVENT } from '../../shared/ipc';
import type { WindowTarget } from '../../shared/navigation';
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

/** What registerIpcHandlers gives main: the hook for each new window, and a way to show a place in it. */
export interface IpcWiring {
  attach(win: BrowserWindow): void;
  /** Shows `target` in the window once its page is ready (now, if it is). */
  navigate(target: WindowTarget): void;
}

/** Registers every channel of shared/ipc.ts and the state push; returns the hook to call for each new window. */
export function registerIpcHandlers({ handlers, window, store }: IpcDeps): IpcWiring {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => guardedDispatch(handlers, senderFrame(event), expectedSender(window), channel, payload));
  }

  // The webContents id that said it is ready since its last load; pushes before that would be lost.
  let readyId: number | null = null;
  const push = (state: AppState) => {
    const win = window.get();
    if (win && readyId === win.webContents.id && !win.webContents.isDestroyed()) win.webContents.send(STATE_UPDATE_EVENT, stateForRenderer(state));
  };
  // A place to show (a clicked notification), held like the state until the window is ready.
  let pendingTarget: WindowTarget | null = null;
  const sendTarget = () => {
    const win = window.get();
    if (!pendingTarget || !win || readyId !== win.webContents.id || win.webContents.isDestroyed()) return;
    win.webContents.send(NAVIGATE_EVENT, pendingTarget);
    pendingTarget = null;
  };
  ipcMain.on(RENDERER_READY_EVENT, (event) => {
    if (!isTrustedSender(senderFrame(event), expectedSender(window))) return;
    readyId = event.sender.id;
    push(store.current());
    sendTarget();
  });
  store.subscribe(push);

  return {
    navigate(target) {
      pendingTarget = target;
      sendTarget();
    },
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
