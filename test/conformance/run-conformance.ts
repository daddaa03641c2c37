// Runs the official conformance suite's CLI (`conformance` 0.1.16, or 0.2.0's pre-release as
// `next`) and reads what it wrote (`-o <dir>`: one folder per scenario with checks.json). A scenario
// that gives no result in its time is killed and reported as hung, so one hang cannot eat the
// whole test's time.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const BINS = {
  current: join(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js'),
  next: join(root, 'node_modules/conformance-next/dist/index.js'),
};
/** Which release of the suite: 0.1.16 (2025-11-25) or 0.2.0-alpha.12 (2026-07-28 requirements). */
export type SuiteBin = keyof typeof BINS;

export type CheckStatus = 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';
/** One check as the suite writes it to checks.json. */
export interface Check {
  id: string;
  status: CheckStatus;
  description?: string;
  errorMessage?: string;
}
/** A scenario's checks, or why there are none (`hung`: killed after its time). */
export interface ScenarioResult {
  scenario: string;
  checks: Check[];
  hung?: number;
}

interface Run {
  stdout: string;
  killed: boolean;
}

/** Runs the suite's CLI; `watch` sees stdout as it comes and may call `kill()`; a hard cap stops it anyway. */
function runCli(bin: SuiteBin, args: string[], env: NodeJS.ProcessEnv, capMs: number, watch?: (stdout: string, kill: () => void) => void): Promise<Run> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['--no-warnings', BINS[bin], ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      try {
        process.kill(-child.pid!, 'SIGKILL'); // the suite and the client it spawned
      } catch {
        // already gone
      }
    };
    const cap = setTimeout(kill, capMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      watch?.(stdout, kill);
    });
    child.stderr.resume();
    child.on('close', () => {
      clearTimeout(cap);
      resolvePromise({ stdout, killed });
    });
  });
}

/** The scenarios a release lists, without the auth ones (`--spec-version` filters as the suite does). */
export async function listScenarios(bin: SuiteBin, side: 'client' | 'server', specVersion?: string): Promise<string[]> {
  const args = ['list', ...(bin === 'next' ? [`--${side}`] : []), ...(specVersion ? ['--spec-version', specVersion] : [])];
  const { stdout } = await runCli(bin, args, process.env, 30_000);
  const section = stdout.split(/\n(?=\S)/).find((s) => s.toLowerCase().startsWith(`${side} scenarios`)) ?? '';
  return [...section.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1]!).filter((name) => !name.startsWith('auth/'));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The checks.json the suite wrote for `scenario` under `dir` (folder `<prefix><scenario>-<timestamp>`). */
function readChecks(dir: string, prefix: string, scenario: string): Check[] | undefined {
  const pattern = new RegExp(`^${escape(prefix + scenario)}-\\d{4}-\\d\\d-\\d\\dT`);
  const folder = readdirSync(dir).find((name) => pattern.test(name));
  if (!folder) return undefined;
  return JSON.parse(readFileSync(join(dir, folder, 'checks.json'), 'utf8')) as Check[];
}

export interface ServerRunOptions {
  bin: SuiteBin;
  url: string;
  scenarios: string[];
  specVersion?: string;
  /** A scenario that gives no result in this time is killed and reported as hung. */
  scenarioMs: number;
}

/** Every server scenario against `url`: the whole list in one run of the suite; after a hang, the rest one by one. */
export async function runServerScenarios(options: ServerRunOptions): Promise<Map<string, ScenarioResult>> {
  const dir = mkdtempSync(join(tmpdir(), 'tokentray-conformance-'));
  const results = new Map<string, ScenarioResult>();
  const version = options.specVersion ? ['--spec-version', options.specVersion] : [];
  const collect = () => {
    for (const scenario of options.scenarios) {
      if (results.has(scenario)) continue;
      const checks = readChecks(dir, 'server-', scenario);
      if (checks) results.set(scenario, { scenario, checks });
    }
  };
  try {
    // One run for the whole list: the suite starts once (its start-up is most of a scenario's cost).
    let current: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const first = await runCli(options.bin, ['server', '--url', options.url, '--suite', 'all', ...version, '-o', dir], process.env, options.scenarioMs * options.scenarios.length, (stdout, kill) => {
      const running = [...stdout.matchAll(/=== Running scenario: (\S+) ===/g)].at(-1)?.[1];
      if (running !== current) {
        current = running;
        clearTimeout(timer);
        timer = setTimeout(kill, options.scenarioMs);
      }
    });
    clearTimeout(timer);
    collect();
    if (first.killed && current && !results.has(current)) results.set(current, { scenario: current, checks: [], hung: options.scenarioMs });
    for (const scenario of options.scenarios) {
      if (results.has(scenario)) continue;
      const run = await runCli(options.bin, ['server', '--url', options.url, '--scenario', scenario, ...version, '-o', dir], process.env, options.scenarioMs);
      collect();
      if (!results.has(scenario)) results.set(scenario, { scenario, checks: [], ...(run.killed && { hung: options.scenarioMs }) });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ClientRunOptions {
  bin: SuiteBin;
  scenario: string;
  /** The client command; the suite appends the scenario server's URL. */
  command: string;
  specVersion?: string;
  env: NodeJS.ProcessEnv;
  /** Killed (reported as hung) when it gives no result in this time. */
  scenarioMs: number;
}

/** One client scenario: the suite starts its server and runs `command <url>` against it. */
export async function runClientScenario(options: ClientRunOptions): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tokentray-conformance-'));
  try {
    const version = options.specVersion ? ['--spec-version', options.specVersion] : [];
    const clientTimeout = String(Math.max(1000, options.scenarioMs - 5000));
    const run = await runCli(options.bin, ['client', '--scenario', options.scenario, '--command', options.command, '--timeout', clientTimeout, ...version, '-o', dir], options.env, options.scenarioMs);
    const checks = readChecks(dir, '', options.scenario.replace(/\//g, '-')) ?? [];
    return { scenario: options.scenario, checks, ...(run.killed && checks.length === 0 && { hung: options.scenarioMs }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
