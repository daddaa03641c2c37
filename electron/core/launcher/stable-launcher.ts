import { join } from 'node:path';
import { homeDir, type Env } from '../paths';

/** How this copy of the app was installed, as far as the launcher is concerned. */
export type PackageKind = 'appimage' | 'packaged' | 'development';

/** What the host knows about where it runs (Electron main passes process facts; tests pass their own). */
export interface InstallFacts {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** process.resourcesPath of the packaged app. */
  resourcesPath: string;
  /** $APPIMAGE: the AppImage file itself, set by the AppImage runtime (its mount point changes every start). */
  appImage?: string;
}

/** The command editor configs should hold, for one kind of install. */
export interface StableLauncher {
  kind: PackageKind;
  /** The absolute command, stable across restarts and updates; null in development (core finds the CLI itself). */
  command: string | null;
}

/**
 * Where the `tokentray` command lives for each kind of install, so the path in editor configs
 * survives restarts and updates. An AppImage runs from a temporary mount that vanishes when it quits,
 * so it installs a small launcher at ~/.local/bin/tokentray that runs the AppImage file in CLI mode;
 * a deb keeps /opt/tokentray/resources/bin/tokentray; macOS and Windows keep the app's resources path.
 */
export function stableLauncher(facts: InstallFacts, env: Env): StableLauncher {
  if (!facts.isPackaged) return { kind: 'development', command: null };
  if (facts.platform === 'linux' && facts.appImage) return { kind: 'appimage', command: join(homeDir(env), '.local', 'bin', 'tokentray') };
  return { kind: 'packaged', command: join(facts.resourcesPath, 'bin', facts.platform === 'win32' ? 'tokentray.cmd' : 'tokentray') };
}
