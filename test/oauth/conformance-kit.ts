/**
 * Runs the official conformance suite's client auth scenarios against a client command, a few at a
 * time, and reads what each judged (checks.json): the data of the scenario × client table.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
/** The two releases of the suite the tests pin (package.json): 0.1.16 and 0.2.0-alpha.12. */
export const SUITES = {
  current: join(ROOT, 'node_modules/@modelcontextprotocol/conformance/dist/index.js'),
  next: join(ROOT, 'node_modules/conformance-next/dist/index.js'),
} as const;
export const DRIVER = join(ROOT, 'test/oauth/fixtures/conformance-driver.mjs');

/** One scenario as run: which suite release, which spec version, which client. */
export interface ScenarioRun {
  scenario: string;
  suite: keyof typeof SUITES;
  specVersion?: string;
  mode: 'sdk' | 'tokentray';
}

/** What the suite judged. */
export interface ScenarioOutcome extends ScenarioRun {
  success: number;
  failures: string[];
  warnings: string[];
  /** No checks.json: the harness itself failed (its output, for the message). */
  harnessError?: string;
}

function findChecks(dir: string): string | null {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      const found = findChecks(path);
      if (found) return found;
    } else if (entry === 'checks.json') return path;
  }
  return null;
}

/** Runs one scenario with the conformance CLI; `env` reaches the client (the driver) through the harness. */
export function runScenario(run: ScenarioRun, outDir: string, env: Record<string, string>): Promise<ScenarioOutcome> {
  const dir = join(outDir, `${run.mode}-${run.scenario.replace(/\W+/g, '_')}-${run.specVersion ?? 'default'}`);
  mkdirSync(dir, { recursive: true });
  const args = [SUITES[run.suite], 'client', '--command', `${process.execPath} ${DRIVER} ${run.mode}`, '--scenario', run.scenario, '-o', dir, ...(run.specVersion ? ['--spec-version', run.specVersion] : [])];
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', () => {
      const file = findChecks(dir);
      if (!file) return resolvePromise({ ...run, success: 0, failures: [], warnings: [], harnessError: output.slice(-2000) });
      const checks = JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string; status: string }>;
      resolvePromise({
        ...run,
        success: checks.filter((c) => c.status === 'SUCCESS').length,
        failures: checks.filter((c) => c.status === 'FAILURE').map((c) => c.id),
        warnings: checks.filter((c) => c.status === 'WARNING').map((c) => c.id),
      });
    });
  });
}

/** Runs every scenario, `parallel` at a time. */
export async function runAll(runs: ScenarioRun[], outDir: string, env: Record<string, string>, parallel: number): Promise<ScenarioOutcome[]> {
  const results: ScenarioOutcome[] = new Array(runs.length);
  let next = 0;
  const worker = async () => {
    while (next < runs.length) {
      const index = next++;
      results[index] = await runScenario(runs[index]!, outDir, env);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, runs.length) }, worker));
  return results;
}

/** A table cell: "pass (n)" or what failed or warned. */
export function cell(outcome: ScenarioOutcome | undefined): string {
  if (!outcome) return '-';
  if (outcome.harnessError) return 'harness error';
  const bad = [...outcome.failures.map((id) => `✗ ${id}`), ...outcome.warnings.map((id) => `⚠ ${id}`)];
  return bad.length === 0 ? `pass (${outcome.success} checks)` : bad.join(', ');
}
