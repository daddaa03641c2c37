// What the conformance tests share: the paths of their scripts and the helper processes they start.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** This folder's scripts, run by Node directly (type stripping). */
export const HERE = __dirname;
export const REFERENCE_SERVER = join(HERE, 'reference-server.ts');
export const BRIDGE = join(HERE, 'http-stdio-bridge.ts');
export const CLIENT_DRIVER = join(HERE, 'client-driver.ts');
/** The launcher editors run (`dist/cli/tokentray`: the project's Node 24 on the built CLI). */
export const LAUNCHER = join(HERE, '../../dist/cli/tokentray');

/** A helper process that printed its URL on its first stdout line. */
export interface UrlProcess {
  url: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `node --no-warnings <args…>` and waits (up to 20 s) for the URL it prints. */
export function startUrlProcess(args: string[], env: NodeJS.ProcessEnv): Promise<UrlProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--no-warnings', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} printed no URL in 20 s; stderr:\n${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`${args[0]} exited (${code}) before printing its URL; stderr:\n${stderr}`)));
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      resolve({
        url: out.slice(0, nl).trim(),
        stderr: () => stderr,
        stop: () => {
          child.kill();
          return exited;
        },
      });
    });
  });
}
