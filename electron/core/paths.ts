import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** The user's home as the editors see it: HOME (USERPROFILE on Windows) first, then the OS. */
export function homeDir(env: Env = process.env): string {
  return env.HOME || env.USERPROFILE || homedir();
}

/** The OS per-user config folder (XDG_CONFIG_HOME, ~/Library/Application Support, %APPDATA%). */
export function osConfigDir(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA || join(homeDir(env), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homeDir(env), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(homeDir(env), '.config');
}

/** Where tokentray keeps its metadata (never secrets): $TOKENTRAY_HOME or the OS config dir. */
export function tokentrayHome(env: Env = process.env): string {
  return env.TOKENTRAY_HOME || join(osConfigDir(env), 'tokentray');
}
