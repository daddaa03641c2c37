import { existsSync } from 'node:fs';
import type { Env } from '../paths';

/**
 * Editors start MCP servers with a stripped environment, often without DBUS_SESSION_BUS_ADDRESS.
 * libsecret does not look for the user bus by itself, so point it at /run/user/<uid>/bus when that
 * socket exists. Must run before keytar first talks to D-Bus.
 */
export function ensureSessionBusAddress(env: Record<string, string | undefined> = process.env): void {
  if (process.platform !== 'linux' || env.DBUS_SESSION_BUS_ADDRESS) return;
  const uid = process.getuid?.();
  if (uid === undefined) return;
  const socket = `/run/user/${uid}/bus`;
  if (existsSync(socket)) env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${socket}`;
}

/** The keychain service name all secrets are stored under. */
export function keychainService(env: Env = process.env): string {
  return env.TOKENTRAY_KEYCHAIN_SERVICE || 'tokentray';
}

/** A person-readable name for the OS keychain backend keytar uses on this platform. */
export function keychainBackendName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (libsecret over D-Bus)';
}
