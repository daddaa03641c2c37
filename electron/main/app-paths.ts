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
  indexHtml: string;
  trayIconDir: string;
  /** The `tokentray` CLI launcher installed with the app; null in development (editors use `npx tokentray`). */
  launcher: string | null;
}

/** Resolves every path main needs. build.mjs writes dist/main, dist/preload and dist/renderer side by side. */
export function appPaths(location: AppLocation): AppPaths {
  const dist = join(location.appPath, 'dist');
  return {
    preload: join(dist, 'preload', 'preload.js'),
    indexHtml: join(dist, 'renderer', 'index.html'),
    // extraResources copies build/tray to resources/tray (electron-builder.yml).
    trayIconDir: location.isPackaged ? join(location.resourcesPath, 'tray') : join(location.appPath, 'build', 'tray'),
    launcher: location.isPackaged ? join(location.resourcesPath, 'bin', location.platform === 'win32' ? 'tokentray.cmd' : 'tokentray') : null,
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
