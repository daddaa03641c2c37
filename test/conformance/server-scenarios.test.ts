// The official conformance suite's server scenarios (0.1.16, all of them), each run three ways
// against our reference server:
//   direct     suite → reference server (HTTP)
//   bridge     suite → HTTP→stdio bridge → reference server (stdio): what the bridge itself costs
//   tokentray  suite → bridge → `tokentray mcp` → reference server (HTTP, demanding the keychain's token)
// A scenario worse through tokentray than through the bridge alone is a proxy defect.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeMolyPat, makeTestEnv, runCli } from '../helpers/cli';
import { table, worseChecks, writeTablePart, type Column } from './compare';
import { BRIDGE, LAUNCHER, REFERENCE_SERVER, startUrlProcess, type UrlProcess } from './harness';
import { listScenarios, runServerScenarios, type ScenarioResult } from './run-conformance';

const SCENARIO_MS = 20_000;
const started: UrlProcess[] = [];
let scenarios: string[] = [];
const columns: Column[] = [];
const result = (way: string, scenario: string): ScenarioResult => columns.find((c) => c.name === way)!.results.get(scenario)!;

beforeAll(async () => {
  const t = makeTestEnv();
  const token = fakeMolyPat();
  // V8's compile cache halves the start of each reference server the bridge spawns (one per session).
  // Not for the tokentray bridge: tokentray's own start-up is left as an editor sees it.
  const env = { ...t.env, REFERENCE_TOKEN: token, NODE_COMPILE_CACHE: join(t.root, 'compile-cache') };
  const [direct, guarded, bridged] = await Promise.all([
    startUrlProcess([REFERENCE_SERVER, '--http'], env),
    startUrlProcess([REFERENCE_SERVER, '--http', '--bearer-env', 'REFERENCE_TOKEN'], env),
    startUrlProcess([BRIDGE, '--', process.execPath, '--no-warnings', REFERENCE_SERVER, '--stdio'], env),
  ]);
  started.push(direct, guarded, bridged);
  const add = await runCli(['profile', 'add', 'conformance', '--kind', 'mcp', '--url', guarded.url], { env: t.env, input: token });
  expect(add.code, add.stderr).toBe(0);
  const proxied = await startUrlProcess([BRIDGE, '--', LAUNCHER, 'mcp', 'conformance'], t.env);
  started.push(proxied);

  scenarios = await listScenarios('current', 'server');
  const ways = [
    { name: 'direct', url: direct.url },
    { name: 'bridge', url: bridged.url },
    { name: 'tokentray', url: proxied.url },
  ];
  // The three ways at once (each runs its scenarios one after another): mostly waiting, little CPU.
  const runs = await Promise.all(ways.map((way) => runServerScenarios({ bin: 'current', url: way.url, scenarios, scenarioMs: SCENARIO_MS })));
  ways.forEach((way, i) => columns.push({ name: way.name, results: runs[i]! }));
  writeTablePart('2-server', table('Server scenarios (direct · through the HTTP→stdio bridge · bridge → `tokentray mcp` → HTTP)', scenarios, columns, 'bridge'));
}, 180_000);

afterAll(async () => {
  await Promise.all(started.map((p) => p.stop()));
});

describe('conformance server scenarios through tokentray mcp', () => {
  it('runs every server scenario the suite lists', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
    expect(scenarios).toEqual(expect.arrayContaining(['server-initialize', 'tools-call-sampling', 'server-sse-polling', 'dns-rebinding-protection']));
  });

  it('the reference server passes every scenario directly', () => {
    expect(scenarios.filter((s) => result('direct', s).hung !== undefined || result('direct', s).checks.some((c) => c.status === 'FAILURE'))).toEqual([]);
  });

  it('the bridge alone is no worse than direct (it is a faithful harness)', () => {
    expect(scenarios.flatMap((s) => worseChecks(result('direct', s), result('bridge', s)).map((w) => `${s}: ${w}`))).toEqual([]);
  });

  it('no scenario is worse through tokentray than through the bridge alone', () => {
    expect(scenarios.flatMap((s) => worseChecks(result('bridge', s), result('tokentray', s)).map((w) => `${s}: ${w}`))).toEqual([]);
  });
});
