/**
 * A keyring of one test's own: a private D-Bus session with its own gnome-keyring, which the test
 * may lock without disturbing the shared test keychain other test files use at the same time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateKeyring {
  /** DBUS_SESSION_BUS_ADDRESS, XDG_DATA_HOME and XDG_RUNTIME_DIR of this keyring, to merge into a child's env. */
  env: Record<string, string>;
  /** Locks the login collection, as the desktop does after a timeout or on screen lock. */
  lock(): void;
  /** The object paths of items with these attributes: [unlocked, locked] (read without unlocking). */
  search(attributes: Record<string, string>): { unlocked: string[]; locked: string[] };
  stop(): void;
}

function gdbus(env: NodeJS.ProcessEnv, method: string, ...args: string[]): string {
  const res = spawnSync('gdbus', ['call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets', '--method', method, ...args], { env, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`gdbus ${method} failed: ${res.stderr}`);
  return res.stdout;
}

/** Starts a bus and an unlocked gnome-keyring on it (stop it when done). */
export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  const root = mkdtempSync(join(tmpdir(), 'tokentray-private-keyring-'));
  const runtime = join(root, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: root, XDG_DATA_HOME: join(root, 'data'), XDG_RUNTIME_DIR: runtime };
  const bus: ChildProcess = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { env: base, stdio: ['ignore', 'pipe', 'ignore'] });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    bus.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.trim());
    });
    bus.on('error', reject);
    bus.on('exit', () => reject(new Error('dbus-daemon exited')));
  });
  const env = { XDG_DATA_HOME: base.XDG_DATA_HOME!, XDG_RUNTIME_DIR: runtime, DBUS_SESSION_BUS_ADDRESS: address };
  const all = { ...base, ...env };
  const unlocked = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { env: all, input: 'pw', encoding: 'utf8' });
  if (unlocked.status !== 0) throw new Error(`gnome-keyring-daemon failed: ${unlocked.stderr}`);
  return {
    env,
    lock: () => void gdbus(all, 'org.freedesktop.Secret.Service.Lock', "['/org/freedesktop/secrets/collection/login']"),
    search: (attributes) => {
      const dict = `{${Object.entries(attributes).map(([k, v]) => `'${k}': '${v}'`).join(', ')}}`;
      const [unlockedPart = '', lockedPart = ''] = gdbus(all, 'org.freedesktop.Secret.Service.SearchItems', dict).split('], ');
      const paths = (text: string) => text.match(/\/org\/freedesktop\/secrets\/collection\/[^']+/g) ?? [];
      return { unlocked: paths(unlockedPart), locked: paths(lockedPart) };
    },
    // The keyring daemon leaves when its bus goes away.
    stop: () => void bus.kill(),
  };
}
