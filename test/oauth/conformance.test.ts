/**
 * The official conformance suite's client auth scenarios, each run twice: by the SDK client alone
 * (its OAuth client provider, over HTTP) and by the SDK client through `tokentray mcp` (tokentray
 * does all of OAuth; the browser is the headless fetcher in $BROWSER). No scenario may be worse
 * through tokentray; tokentray must pass them all. The table is printed at the end. Tokens stay out
 * of every file of tokentray's worlds.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv } from '../helpers/cli';
import { haveTestKeychain, secretToolLookup } from '../helpers/keychain';
import { cell, runAll, type Batch, type ScenarioOutcome, type ScenarioRun } from './conformance-kit';
import { expectNoTokenLeaks, HEADLESS_BROWSER } from './oauth-kit';

/** Every auth scenario of 0.1.16 marked 2025-11-25 (and 2025-06-18), and the two 2025-03-26 back-compat ones. */
const CURRENT = [
  'auth/metadata-default',
  'auth/metadata-var1',
  'auth/metadata-var2',
  'auth/metadata-var3',
  'auth/basic-cimd',
  'auth/scope-from-www-authenticate',
  'auth/scope-from-scopes-supported',
  'auth/scope-omitted-when-undefined',
  'auth/scope-step-up',
  'auth/scope-retry-limit',
  'auth/token-endpoint-auth-basic',
  'auth/token-endpoint-auth-post',
  'auth/token-endpoint-auth-none',
  'auth/pre-registration',
  'auth/2025-03-26-oauth-metadata-backcompat',
  'auth/2025-03-26-oauth-endpoint-fallback',
];
/** The scenarios 0.2.0-alpha.12 adds for the 2026-07-28 client duties (run on that revision's stateless wire). */
const NEXT = [
  'auth/resource-mismatch',
  'auth/offline-access-scope',
  'auth/offline-access-not-supported',
  'auth/authorization-server-migration',
  'auth/iss-supported',
  'auth/iss-not-advertised',
  'auth/iss-supported-missing',
  'auth/iss-wrong-issuer',
  'auth/iss-unexpected',
  'auth/iss-normalized',
  'auth/metadata-issuer-mismatch',
];

const SCENARIOS: Array<Omit<ScenarioRun, 'mode'>> = [
  ...CURRENT.map((scenario) => ({ scenario, suite: 'current' as const })),
  ...NEXT.map((scenario) => ({ scenario, suite: 'next' as const, specVersion: '2026-07-28' })),
];
const key = (r: Omit<ScenarioRun, 'mode' | 'suite'>) => `${r.scenario} ${r.specVersion ?? ''}`;

/** 0.1.16's own suites select exactly CURRENT (checked below); the newer ones run one by one. */
function batches(mode: ScenarioRun['mode']): Batch[] {
  const dated = CURRENT.filter((s) => !s.includes('2025-03-26'));
  return [
    { suite: 'current', mode, select: ['--suite', 'auth', '--spec-version', '2025-11-25'], scenarios: dated.map((scenario) => ({ scenario })) },
    { suite: 'current', mode, select: ['--suite', 'backcompat'], scenarios: CURRENT.filter((s) => s.includes('2025-03-26')).map((scenario) => ({ scenario })) },
    ...NEXT.map((scenario): Batch => ({ suite: 'next', mode, select: ['--scenario', scenario, '--spec-version', '2026-07-28'], scenarios: [{ scenario, specVersion: '2026-07-28' }] })),
  ];
}

describe.skipIf(!haveTestKeychain())('conformance: client auth scenarios, SDK alone vs through tokentray', () => {
  const outcomes = new Map<string, { sdk?: ScenarioOutcome; tokentray?: ScenarioOutcome }>();
  const t = makeTestEnv({ BROWSER: `${process.execPath} ${HEADLESS_BROWSER}` });
  const driverRoot = join(t.root, 'driver');
  const runs: Array<{ scenario: string; version: string; mode: string; ok: boolean; error?: string }> = [];

  beforeAll(async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tokentray-conformance-'));
    const env = { ...t.env, DRIVER_ROOT: driverRoot, PATH: `${join(__dirname, '../../node_modules/.bin')}:${t.env.PATH ?? ''}` };
    mkdirSync(driverRoot, { recursive: true });
    for (const outcome of await runAll([...batches('tokentray'), ...batches('sdk')], outDir, env, 3)) {
      const entry = outcomes.get(key(outcome)) ?? {};
      entry[outcome.mode] = outcome;
      outcomes.set(key(outcome), entry);
    }
    for (const line of readFileSync(join(driverRoot, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean)) runs.push(JSON.parse(line));
  }, 600_000);

  it.each(SCENARIOS.map((s) => [key(s), s] as const))('%s: no worse through tokentray, and passing', (_name, s) => {
    const { sdk, tokentray } = outcomes.get(key(s)) ?? {};
    expect(sdk?.harnessError, 'the suite could not run the SDK alone').toBeUndefined();
    expect(tokentray?.harnessError, 'the suite could not run tokentray').toBeUndefined();
    const sdkBad = new Set([...sdk!.failures, ...sdk!.warnings]);
    const worse = [...tokentray!.failures, ...tokentray!.warnings].filter((id) => !sdkBad.has(id));
    const run = runs.find((r) => r.scenario === s.scenario && r.mode === 'tokentray');
    expect(worse, `worse through tokentray (${run?.error ?? ''})`).toEqual([]);
    expect([...tokentray!.failures, ...tokentray!.warnings], 'tokentray fails or warns').toEqual([]);
  });

  it('ran exactly the chosen scenarios (the suites select no more and no fewer)', () => {
    for (const mode of ['tokentray', 'sdk']) {
      const ran = runs.filter((r) => r.mode === mode).map((r) => `${r.scenario} ${r.version === '2026-07-28' ? '2026-07-28' : ''}`);
      expect(new Set(ran)).toEqual(new Set(SCENARIOS.map(key)));
    }
  });

  it('keeps every token it was given out of the files of its worlds', () => {
    const tokens: string[] = [];
    for (const world of readdirSync(driverRoot, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name.startsWith('tokentray-'))) {
      const record = secretToolLookup(`${t.service}-${world.name}`, 'conf#oauth');
      if (!record) continue; // the scenarios where tokentray rightly refused to sign in
      const held = JSON.parse(record) as { access_token: string; refresh_token?: string };
      tokens.push(held.access_token, ...(held.refresh_token ? [held.refresh_token] : []));
    }
    expect(tokens.length).toBeGreaterThan(15);
    expectNoTokenLeaks({ root: driverRoot }, tokens);
  });

  it('prints the scenario × client table', () => {
    const rows = SCENARIOS.map((s) => {
      const o = outcomes.get(key(s)) ?? {};
      return `| ${s.scenario} | ${s.specVersion ?? (s.scenario.includes('2025-03-26') ? '2025-03-26' : '2025-11-25')} (${s.suite === 'current' ? '0.1.16' : '0.2.0-alpha.12'}) | ${cell(o.sdk)} | ${cell(o.tokentray)} |`;
    });
    console.log(['| scenario | spec (suite) | SDK client alone | SDK client through tokentray |', '|---|---|---|---|', ...rows].join('\n'));
    expect(rows).toHaveLength(SCENARIOS.length);
  });
});
