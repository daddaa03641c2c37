/** The tray icon and its menu: rebuilt from buildTrayMenu on every state change. */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { AppState } from '../../shared/app-state';
import { chooseTrayIcon, connectedEditorCount, trayIconFile, trayTooltip } from './tray-icon';
import { buildTrayMenu, type TrayAction, type TrayMenuItem } from './tray-menu';

export interface TrayDeps {
  store: { current(): AppState; subscribe(listener: (state: AppState) => void): () => void };
  /** Folder holding the tray PNGs (build/tray in development, resources/tray when packaged). */
  iconDir: string;
  isStartAtLogin(): boolean;
  run(action: TrayAction): void;
}

function toElectron(items: TrayMenuItem[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map(({ action, submenu, ...rest }) => ({
    ...rest,
    ...(submenu && { submenu: toElectron(submenu, run) }),
    ...(action && { click: () => run(action) }),
  }));
}

/** Creates the tray and keeps its icon, tooltip and menu in step with the state store. */
export function createTray({ store, iconDir, isStartAtLogin, run }: TrayDeps): Tray {
  const image = (state: AppState) => nativeImage.createFromPath(join(iconDir, trayIconFile(chooseTrayIcon(state).kind, process.platform)));
  const tray = new Tray(image(store.current()));
  const render = (state: AppState) => {
    if (tray.isDestroyed()) return;
    const choice = chooseTrayIcon(state);
    tray.setImage(image(state));
    tray.setToolTip(trayTooltip(choice, connectedEditorCount(state)));
    // Linux AppIndicator has no click event: everything is reachable from this menu.
    tray.setContextMenu(Menu.buildFromTemplate(toElectron(buildTrayMenu(state, { startAtLogin: isStartAtLogin() }), run)));
  };
  render(store.current());
  store.subscribe(render);
  // Windows opens a tray's menu on right-click only; a left click should open it too.
  if (process.platform === 'win32') tray.on('click', () => tray.popUpContextMenu());
  return tray;
}
