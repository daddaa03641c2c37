// The official conformance suite's client scenarios (every one but auth, in 0.1.16 and in 0.2.0's
// 2026-07-28 requirements), each run twice with the same SDK client driver: directly against the
// scenario server, and through `tokentray mcp` with a real keychain profile for that server.
// Through tokentray must be no worse, check by check.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv } from '../helpers/cli';
import { table, worseChecks, writeTablePart, type Column } from './compare';
import { mapBounded } from '../../electron/core/agents/bounded';
import { CLIENT_DRIVER } from './harness';
import { listScenarios, runClientScenario, type ScenarioResult, type SuiteBin } from './run-conformance';

/** A scenario of one release of the suite, at one revision. */
interface Job {
  label: string;
  bin: SuiteBin;
  scenario: string;
  specVersion?: string;
}

const SCENARIO_MS = 25_000;
const ways = ['direct', 'proxy'] as const;
const jobs: Job[] = [];
const results = { direct: new Map<string, ScenarioResult>(), proxy: new Map<string, ScenarioResult>() };

beforeAll(async () => {
  const t = makeTestEnv();
  const current = await listScenarios('current', 'client');
  const next = await listScenarios('next', 'client', '2026-07-28');
  jobs.push(...current.map((scenario) => ({ label: scenario, bin: 'current' as const, scenario })));
  jobs.push(...next.map((scenario) => ({ label: `${scenario} @2026-07-28`, bin: 'next' as const, scenario, specVersion: '2026-07-28' })));
  const runs = jobs.flatMap((job) => ways.map((way) => ({ job, way })));
  await mapBounded(runs, 2, async ({ job, way }) => {
    const result = await runClientScenario({
      bin: job.bin,
      scenario: job.scenario,
      ...(job.specVersion && { specVersion: job.specVersion }),
      command: `${process.execPath} --no-warnings ${CLIENT_DRIVER} ${way}`,
      env: t.env,
      scenarioMs: SCENARIO_MS,
    });
    results[way].set(job.label, result);
  });
  const columns: Column[] = [
    { name: 'direct', results: results.direct },
    { name: 'tokentray', results: results.proxy },
  ];
  writeTablePart('1-client', table('Client scenarios (SDK client driver: direct vs through `tokentray mcp`)', jobs.map((j) => j.label), columns, 'direct'));
}, 180_000);

describe('conformance client scenarios through tokentray mcp', () => {
  it('lists the non-auth client scenarios of both releases', () => {
    expect(jobs.map((j) => j.label)).toEqual(expect.arrayContaining(['initialize', 'tools_call', 'sse-retry', 'elicitation-sep1034-client-defaults', 'tools_call @2026-07-28']));
  });

  it('passes every scenario directly (the driver is a good client)', () => {
    const failing = jobs.filter((j) => {
      const direct = results.direct.get(j.label)!;
      return direct.hung !== undefined || direct.checks.length === 0 || direct.checks.some((c) => c.status === 'FAILURE');
    });
    expect(failing.map((j) => j.label)).toEqual([]);
    expect(failing).toEqual([]);
  });

  it('is no worse through tokentray in any scenario, check by check', () => {
    const worse = jobs.flatMap((j) => worseChecks(results.direct.get(j.label)!, results.proxy.get(j.label)!).map((w) => `${j.label}: ${w}`));
    expect(worse).toEqual([]);
  });
});
