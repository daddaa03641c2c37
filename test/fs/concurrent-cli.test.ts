import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeMootupPat, makeTestEnv, runCli, type CliResult, type TestEnv } from '../helpers/cli';
import { secretToolLookup } from '../helpers/keychain';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';

// Many tokentray processes editing profiles.json / workspaces.json at once (the tray, CLIs, proxies):
// the file lock must serialise every read-modify-write, so nothing is lost and no token is orphaned.

let t: TestEnv;
let sb: Sandbox;
beforeEach(async () => {
  t = makeTestEnv();
  sb = await startSandbox();
});
afterEach(async () => {
  await sb.close();
});

const PARALLEL = 20;
const ROUNDS = 4;
const LONG = 300_000;

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const all = (runs: Array<Promise<CliResult>>) => Promise.all(runs);
const add = (name: string, token: string) =>
  runCli(['profile', 'add', name, '--kind', 'mootup', '--url', sb.url], { env: t.env, input: `${token}\n` });

/** The names in profiles.json, read from the file itself. */
function profileNames(): string[] {
  const file = JSON.parse(readFileSync(join(t.tokentrayHome, 'profiles.json'), 'utf8')) as { profiles: Array<{ name: string }> };
  return file.profiles.map((p) => p.name).sort();
}

/** Every account of this test's keychain service, from libsecret's own tool (not our code). */
function keychainAccounts(): string[] {
  const res = spawnSync('secret-tool', ['search', '--all', 'service', t.service], { env: t.env, encoding: 'utf8' });
  const accounts = [...`${res.stdout}\n${res.stderr}`.matchAll(/^attribute\.account = (.*)$/gm)].map((m) => m[1]!);
  return [...new Set(accounts)].sort();
}

/** Lock files, claims and temp files left in TOKENTRAY_HOME (none once every process is done). */
const leftovers = () => readdirSync(t.tokentrayHome).filter((n) => /\.lock|\.tmp$/.test(n));

function expectAllOk(results: CliResult[]): void {
  for (const r of results) expect(r.code, r.stderr).toBe(0);
}

describe('parallel CLI processes lose nothing', () => {
  it(`${PARALLEL} × ${ROUNDS} parallel profile adds keep every profile and orphan no token`, { timeout: LONG }, async () => {
    const tokens = new Map<string, string>();
    for (let round = 0; round < ROUNDS; round++) {
      const batch = names(`r${round}`, PARALLEL);
      for (const n of batch) tokens.set(n, fakeMootupPat());
      const results = await all(batch.map((n) => add(n, tokens.get(n)!)));
      expectAllOk(results);
      for (const r of results) expect(r.stdout).toMatch(/Stored profile/);
    }
    const expected = [...tokens.keys()].sort();
    expect(profileNames()).toEqual(expected);
    expect(keychainAccounts()).toEqual(expected);
    for (const [n, token] of tokens) expect(secretToolLookup(t.service, n, t.env)).toBe(token);

    // 20 parallel removes: exactly those go, from the file and from the keychain.
    const gone = names('r1', PARALLEL);
    expectAllOk(await all(gone.map((n) => runCli(['profile', 'remove', n], { env: t.env }))));
    const kept = expected.filter((n) => !gone.includes(n));
    expect(profileNames()).toEqual(kept);
    expect(keychainAccounts()).toEqual(kept);
    expect(leftovers()).toEqual([]);
  });

  it('parallel label edits, token replacements and workspace adds all land', { timeout: LONG }, async () => {
    const batch = names('p', PARALLEL);
    for (const n of batch) expect((await add(n, fakeMootupPat())).code).toBe(0);

    expectAllOk(await all(batch.map((n) => runCli(['profile', 'set', n, '--label', `label of ${n}`], { env: t.env }))));
    const fresh = new Map(batch.map((n) => [n, sb.state.issuePat(sb.humanId, n).token]));
    expectAllOk(await all(batch.map((n) => runCli(['profile', 'replace', n], { env: t.env, input: `${fresh.get(n)}\n` }))));
    const file = JSON.parse(readFileSync(join(t.tokentrayHome, 'profiles.json'), 'utf8')) as {
      profiles: Array<{ name: string; label?: string; token_prefix?: string }>;
    };
    expect(file.profiles.map((p) => p.name).sort()).toEqual([...batch].sort());
    for (const p of file.profiles) {
      expect(p.label).toBe(`label of ${p.name}`);
      expect(p.token_prefix).toBe(fresh.get(p.name)!.slice(11, 19));
      expect(secretToolLookup(t.service, p.name, t.env)).toBe(fresh.get(p.name));
    }

    const dirs = batch.map((n) => join(t.root, 'ws', n));
    for (const d of dirs) mkdirSync(d, { recursive: true });
    expectAllOk(await all(dirs.map((d) => runCli(['workspace', 'add', d, '--profile', 'p-0'], { env: t.env }))));
    const ws = JSON.parse(readFileSync(join(t.tokentrayHome, 'workspaces.json'), 'utf8')) as { workspaces: Array<{ dir: string }> };
    expect(ws.workspaces.map((w) => w.dir).sort()).toEqual([...dirs].sort());
    expect(leftovers()).toEqual([]);
  });
});
