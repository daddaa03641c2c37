import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The built CLI the tests run, exactly as an editor or a user would spawn it. */
export const CLI_PATH = resolve(__dirname, '../../dist/cli/tokentray.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A private world for one test: its own TOKENTRAY_HOME, HOME and keychain service name. */
export interface TestEnv {
  root: string;
  home: string;
  tokentrayHome: string;
  service: string;
  env: Record<string, string>;
}

export function makeTestEnv(extra: Record<string, string> = {}): TestEnv {
  const root = mkdtempSync(join(tmpdir(), 'tokentray-test-'));
  const home = join(root, 'home');
  const tokentrayHome = join(root, 'tokentray');
  const service = `tokentray-test-${randomBytes(6).toString('hex')}`;
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_DATA_HOME', 'LANG', 'TMPDIR']) {
    if (process.env[key]) env[key] = process.env[key]!;
  }
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    TOKENTRAY_HOME: tokentrayHome,
    TOKENTRAY_KEYCHAIN_SERVICE: service,
    NO_PROXY: '*',
    ...extra,
  });
  return { root, home, tokentrayHome, service, env };
}

/**
 * Runs `tokentray <args>` with `input` on stdin (the token path), returning code and output (code -1
 * when it died of a signal). `killAfterMs` kills a CLI that never ends; `asUser` runs it under
 * another uid/gid via setpriv (e.g. to meet a folder root could write to anyway).
 */
export function runCli(
  args: string[],
  options: { env: Record<string, string>; input?: string; cwd?: string; killAfterMs?: number; asUser?: { uid: number; gid: number } },
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const [command, prefix] = options.asUser
      ? ['setpriv', [`--reuid=${options.asUser.uid}`, `--regid=${options.asUser.gid}`, '--clear-groups', process.execPath]]
      : [process.execPath, []];
    const child = spawn(command, [...prefix, CLI_PATH, ...args], { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    if (options.killAfterMs) {
      const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
      child.on('close', () => clearTimeout(timer));
    }
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh, valid-looking mootup PAT (never a real one). */
export function fakeMootupPat(): string {
  return `mootup_pat_${randomBytes(30).toString('hex')}`;
}

/** A fresh Moly-shaped PAT (mp_ + 32 random bytes, base64url). */
export function fakeMolyPat(): string {
  return `mp_${randomBytes(32).toString('base64url')}`;
}

/** Every file under `dir` whose bytes contain `needle` (for "the token is nowhere on disk"). */
export function filesContaining(dir: string, needle: string): string[] {
  return filesHolding(dir, [needle]);
}

/** Every file under `dir` holding any of `needles` (each file read once). */
export function filesHolding(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  const walk = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
    else if (stat.isFile()) {
      const bytes = readFileSync(path);
      if (needles.some((needle) => bytes.includes(needle))) hits.push(path);
    }
  };
  walk(dir);
  return hits;
}

/** A CLI process started in the background, with a promise for the moment it reports a paused step. */
export interface Background {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  paused: (step: string) => Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the built CLI without waiting for it (crash and concurrency tests). */
export function spawnCli(args: string[], env: Record<string, string>): Background {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  const waiters: Array<() => void> = [];
  child.stderr!.on('data', (d) => {
    err += d;
    for (const w of waiters.splice(0)) w();
  });
  child.stdout!.on('data', (d) => (out += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const paused = (step: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (err.includes(`tokentray-test-paused:${step}\n`)) return resolve();
        waiters.push(check);
      };
      void exit.then(({ code }) => reject(new Error(`exited (${code}) before pausing at ${step}: ${err}`)));
      check();
    });
  return { child, stderr: () => err, stdout: () => out, paused, exit };
}
