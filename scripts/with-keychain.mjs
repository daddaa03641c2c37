#!/usr/bin/env node
// Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so tests use
// the real Secret Service without touching (or being blocked by) the developer's own keyring.
// Usage: node scripts/with-keychain.mjs <command> [args...]
//
// The session bus listens at the desktop address /run/user/<uid>/bus when that address is free:
// MCP clients start servers with a stripped environment (no DBUS_SESSION_BUS_ADDRESS), and the
// proxy then finds the keychain there, as on a desktop. When the address is held (a live bus, or
// another test run at the same time), the bus gets a private address and the command sees
// TOKENTRAY_TEST_DESKTOP_BUS=0 with the reason in TOKENTRAY_TEST_DESKTOP_BUS_REASON; the tests that
// need the desktop address fail with that reason (test/helpers/desktop-bus.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
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

for (const tool of ['dbus-daemon', 'gnome-keyring-daemon']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    console.error(
      `${tool} not found. The tests use the real Secret Service: install the Debian packages ` +
        '`gnome-keyring dbus-x11 libsecret-1-dev libsecret-tools` (see README).',
    );
    process.exit(1);
  }
}

/** Whether a process with this pid is alive. */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Whether something accepts connections on the unix socket at `path`. */
function listening(path) {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Claims /run/user/<uid>/bus for this run: a lock file beside it (holding our pid) keeps parallel
 * runs apart, since dbus-daemon would silently unlink a socket another daemon listens on.
 * Resolves with { socket, lock } or { reason } when the address is not ours to take.
 */
async function claimDesktopBus() {
  const uid = process.getuid?.();
  if (uid === undefined) return { reason: 'this platform has no user id' };
  const dir = `/run/user/${uid}`;
  const socket = join(dir, 'bus');
  const lock = join(dir, 'bus.tokentray-test.lock');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    return { reason: `cannot create ${dir} (${error.code}); run the tests as a user who owns it` };
  }
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST' || attempt > 0) return { reason: `cannot create ${lock} (${error.code})` };
      const holder = Number.parseInt(readFileSync(lock, 'utf8'), 10);
      if (holder && alive(holder)) return { reason: `unix:path=${socket} (another test run, pid ${holder}, holds it; run the client tests again when it ends)` };
      rmSync(lock, { force: true }); // left by a run that was killed
    }
  }
  if (existsSync(socket)) {
    if (await listening(socket)) {
      rmSync(lock, { force: true });
      return { reason: `unix:path=${socket} (a live bus that is not ours listens there, e.g. a desktop login; run the client tests where it is free, as in CI)` };
    }
    unlinkSync(socket); // a dead daemon's socket
  }
  return { socket, lock };
}

/** Starts dbus-daemon at `address`; resolves with { daemon, address } once it prints its address, or { error }. */
function startBus(address) {
  return new Promise((resolve) => {
    const daemon = spawn('dbus-daemon', ['--session', `--address=${address}`, '--nofork', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    daemon.stderr.on('data', (d) => (err += d));
    daemon.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n');
      if (line.length > 1) resolve({ daemon, address: line[0].trim() });
    });
    daemon.once('error', (error) => resolve({ error: error.message }));
    daemon.once('exit', (code) => resolve({ error: `dbus-daemon exited with ${code}: ${err.trim()}` }));
  });
}

/**
 * Ends the gnome-keyring-daemon this run started: it forks away from us and does not always exit
 * with its bus. It is the one whose XDG_DATA_HOME is this run's private folder.
 */
function endKeyringDaemon(dataHome) {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('gnome-keyring')) continue;
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`XDG_DATA_HOME=${dataHome}`)) process.kill(Number(pid), 'SIGTERM');
    } catch {
      // gone already, or not ours to read
    }
  }
}

const dataHome = mkdtempSync(join(tmpdir(), 'tokentray-keyring-'));
// The daemon's control socket goes under XDG_RUNTIME_DIR (else ~/.cache, which may not exist).
const runtimeDir = join(dataHome, 'run');
mkdirSync(runtimeDir, { mode: 0o700 });

const claim = await claimDesktopBus();
let bus = claim.socket ? await startBus(`unix:path=${claim.socket}`) : undefined;
let desktopReason = claim.reason;
if (bus?.error) {
  desktopReason = `unix:path=${claim.socket} (dbus-daemon could not listen there: ${bus.error})`;
  rmSync(claim.lock, { force: true });
}
if (!bus || bus.error) bus = await startBus(`unix:path=${join(runtimeDir, 'bus')}`);
if (bus.error) {
  console.error(`with-keychain: cannot start a private D-Bus session: ${bus.error}`);
  rmSync(dataHome, { recursive: true, force: true });
  process.exit(1);
}

const desktop = !desktopReason;
// A fresh XDG_DATA_HOME makes gnome-keyring create a new login keyring unlocked with our password,
// instead of finding an old one it cannot unlock.
const env = {
  ...process.env,
  XDG_DATA_HOME: dataHome,
  XDG_RUNTIME_DIR: runtimeDir,
  DBUS_SESSION_BUS_ADDRESS: bus.address,
  TOKENTRAY_TEST_KEYCHAIN: 'private',
  TOKENTRAY_TEST_DESKTOP_BUS: desktop ? '1' : '0',
};
if (desktopReason) env.TOKENTRAY_TEST_DESKTOP_BUS_REASON = desktopReason;
else delete env.TOKENTRAY_TEST_DESKTOP_BUS_REASON;
delete env.DISPLAY; // no X11 autolaunch of another bus

const script = ['set -e', 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1', 'exec "$@"'].join('\n');
const child = spawn('sh', ['-c', script, 'with-keychain', ...command], { stdio: 'inherit', env });
const forward = (signal) => () => child.kill(signal);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
const status = await new Promise((resolve) => {
  child.once('error', (error) => (console.error(error.message), resolve(1)));
  child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
});

endKeyringDaemon(dataHome);
// The bus daemon removes its own socket when it ends.
if (bus.daemon.exitCode === null && bus.daemon.signalCode === null) {
  await new Promise((resolve) => {
    bus.daemon.once('exit', resolve);
    bus.daemon.kill('SIGTERM');
  });
}
if (desktop) {
  rmSync(claim.socket, { force: true });
  rmSync(claim.lock, { force: true });
}
rmSync(dataHome, { recursive: true, force: true });
process.exit(status);
