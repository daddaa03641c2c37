import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { CLI_PATH, makeTestEnv, runCli, type CliResult, type TestEnv } from '../helpers/cli';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';

/** An actors.json entry as the moot CLI writes it, plus whatever extra fields a test wants kept. */
export type Entry = { actor_id: string; display_name?: string; api_key?: string; [extra: string]: unknown };

/** A sandbox and a private tokentray world per test, with a mootup profile "work" holding Alice's PAT. */
export function agentsWorld() {
  let sb: Sandbox;
  let t: TestEnv;
  beforeEach(async () => {
    sb = await startSandbox();
    t = makeTestEnv();
    const added = await runCli(['profile', 'add', 'work', '--kind', 'mootup', '--url', sb.url], { env: t.env, input: sb.humanPat });
    expect(added.code, added.stderr).toBe(0);
  });
  afterEach(async () => {
    await sb.close();
  });
  const world = {
    get sb(): Sandbox {
      return sb;
    },
    get t(): TestEnv {
      return t;
    },
    /** Runs the built CLI in this world. */
    cli: (args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> => runCli(args, { env: { ...t.env, ...extraEnv } }),
    /** Runs the CLI with --json and parses stdout. */
    json: async (args: string[]): Promise<{ code: number; stderr: string; value: any }> => {
      const res = await runCli([...args, '--json'], { env: t.env });
      return { code: res.code, stderr: res.stderr, value: JSON.parse(res.stdout) };
    },
    /** A folder with .moot/actors.json (4-space indent, extra fields) added as a workspace. */
    workspace: async (name: string, actors: Entry[], options: { mode?: number; add?: boolean } = {}): Promise<string> => {
      const dir = makeWorkspaceDir(t.root, name, actors, options.mode);
      if (options.add !== false) {
        const res = await runCli(['workspace', 'add', dir], { env: t.env });
        expect(res.code, res.stderr).toBe(0);
      }
      return dir;
    },
  };
  return world;
}

/** Writes `<root>/<name>/.moot/actors.json` in a formatting of its own, with fields tokentray does not know. */
export function makeWorkspaceDir(root: string, name: string, actors: Entry[], mode = 0o600): string {
  const dir = join(root, name);
  mkdirSync(join(dir, '.moot'), { recursive: true });
  const doc = { space_id: 'spc_fixture', moot_version: '0.9.1', actors: actors.map((a) => ({ role: 'implementation', ...a, metadata: { tags: ['x', 1] } })) };
  const file = actorsFile(dir);
  writeFileSync(file, `${JSON.stringify(doc, null, 4)}\n`, { mode });
  chmodSync(file, mode);
  return dir;
}

export const actorsFile = (dir: string): string => join(dir, '.moot', 'actors.json');

/** Makes the next write of `dir`'s actors.json fail at the rename: the file moves to `.moot/aside.json`, a non-empty folder takes its place. */
export function blockActorsWrite(dir: string): void {
  renameSync(actorsFile(dir), join(dir, '.moot', 'aside.json'));
  mkdirSync(actorsFile(dir));
  writeFileSync(join(actorsFile(dir), 'x'), '');
}
export const readActorsText = (dir: string): string => readFileSync(actorsFile(dir), 'utf8');
export const keyIn = (dir: string, actorId: string): string | undefined =>
  (JSON.parse(readActorsText(dir)) as { actors: Entry[] }).actors.find((a) => a.actor_id === actorId)?.api_key;

/** The sandbox's answer to GET /api/actors/me with `key`: 200 when it works, 401 when refused. */
export async function meStatus(sb: Sandbox, key: string): Promise<number> {
  const res = await fetch(`${sb.url}/api/actors/me`, { headers: { authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  return res.status;
}

/** Entry for a sandbox agent with its current key. */
export const entryOf = (a: { actor_id: string; display_name: string; api_key: string }): Entry => ({ actor_id: a.actor_id, display_name: a.display_name, api_key: a.api_key });

/** Runs git in `cwd` with a throwaway identity (never a shell). */
export function git(cwd: string, ...args: string[]): string {
  const res = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${res.stderr}`);
  return res.stdout;
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
