import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { addWorkspace } from '../../electron/core/agents/workspaces';
import type { CoreContext } from '../../electron/core/context';
import { createMootupClient, type MootupClient, type MootupClientOptions } from '../../electron/core/mootup';
import { addProfile } from '../../electron/core/profiles/profiles';
import { createKeychainStore, keychainError, type SecretStore } from '../../electron/core/keychain/secret-store';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/sandbox';
import { filesContaining, makeTestEnv, runCli, type CliResult, type TestEnv } from './cli';
import { coreContextFor, secretsFor } from './core-world';

/** Options of a test world (see createWorld). */
export interface WorldOptions {
  /** How the mootup sandbox starts. */
  sandbox?: SandboxOptions;
  /** The `work` profile (a mootup profile holding Alice's PAT): added with this label, or not at all (`false`). */
  profile?: { label?: string } | false;
  /**
   * `keychain` (default): the world is set up through the built CLI, tokens in the real keychain.
   * `memory`: set up by calling core directly, tokens in an in-memory SecretStore; the CLI cannot
   * see that store, so `cli` and `json` refuse to run.
   */
  secrets?: 'keychain' | 'memory';
}

/** An actors.json entry as the moot CLI writes it, plus whatever extra fields a test wants kept. */
export type Entry = { actor_id: string; display_name?: string; api_key?: string; [extra: string]: unknown };

/**
 * A mootup sandbox and a private tokentray world per test (temp HOME, TOKENTRAY_HOME and keychain
 * service), with the profile `work` holding Alice's seeded PAT unless `profile: false`. Clients made
 * with `client` and the sandbox are closed after each test.
 */
export function createWorld(options: WorldOptions = {}) {
  const viaCore = options.secrets === 'memory';
  let sb: Sandbox | undefined;
  let t: TestEnv | undefined;
  let ctx: CoreContext | undefined;
  let clients: MootupClient[] = [];
  beforeEach(async () => {
    sb = await startSandbox(options.sandbox);
    t = makeTestEnv();
    ctx = coreContextFor(t, secretsFor(t, viaCore ? 'memory' : 'keychain'));
    if (options.profile === false) return;
    const label = options.profile?.label;
    if (viaCore) {
      await addProfile(ctx, { name: 'work', kind: 'mootup', url: sb.url, ...(label !== undefined && { label }) }, sb.humanPat);
      return;
    }
    const added = await runCli(['profile', 'add', 'work', '--kind', 'mootup', '--url', sb.url, ...(label ? ['--label', label] : [])], { env: t.env, input: sb.humanPat });
    expect(added.code, added.stderr).toBe(0);
  });
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    clients = [];
    await sb?.close();
  });
  const onCli = (): TestEnv => {
    if (viaCore) throw new Error('this world keeps its tokens in memory: the built CLI cannot see them (use secrets: keychain)');
    return t!;
  };
  return {
    get sb(): Sandbox {
      return sb!;
    },
    get t(): TestEnv {
      return t!;
    },
    /** `tokentray <args>` (the built CLI) in this world, with `input` on stdin. */
    cli: (args: string[], input?: string): Promise<CliResult> => runCli(args, { env: onCli().env, ...(input !== undefined && { input }) }),
    /** The CLI with --json, stdout parsed. */
    json: async (args: string[]): Promise<{ code: number; stderr: string; value: any }> => {
      const res = await runCli([...args, '--json'], { env: onCli().env });
      return { code: res.code, stderr: res.stderr, value: JSON.parse(res.stdout) };
    },
    /** The CoreContext on this world's home: the world's own store, or `secrets` in its place. */
    core: (secrets?: SecretStore): CoreContext => (secrets ? coreContextFor(t!, secrets) : ctx!),
    /** A client of the sandbox as `token` (null: anonymous), closed after the test. */
    client(token: string | null, extra: Partial<MootupClientOptions> = {}): MootupClient {
      const client = createMootupClient({ baseUrl: sb!.url, token, env: {}, ...extra });
      clients.push(client);
      return client;
    },
    /** A profile as profiles.json holds it. */
    stored: (name = 'work'): Record<string, unknown> => storedProfile(t!, name),
    /** The audit log's text. */
    auditText: (): string => auditText(t!),
    /** A folder with .moot/actors.json (4-space indent, extra fields), added as a workspace unless `add: false`. */
    workspace: async (name: string, actors: Entry[], options: { mode?: number; add?: boolean } = {}): Promise<string> => {
      const dir = makeWorkspaceDir(t!.root, name, actors, options.mode);
      if (options.add === false) return dir;
      if (viaCore) await addWorkspace(ctx!, dir);
      else {
        const res = await runCli(['workspace', 'add', dir], { env: t!.env });
        expect(res.code, res.stderr).toBe(0);
      }
      return dir;
    },
  };
}

