import { spawn } from 'node:child_process';

/** What a bounded run printed and how it ended. */
export interface BoundedResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The run hit `timeoutMs` (or `until` came true) and its process group was killed. */
  stopped: 'timeout' | 'until' | null;
}

export interface BoundedOptions {
  env: Record<string, string>;
  cwd?: string;
  /** The hard bound: the whole process group is killed after this long. */
  timeoutMs: number;
  /** Polled every 100 ms: when it returns true the run is over (for commands that never end by themselves). */
  until?: () => boolean;
}

/**
 * Runs a command in its own process group with stdin closed and kills the group (the command and
 * every server it started) when it exits, when `until` holds, or after `timeoutMs`: a client CLI
 * that waits for a network it cannot reach ends the test, not the suite.
 */
export function runBounded(command: string, args: string[], options: BoundedOptions): Promise<BoundedResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let stopped: BoundedResult['stopped'] = null;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    const stop = (why: 'timeout' | 'until') => {
      if (stopped) return;
      stopped = why;
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 2000).unref();
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const poll = options.until
      ? setInterval(() => {
          if (options.until!()) stop('until');
        }, 100)
      : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(error);
    });
    // Servers the command left behind would hold its output open: end them with it.
    child.on('exit', () => killGroup('SIGKILL'));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr, stopped });
    });
  });
}

/** The text without ANSI colour and cursor codes, for matching what a CLI printed to a terminal. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}

/** A readable account of a run for an assertion message. */
export function describeRun(label: string, run: BoundedResult): string {
  const how = run.stopped === 'timeout' ? 'was stopped after its time limit' : run.stopped === 'until' ? 'was stopped once it had done its part' : `exited with ${run.code ?? run.signal}`;
  return `${label} ${how}\n--- stdout ---\n${plain(run.stdout).trim()}\n--- stderr ---\n${plain(run.stderr).trim()}`;
}
