import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { TokenRecord } from '../../electron/core/oauth/oauth-secrets';
import { filesHolding, makeTestEnv, type TestEnv } from '../helpers/cli';
import { secretToolLookup } from '../helpers/keychain';

/** The headless stand-in for the user's browser (test/oauth/fixtures/headless-browser.mjs). */
export const HEADLESS_BROWSER = resolve(__dirname, 'fixtures/headless-browser.mjs');

/** A private world whose $BROWSER is the headless fetcher, logging each run to `<root>/browser.log`. */
export function oauthTestEnv(extra: Record<string, string> = {}): TestEnv & { browserLog: string } {
  const t = makeTestEnv({ BROWSER: `${process.execPath} ${HEADLESS_BROWSER}`, ...extra });
  const browserLog = join(t.root, 'browser.log');
  t.env.HEADLESS_BROWSER_LOG = browserLog;
  return { ...t, browserLog };
}

/** What the headless browser recorded: one entry per time tokentray opened it. */
export function browserRuns(t: { browserLog: string }): Array<{ argv: string[]; env: Record<string, string>; visited: string[]; status?: number; ignored?: boolean }> {
  try {
    return readFileSync(t.browserLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  } catch {
    return [];
  }
}

/** The profile's token record as the Secret Service holds it, read with secret-tool (not our code). */
export function keychainTokens(t: TestEnv, profile: string): TokenRecord | null {
  const text = secretToolLookup(t.service, `${profile}#oauth`);
  return text ? (JSON.parse(text) as TokenRecord) : null;
}

/**
 * The leak rule: no access or refresh token in any file of the test's world (profiles.json, audit,
 * sessions, locks, backups, the browser's record of its argv and env), nor in the given texts
 * (stderr of the proxy and the CLI, IPC payloads).
 */
export function expectNoTokenLeaks(t: Pick<TestEnv, 'root'>, tokens: Iterable<string>, texts: Record<string, string> = {}): void {
  const wanted = [...tokens].filter((token) => token.length >= 8);
  expect(wanted.length, 'the leak check saw no tokens to look for').toBeGreaterThan(0);
  expect(filesHolding(t.root, wanted), 'a token on disk').toEqual([]);
  for (const [what, text] of Object.entries(texts)) expect(wanted.filter((token) => text.includes(token)).length, `a token in ${what}`).toBe(0);
}
