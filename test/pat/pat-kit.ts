import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { createKeychainStore, keychainError, type SecretStore } from '../../electron/core/secrets/secret-store';
import { filesContaining, makeTestEnv, runCli, type CliResult, type TestEnv } from '../helpers/cli';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';

/** A sandbox and a private tokentray world per test, with `work` (a mootup profile holding Alice's seeded PAT). */
export function patWorld(options: { label?: string } = {}) {
  let sb: Sandbox | undefined;
  let t: TestEnv | undefined;
  beforeEach(async () => {
    sb = await startSandbox();
    t = makeTestEnv();
    const label = options.label ? ['--label', options.label] : [];
    const added = await runCli(['profile', 'add', 'work', '--kind', 'mootup', '--url', sb.url, ...label], { env: t.env, input: sb.humanPat });
    expect(added.code, added.stderr).toBe(0);
  });
  afterEach(async () => {
    await sb?.close();
  });
  return {
    get sb(): Sandbox {
      return sb!;
    },
    get t(): TestEnv {
      return t!;
    },
    /** `tokentray <args>` in this world, with `input` on stdin. */
    cli: (args: string[], input?: string): Promise<CliResult> => runCli(args, { env: t!.env, ...(input !== undefined && { input }) }),
    /** A profile as profiles.json holds it. */
    stored: (name = 'work'): Record<string, unknown> => storedProfile(t!, name),
    /** A CoreContext on this world's home, for calling core functions with a stand-in `secrets`. */
    core: (secrets: SecretStore): CoreContext => ({ home: t!.tokentrayHome, secrets, env: { NO_PROXY: '*' }, now: () => new Date() }),
  };
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

/** The HTTP status the sandbox answers GET /api/actors/me with for `token` (200 works, 401 refused). */
export async function statusFor(sb: Sandbox, token: string): Promise<number> {
  const response = await fetch(`${sb.url}/api/actors/me`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

/** The audit log's entries. */
export function auditEntries(t: TestEnv): Array<Record<string, unknown>> {
  const text = readFileSync(join(t.tokentrayHome, 'audit', 'audit.log'), 'utf8');
  return text
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
