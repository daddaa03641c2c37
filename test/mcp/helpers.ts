import { Client as ModernClient } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdioTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { createKeychainStore } from '../../electron/core/keychain/secret-store';
import { CLI_PATH, fakeMolyPat, makeTestEnv, runCli, type TestEnv } from '../helpers/cli';
import { startUpstream, type Upstream } from './fixtures/upstream';

/** Stores a profile pointing at `url` with `token` in the test keychain, through the real CLI. */
export async function addProfile(t: TestEnv, name: string, url: string, token: string, extra: string[] = ['--kind', 'mcp']): Promise<void> {
  const res = await runCli(['profile', 'add', name, '--url', url, ...extra], { env: t.env, input: token });
  expect(res.code, res.stderr).toBe(0);
}

/** Replaces a profile's token in the real keychain (what `profile replace` or a rotation in the tray does). */
export async function replaceToken(t: TestEnv, name: string, token: string): Promise<void> {
  await createKeychainStore(t.service).set(name, token);
}

/** An editor: the SDK Client over StdioClientTransport, spawning the built `tokentray mcp <profile>`. */
export interface Editor {
  client: Client;
  transport: StdioClientTransport;
  pid: number;
  stderr(): string;
  close(): Promise<void>;
}

export async function connectEditor(t: TestEnv, profile: string, options: { env?: Record<string, string>; command?: string; args?: string[]; answer?: string } = {}): Promise<Editor> {
  const transport = new StdioClientTransport({
    command: options.command ?? process.execPath,
    args: options.args ?? [CLI_PATH, 'mcp', profile],
    env: options.env ?? t.env,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const client = new Client({ name: 'test-editor', version: '7.7.7' }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, async (request) => ({ action: 'accept', content: { answer: `${options.answer ?? '42'} to ${request.params.message}` } }));
  await client.connect(transport);
  return {
    client,
    transport,
    pid: transport.pid!,
    stderr: () => stderr,
    close: () => client.close(),
  };
}

/** The text of the first content block of a tool result. */
export function resultText(result: unknown): string {
  const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return content[0]?.text ?? '';
}

/** The audit log lines of the proxied calls. */
export function auditCalls(t: TestEnv): Array<Record<string, unknown>> {
  let text = '';
  try {
    text = readFileSync(join(t.tokentrayHome, 'audit', 'audit.log'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((e) => e.kind === 'mcp.call');
}

/** Waits until `check` passes (bounded: 5 s), for effects that land just after a call returns. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** A JSON-RPC error answer as the proxy writes it. */
export type RpcErrorAnswer = { id?: unknown; error: { code: number; message: string; data?: Record<string, unknown> } };

/** The message as an RpcErrorAnswer, or an assertion error naming what it was instead. */
function asErrorAnswer(message: Record<string, unknown>): RpcErrorAnswer {
  const error = message.error as { code?: unknown; message?: unknown } | undefined;
  if (typeof error?.code !== 'number' || typeof error.message !== 'string') throw new Error(`expected a JSON-RPC error answer, got ${JSON.stringify(message)}`);
  return message as RpcErrorAnswer;
}

/** The proxy driven over raw stdio, for what an SDK client would never send (garbage, batches, oversize). */
export interface RawProxy {
  pid: number;
  send(line: string | object): void;
  /** Resolves with the first stdout message (parsed) not returned before that matches, waiting up to 10 s. */
  next(match: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Like `next`, for a JSON-RPC error answer: fails unless the matching message carries an error with a numeric code and a message. */
  nextError(match: (message: Record<string, unknown>) => boolean): Promise<RpcErrorAnswer>;
  stdoutLines: string[];
  stderr(): string;
  /** Closes stdin and resolves with the exit code. */
  end(): Promise<number>;
  /** Sends a signal (stdin stays open) and resolves with the exit code. */
  signal(name: NodeJS.Signals): Promise<number>;
}

/** `fdLimit` runs the proxy under `ulimit -n <fdLimit>`. */
export function spawnRawProxy(t: TestEnv, profile: string, env: Record<string, string> = t.env, options: { fdLimit?: number } = {}): RawProxy {
  const argv = [process.execPath, CLI_PATH, 'mcp', profile];
  const child = options.fdLimit
    ? spawn('sh', ['-c', `ulimit -n ${options.fdLimit} && exec "$0" "$@"`, ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(argv[0]!, argv.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const stdoutLines: string[] = [];
  let buffered = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    stdoutLines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  const consumed = new Set<number>();
  return {
    pid: child.pid!,
    stdoutLines,
    stderr: () => stderr,
    send: (line) => child.stdin.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`),
    async next(match) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        for (const [i, line] of stdoutLines.entries()) {
          if (consumed.has(i)) continue;
          const message = JSON.parse(line) as Record<string, unknown>;
          if (match(message)) {
            consumed.add(i);
            return message;
          }
        }
        if (Date.now() > deadline) throw new Error(`no matching message; stdout so far:\n${stdoutLines.join('\n')}\nstderr:\n${stderr}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    async nextError(match) {
      return asErrorAnswer(await this.next(match));
    },
    signal(name) {
      child.kill(name);
      return exited;
    },
    end() {
      child.stdin.end();
      return exited;
    },
  };
}

/** The initialize request an editor sends first. */
export function initializeRequest(id: number | string = 1): object {
  return { jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw-editor', version: '1.0.0' } } };
}

/** Per-test state of a proxy test: a private world, a fixture upstream demanding a fresh token, the editor if one was connected. */
export interface ProxyTest {
  t: TestEnv;
  token: string;
  upstream: Upstream;
  editor: Editor | undefined;
}

/** Registers the hooks that give each test a fresh ProxyTest and close its editor and upstream afterwards. */
export function useProxyTest(): ProxyTest {
  const state = {} as ProxyTest;
  beforeEach(async () => {
    state.t = makeTestEnv();
    state.token = fakeMolyPat();
    state.upstream = await startUpstream({ token: state.token });
    state.editor = undefined;
  });
  afterEach(async () => {
    await state.editor?.close();
    await state.upstream.close();
  });
  return state;
}

/** One check of a conformance scenario, as the suite writes it to checks.json. */
export interface ScenarioCheck {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';
  description: string;
  errorMessage?: string;
  details?: Record<string, unknown>;
}

/**
 * Runs one of the official conformance suite's client scenarios with fixtures/scenario-client.ts as
 * the client (it reaches the scenario's server through `tokentray mcp`), and returns the suite's checks,
 * its output and the client's last result.
 */
export async function runClientScenario(t: TestEnv, scenario: string): Promise<{ checks: ScenarioCheck[]; output: string; result: unknown }> {
  const root = resolve(__dirname, '../..');
  const out = mkdtempSync(join(t.root, 'conformance-'));
  const command = `${process.execPath} --no-warnings ${join(root, 'test/mcp/fixtures/scenario-client.ts')}`;
  const suite = join(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
  const run = spawn(process.execPath, [suite, 'client', '--scenario', scenario, '--command', command, '--timeout', '20000', '-o', out], { env: { ...t.env, SCENARIO_CLIENT_OUT: join(out, 'client.json') }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  run.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  run.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  await new Promise((resolvePromise) => run.on('close', resolvePromise));
  const dir = readdirSync(out).find((name) => name.startsWith(scenario));
  if (!dir) throw new Error(`the conformance suite wrote no results:\n${output}`);
  let result: unknown;
  try {
    result = JSON.parse(readFileSync(join(out, 'client.json'), 'utf8'));
  } catch {
    result = undefined;
  }
  return { checks: JSON.parse(readFileSync(join(out, dir, 'checks.json'), 'utf8')) as ScenarioCheck[], output, result };
}

/** Per-test state of a test that builds its own upstream: a private world, the editor, and what to close after. */
export interface TestWorld {
  t: TestEnv;
  editor: Editor | undefined;
  /** Registers something to close after the test (in reverse order of registration). */
  later(close: () => Promise<unknown>): void;
}

/** Registers the hooks that give each test a fresh TestWorld and close its editor and everything registered. */
export function useTestWorld(): TestWorld {
  const closers: Array<() => Promise<unknown>> = [];
  const state = { later: (close: () => Promise<unknown>) => void closers.push(close) } as TestWorld;
  beforeEach(() => {
    state.t = makeTestEnv();
    state.editor = undefined;
  });
  afterEach(async () => {
    await state.editor?.close();
    for (const close of closers.splice(0).reverse()) await close();
  });
  return state;
}

/** An editor of the 2026-07-28 era: the SDK v2 Client over its StdioClientTransport, spawning `tokentray mcp <profile>`. */
export async function connectModernEditor(t: TestEnv, profile: string, mode: 'auto' | 'pin' = 'pin'): Promise<{ client: ModernClient; stderr(): string; close(): Promise<void> }> {
  const transport = new ModernStdioTransport({ command: process.execPath, args: [CLI_PATH, 'mcp', profile], env: t.env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const client = new ModernClient({ name: 'modern-editor', version: '2.2.2' }, { capabilities: {}, versionNegotiation: { mode: mode === 'pin' ? { pin: '2026-07-28' } : 'auto' } });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}