/** What createWorld returns. */
export type World = ReturnType<typeof createWorld>;

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

/** The actors.json of workspace `dir`. */
export const actorsFile = (dir: string): string => join(dir, '.moot', 'actors.json');

/** Makes the next write of `dir`'s actors.json fail at the rename: the file moves to `.moot/aside.json`, a non-empty folder takes its place. */
export function blockActorsWrite(dir: string): void {
  renameSync(actorsFile(dir), join(dir, '.moot', 'aside.json'));
  mkdirSync(actorsFile(dir));
  writeFileSync(join(actorsFile(dir), 'x'), '');
}

/** The text of `dir`'s actors.json. */
export const readActorsText = (dir: string): string => readFileSync(actorsFile(dir), 'utf8');

/** The key `dir`'s actors.json holds for `actorId`. */
export const keyIn = (dir: string, actorId: string): string | undefined =>
  (JSON.parse(readActorsText(dir)) as { actors: Entry[] }).actors.find((a) => a.actor_id === actorId)?.api_key;

/** Entry for a sandbox agent with its current key. */
export const entryOf = (a: { actor_id: string; display_name: string; api_key: string }): Entry => ({ actor_id: a.actor_id, display_name: a.display_name, api_key: a.api_key });

/** The sandbox's answer to GET /api/actors/me with `token`: 200 when it works, 401 when refused. */
export async function meStatus(sb: Sandbox, token: string): Promise<number> {
  const res = await fetch(`${sb.url}/api/actors/me`, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status;
}

/** Runs git in `cwd` with a throwaway identity (never a shell). */
export function git(cwd: string, ...args: string[]): string {
  const res = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${res.stderr}`);
  return res.stdout;
}

/**
 * The real keychain, except that writing a token other than `keep` fails the way a locked keyring
 * does. Only this one step is stood in for: making the real Secret Service refuse between two steps
 * of one command is not something a test can time.
 */
export function keychainRefusingNewTokens(service: string, keep: string): SecretStore {
  const real = createKeychainStore(service);
  return {
    ...real,
    set: async (account, secret) => {
      if (secret !== keep) throw keychainError(new Error('Cannot create an item in a locked collection'));
      return real.set(account, secret);
    },
  };
}

/** A profile as profiles.json holds it. */
export function storedProfile(t: TestEnv, name: string): Record<string, unknown> {
  const file = JSON.parse(readFileSync(join(t.tokentrayHome, 'profiles.json'), 'utf8')) as { profiles: Array<Record<string, unknown>> };
  return file.profiles.find((p) => p.name === name)!;
}

/** The text of world `t`'s audit log. */
export const auditText = (t: TestEnv): string => readFileSync(join(t.tokentrayHome, 'audit', 'audit.log'), 'utf8');

/** The audit log's entries. */
export function auditEntries(t: TestEnv): Array<Record<string, unknown>> {
  return auditText(t)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Neither output stream nor any file under the test's root holds any of `tokens`. */
export function expectNoLeak(t: TestEnv, outputs: CliResult[], tokens: string[]): void {
  for (const token of tokens) {
    for (const out of outputs) expect(out.stdout + out.stderr).not.toContain(token);
    expect(filesContaining(t.root, token)).toEqual([]);
  }
}

/** A result's steps as `step:status`, in order. */
export const stepNames = (result: { steps: Array<{ step: string; status: string }> }): string[] => result.steps.map((s) => `${s.step}:${s.status}`);

/** Today plus `days`, as YYYY-MM-DD (UTC, as the CLI computes expiry). */
export function isoDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
