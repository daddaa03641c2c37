/**
 * "Start at login": Electron's login item on macOS and Windows; on Linux, where Electron has none,
 * an XDG autostart entry (~/.config/autostart/tokentray.desktop).
 */
import type { App } from 'electron';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface LoginItem {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

/** Where the XDG autostart entry lives for this user. */
export function linuxAutostartFile(env: NodeJS.ProcessEnv): string {
  const config = env.XDG_CONFIG_HOME || join(env.HOME ?? '', '.config');
  return join(config, 'autostart', 'tokentray.desktop');
}

/** Quotes one Exec argument as the Desktop Entry spec asks. */
function quoteExecArg(arg: string): string {
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The autostart .desktop file that starts tokentray with `command`. */
export function autostartDesktopEntry(command: string[]): string {
  return ['[Desktop Entry]', 'Type=Application', 'Name=tokentray', 'Comment=Keeps access tokens in the keychain', `Exec=${command.map(quoteExecArg).join(' ')}`, 'X-GNOME-Autostart-enabled=true', 'Terminal=false', ''].join('\n');
}

/** The login item for this platform; `command` is how to start this very app (used on Linux). */
export function createLoginItem(app: Pick<App, 'getLoginItemSettings' | 'setLoginItemSettings'>, platform: NodeJS.Platform, env: NodeJS.ProcessEnv, command: string[]): LoginItem {
  if (platform !== 'linux') {
    return {
      isEnabled: () => app.getLoginItemSettings().openAtLogin,
      setEnabled: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
    };
  }
  const file = linuxAutostartFile(env);
  return {
    isEnabled: () => existsSync(file),
    setEnabled(enabled) {
      if (!enabled) return rmSync(file, { force: true });
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, autostartDesktopEntry(command), { mode: 0o644 });
    },
  };
}
