/** The OS pieces main lends to core and to the tray: folder picker, browser, clipboard, dialogs, notifications. */
import { clipboard, dialog, Notification, shell, type OpenDialogOptions } from 'electron';
import type { IpcHost } from '../core/app/ipc-handlers';
import { isOpenableExternalUrl } from './app-paths';
import { confirmTakeover } from './confirm-takeover';
import type { TrayActionDeps } from './tray-actions';
import type { SettingsWindow } from './window';

/** The native half of core's IpcHost. */
export function nativeIpcHost(window: SettingsWindow): Pick<IpcHost, 'pickFolder' | 'openExternal' | 'showUnsavedKey'> {
  return {
    async pickFolder() {
      const parent = window.get();
      const options: OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'] };
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openExternal(url) {
      // Core checked the URL already; main checks again, whatever handed it over.
      if (!isOpenableExternalUrl(url)) throw new Error('only https:// links are opened');
      await shell.openExternal(url);
    },
    async showUnsavedKey({ display_name, actor_id, workspace, key }) {
      // The one place a key is shown: a native dialog in main, never the renderer or a log.
      const options = {
        type: 'warning' as const,
        title: 'Save this agent key now',
        message: `The new key for ${display_name} (${actor_id}) could not be written to ${workspace}/.moot/actors.json.`,
        detail: `Copy it into that file's "api_key" for this agent now; it is shown only once and the old key no longer works.\n\n${key}`,
        buttons: ['Copy key and close', 'Close'],
        defaultId: 0,
      };
      const parent = window.get();
      const result = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      if (result.response === 0) clipboard.writeText(key);
    },
  };
}

/** The native handles a tray action uses. */
export function nativeTrayHandles(window: SettingsWindow): Pick<TrayActionDeps, 'copyText' | 'confirmTakeover' | 'notify'> {
  return {
    copyText: (text) => clipboard.writeText(text),
    confirmTakeover: (agent, message) => confirmTakeover(dialog, window.get(), agent, message),
    notify: ({ title, body }) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
  };
}
