/** Where the app's own files are, in development (the repo) and packaged (resources/), without Electron. */
import { join } from 'node:path';

export interface AppLocation {
  isPackaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** app.getAppPath(): the repo root in development, resources/app.asar when packaged. */
  appPath: string;
  platform: NodeJS.Platform;
}

export interface AppPaths {
  preload: string;
  /** dist/renderer: everything app://tokentray/ serves. */
  rendererDir: string;
  indexHtml: string;
  trayIconDir: string;
}

/** Resolves every path main needs (the CLI launcher: core/launcher/stable-launcher.ts). build.mjs writes dist/main, dist/preload and dist/renderer side by side. */
export function appPaths(location: AppLocation): AppPaths {
  const dist = join(location.appPath, 'dist');
  return {
    preload: join(dist, 'preload', 'preload.js'),
    rendererDir: join(dist, 'renderer'),
    indexHtml: join(dist, 'renderer', 'index.html'),
    // extraResources copies build/tray to resources/tray (electron-builder.yml).
    trayIconDir: location.isPackaged ? join(location.resourcesPath, 'tray') : join(location.appPath, 'build', 'tray'),
  };
}

/** True for a URL we let the OS open: https only, no embedded credentials. Checked in main, whatever the renderer said. */
export function isOpenableExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.hostname !== '';
  } catch {
    return false;
  }
}
