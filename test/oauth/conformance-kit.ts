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

/**
 * One run of the conformance CLI: a single scenario, or a whole suite (`--suite auth --spec-version
 * 2025-11-25`: the suite runs its scenarios side by side, and the CLI starts once instead of once each).
 */
export interface Batch {
  suite: keyof typeof SUITES;
  mode: ScenarioRun['mode'];
  /** The CLI arguments that select the scenarios (`--scenario x`, or `--suite auth …`). */
  select: string[];
  scenarios: Array<Omit<ScenarioRun, 'mode' | 'suite'>>;
}

/** The newest results directory of a scenario under `dir` (`<dir>/auth/<name>-<time>/checks.json`). */
function checksOf(dir: string, scenario: string): string | null {
  const [group, name] = scenario.split('/') as [string, string];
  const parent = join(dir, group);
  const runs = statSync(parent, { throwIfNoEntry: false }) ? readdirSync(parent).filter((d) => d.startsWith(`${name}-2`)).sort() : [];
  const last = runs.at(-1);
  return last ? join(parent, last, 'checks.json') : null;
}

/** Runs one batch with the conformance CLI; `env` reaches the client (the driver) through the harness. */
export function runBatch(batch: Batch, outDir: string, env: Record<string, string>): Promise<ScenarioOutcome[]> {
  const dir = join(outDir, `${batch.mode}-${batch.suite}-${batch.select.join('_').replace(/\W+/g, '_')}`);
  mkdirSync(dir, { recursive: true });
  const args = [SUITES[batch.suite], 'client', '--command', `${process.execPath} ${DRIVER} ${batch.mode}`, ...batch.select, '--timeout', '120000', '-o', dir];
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output = (output + d).slice(-20_000)));
    child.stderr.on('data', (d) => (output = (output + d).slice(-20_000)));
    child.on('close', () => {
      resolvePromise(
        batch.scenarios.map((s) => {
          const run = { ...s, suite: batch.suite, mode: batch.mode };
          const file = checksOf(dir, s.scenario);
          if (!file || !statSync(file, { throwIfNoEntry: false })) return { ...run, success: 0, failures: [], warnings: [], harnessError: output.slice(-2000) };
          const checks = JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string; status: string }>;
          return {
            ...run,
            success: checks.filter((c) => c.status === 'SUCCESS').length,
            failures: checks.filter((c) => c.status === 'FAILURE').map((c) => c.id),
            warnings: checks.filter((c) => c.status === 'WARNING').map((c) => c.id),
          };
        }),
      );
    });
  });
}

/** Runs every batch, `parallel` at a time. */
export async function runAll(batches: Batch[], outDir: string, env: Record<string, string>, parallel: number): Promise<ScenarioOutcome[]> {
  const results: ScenarioOutcome[][] = new Array(batches.length);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const index = next++;
      results[index] = await runBatch(batches[index]!, outDir, env);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, batches.length) }, worker));
  return results.flat();
}

/** A table cell: "pass (n)" or what failed or warned. */
export function cell(outcome: ScenarioOutcome | undefined): string {
  if (!outcome) return '-';
  if (outcome.harnessError) return 'harness error';
  const bad = [...outcome.failures.map((id) => `✗ ${id}`), ...outcome.warnings.map((id) => `⚠ ${id}`)];
  return bad.length === 0 ? `pass (${outcome.success} checks)` : bad.join(', ');
}
