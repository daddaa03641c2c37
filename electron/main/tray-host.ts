/**
 * Whether this desktop can show a tray icon. Electron cannot tell; on Linux an icon appears only when
 * a StatusNotifierWatcher owns its name on the session bus (vanilla GNOME without the AppIndicator
 * extension and elementary OS have none). Asked with dbus-send, or gdbus, with a timeout.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DesktopView } from '../../shared/app-state';

/** The bus name a tray host (KDE, GNOME's AppIndicator extension, …) owns. */
export const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';

/** How long one question to the bus may take before the answer counts as unknown. */
const TIMEOUT_MS = 2_000;

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string | null> {
  return new Promise((done) => {
    execFile(command, args, { env, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout) => done(error ? null : stdout));
  });
}

/**
 * The environment to ask the session bus in, or null when there is no bus to ask. Without an address the
 * tools would try to autolaunch a new bus (dbus-launch), which must not happen just to look.
 */
export function sessionBusEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv | null {
  if (env.DBUS_SESSION_BUS_ADDRESS) return env;
  const userBus = env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'bus') : null;
  return userBus && existsSync(userBus) ? { ...env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${userBus}` } : null;
}

/** true/false from NameHasOwner; null when neither tool could ask (no session bus, no dbus-send or gdbus, timeout). */
export async function hasStatusNotifierWatcher(processEnv: NodeJS.ProcessEnv = process.env, timeoutMs = TIMEOUT_MS): Promise<boolean | null> {
  const env = sessionBusEnv(processEnv);
  if (!env) return null;
  const viaDbusSend = await run(
    'dbus-send',
    ['--session', '--print-reply', `--reply-timeout=${timeoutMs}`, '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${STATUS_NOTIFIER_WATCHER}`],
    env,
    timeoutMs,
  );
  const sent = viaDbusSend && /boolean (true|false)/.exec(viaDbusSend);
  if (sent) return sent[1] === 'true';
  const viaGdbus = await run(
    'gdbus',
    ['call', '--session', '--timeout', String(Math.ceil(timeoutMs / 1000)), '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.NameHasOwner', STATUS_NOTIFIER_WATCHER],
    env,
    timeoutMs,
  );
  const called = viaGdbus && /\((true|false),?\)/.exec(viaGdbus);
  return called ? called[1] === 'true' : null;
}

/**
 * The tray as the window reports it: on Linux `missing` when the bus says no watcher is there; an
 * unknown answer counts as shown (no bus to ask means no reason to doubt the desktop).
 */
export async function detectTray(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = process.env): Promise<DesktopView['tray']> {
  if (platform !== 'linux') return 'shown';
  return (await hasStatusNotifierWatcher(env)) === false ? 'missing' : 'shown';
}
