import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createKeychainStore } from '../../electron/core/secrets/secret-store';
import { CLI_PATH, runCli, type TestEnv } from '../helpers/cli';

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
export async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
