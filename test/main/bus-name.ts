/**
 * Owns a name on a D-Bus session bus for as long as the test wants, through the system's own libdbus
 * (python3's ctypes: no D-Bus package needed). Used to stand in for a tray host's
 * org.kde.StatusNotifierWatcher on a private bus.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const OWNER = `
import ctypes, sys
lib = ctypes.CDLL('libdbus-1.so.3')
class DBusError(ctypes.Structure):
    _fields_ = [('name', ctypes.c_char_p), ('message', ctypes.c_char_p), ('dummy', ctypes.c_uint), ('padding', ctypes.c_void_p)]
err = DBusError()
lib.dbus_error_init(ctypes.byref(err))
lib.dbus_bus_get.restype = ctypes.c_void_p
lib.dbus_bus_get.argtypes = [ctypes.c_int, ctypes.c_void_p]
conn = lib.dbus_bus_get(0, ctypes.byref(err))
if not conn:
    print('error', err.message, flush=True)
    sys.exit(1)
lib.dbus_bus_request_name.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint, ctypes.c_void_p]
# 4 = DBUS_NAME_FLAG_DO_NOT_QUEUE; 1 = DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER
reply = lib.dbus_bus_request_name(conn, sys.argv[1].encode(), 4, ctypes.byref(err))
print('owned' if reply == 1 else 'refused %d' % reply, flush=True)
sys.stdin.read()
`;

/** A held bus name; release() ends the owner, and with it the name. */
export interface HeldName {
  release(): Promise<void>;
}

/** Owns `name` on the session bus at `env.DBUS_SESSION_BUS_ADDRESS` until released. */
export function ownBusName(name: string, env: Record<string, string | undefined>): Promise<HeldName> {
  const child: ChildProcess = spawn('python3', ['-c', OWNER, name], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('owned')) {
        resolve({
          release: () =>
            new Promise<void>((done) => {
              child.on('close', () => done());
              child.stdin!.end();
            }),
        });
      } else if (/refused|error/.test(out)) reject(new Error(`could not own ${name}: ${out.trim()}`));
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`the owner of ${name} exited (${code}) before owning it: ${out.trim()}`)));
  });
}

/** A private session bus (dbus-daemon) for one test; close() stops it. */
export function startPrivateBus(dir: string): Promise<{ address: string; close(): Promise<void> }> {
  const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1', `--address=unix:path=${dir}/bus`], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let out = '';
    daemon.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        resolve({
          address: line.trim(),
          close: () =>
            new Promise<void>((done) => {
              daemon.on('close', () => done());
              daemon.kill('SIGTERM');
            }),
        });
      }
    });
    daemon.on('error', reject);
  });
}
