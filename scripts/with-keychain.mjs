#!/usr/bin/env node
// Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so tests use
// the real Secret Service without touching (or being blocked by) the developer's own keyring.
// Usage: node scripts/with-keychain.mjs <command> [args...]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/with-keychain.mjs <command> [args...]');
  process.exit(2);
}

if (process.platform !== 'linux' || process.env.TOKENTRAY_TEST_KEYCHAIN === 'native') {
  // macOS and Windows have a keychain in every login session; use it as it is.
  const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(result.status ?? 1);
}

for (const tool of ['dbus-run-session', 'gnome-keyring-daemon']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    console.error(
      `${tool} not found. The tests use the real Secret Service: install the Debian packages ` +
        '`gnome-keyring dbus-x11 libsecret-1-dev libsecret-tools` (see README).',
    );
    process.exit(1);
  }
}

const dataHome = mkdtempSync(join(tmpdir(), 'tokentray-keyring-'));
// A fresh XDG_DATA_HOME makes gnome-keyring create a new login keyring unlocked with our password,
// instead of finding an old one it cannot unlock.
const script = [
  'set -e',
  'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
  'exec "$@"',
].join('\n');
// The daemon's control socket goes under XDG_RUNTIME_DIR (else ~/.cache, which may not exist).
const runtimeDir = join(dataHome, 'run');
mkdirSync(runtimeDir, { mode: 0o700 });
const env = { ...process.env, XDG_DATA_HOME: dataHome, XDG_RUNTIME_DIR: runtimeDir, TOKENTRAY_TEST_KEYCHAIN: 'private' };
delete env.DISPLAY; // no X11 autolaunch of another bus
const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', script, 'with-keychain', ...command], {
  stdio: 'inherit',
  env,
});
rmSync(dataHome, { recursive: true, force: true });
if (result.error) console.error(result.error.message);
process.exit(result.status ?? 1);
