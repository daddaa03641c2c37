/**
 * Runs the real built dist/main/main.js in Node under the recording 'electron' stand-in
 * (electron-stand-in.ts) and returns what main asked Electron to do, one call per log line.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(__dirname, '../..');
const MAIN = join(root, 'dist/main/main.js');

/** One recorded call: which Electron API, with which (plain JSON) arguments. */
export interface StandInCall {
  api: string;
  args: unknown[];
}

/** Bundles the stand-in to CommonJS in `dir` (once per test file); returns its path for `runMain`. */
export async function buildStandIn(dir: string): Promise<string> {
  const out = join(dir, 'electron-stand-in.cjs');
  await build({ entryPoints: [join(__dirname, 'electron-stand-in.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'warning' });
  return out;
}

/** Starts main under the stand-in and waits for it to exit (or kills it after 20 s); `log` gets the calls. */
export function runMain(standIn: string, env: Record<string, string>, log: string): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', standIn, MAIN], { cwd: root, env: { ...env, TOKENTRAY_STANDIN_LOG: log }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stderr });
    });
  });
}

/** The calls recorded in `log`. */
export function readCalls(log: string): StandInCall[] {
  return readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as StandInCall);
}
