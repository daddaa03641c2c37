import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestEnv, runCli, type CliResult, type TestEnv } from '../helpers/cli';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';

let sb: Sandbox;
let t: TestEnv;
beforeEach(async () => {
  sb = await startSandbox();
  t = makeTestEnv();
});
afterEach(async () => {
  await sb.close();
});

const add = (name: string, token: string, args: string[]) => runCli(['profile', 'add', name, ...args], { env: t.env, input: token });
const check = (name: string, json = true) => runCli(['profile', 'check', name, ...(json ? ['--json'] : [])], { env: t.env });
const stored = (name: string) => JSON.parse(readFileSync(join(t.tokentrayHome, 'profiles.json'), 'utf8')).profiles.find((p: { name: string }) => p.name === name);
const noToken = (result: CliResult, token: string) => expect(result.stdout + result.stderr).not.toContain(token);

describe('tokentray profile check (mootup)', () => {
  it('shows display name, email and actor type, and records last_check ok', async () => {
    expect((await add('work', sb.humanPat, ['--kind', 'mootup', '--url', sb.url])).code).toBe(0);
    const human = await check('work', false);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/display name\s+Alice Sandbox/);
    expect(human.stdout).toMatch(/email\s+alice@example\.com/);
    expect(human.stdout).toMatch(/actor type\s+human/);
    expect(human.stderr).toBe('');

    const json = await check('work');
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'work', kind: 'mootup', status: 'ok', actor: { actor_id: sb.humanId, display_name: 'Alice Sandbox', email: 'alice@example.com', actor_type: 'human' } });
    expect(stored('work').last_check).toMatchObject({ result: 'ok', at: expect.any(String) });
    const list = JSON.parse((await runCli(['profile', 'list', '--json'], { env: t.env })).stdout);
    expect(list[0]).toMatchObject({ name: 'work', status: 'ok' });
    noToken(human, sb.humanPat);
    noToken(json, sb.humanPat);
  });

  it('warns when the PAT belongs to an agent, not a person', async () => {
    const agentPat = sb.state.issuePat(sb.agents.available.actor_id, 'odd').token;
    await add('odd', agentPat, ['--kind', 'mootup', '--url', sb.url]);
    const res = await check('odd');
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/warning: this token belongs to an agent, not a person/);
    expect(JSON.parse(res.stdout)).toMatchObject({ status: 'ok', actor: { actor_type: 'agent' }, warning: expect.stringContaining('human') });
    expect(stored('odd').last_check).toMatchObject({ result: 'ok', message: expect.stringContaining('not a person') });
  });

  it('401 → "token revoked or invalid", exit 1, profile marked revoked with last_check', async () => {
    await add('work', sb.humanPat, ['--kind', 'mootup', '--url', sb.url]);
    sb.state.revokeToken(sb.humanPat);
    const res = await check('work');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('token revoked or invalid');
    expect(JSON.parse(res.stdout)).toMatchObject({ status: 'revoked', error_code: 'unauthorized', last_check: { result: 'revoked' } });
    expect(stored('work')).toMatchObject({ revoked_at: expect.any(String), last_check: { result: 'revoked', at: expect.any(String) } });
    const list = JSON.parse((await runCli(['profile', 'list', '--json'], { env: t.env })).stdout);
    expect(list[0]).toMatchObject({ status: 'revoked' });
    noToken(res, sb.humanPat);
  });

  it('a server failure is recorded as an error, not as revoked', async () => {
    await add('work', sb.humanPat, ['--kind', 'mootup', '--url', sb.url]);
    sb.inject.failNext({ method: 'GET', path: '/api/actors/me', status: 503, times: 3 });
    const res = await check('work');
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ status: 'error', error_code: 'server' });
    expect(stored('work').revoked_at).toBeUndefined();
    expect(stored('work').last_check).toMatchObject({ result: 'error' });
  });
});

describe('tokentray profile check (mcp)', () => {
  it('initializes against the sandbox /mcp (SSE answer) and closes the session again', async () => {
    await add('moly', sb.humanPat, ['--kind', 'mcp', '--url', sb.mcpUrl, '--expires', 'never']);
    const res = await check('moly');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ status: 'ok', server: { name: 'mootup-sandbox', protocol_version: '2025-11-25' } });
    expect(sb.state.mcpTokensSeen).toEqual([sb.humanPat, sb.humanPat]);
    expect(sb.state.countRequests('DELETE', '/mcp')).toBe(1);
    expect(sb.mcpSessions()).toEqual([]);
    expect(stored('moly').last_check).toMatchObject({ result: 'ok' });
  });

  it('handles a plain JSON answer to initialize', async () => {
    const jsonSb = await startSandbox({ mcpJsonResponse: true });
    try {
      await add('j', jsonSb.humanPat, ['--kind', 'mcp', '--url', jsonSb.mcpUrl]);
      expect(JSON.parse((await check('j')).stdout)).toMatchObject({ status: 'ok', server: { name: 'mootup-sandbox' } });
      expect(jsonSb.state.countRequests('POST', '/mcp')).toBe(1);
      expect(jsonSb.mcpSessions()).toEqual([]);
    } finally {
      await jsonSb.close();
    }
  });

  it('reads the initialize answer from an SSE stream with comments, notifications and multi-line data', async () => {
    await add('moly', sb.humanPat, ['--kind', 'mcp', '--url', sb.mcpUrl]);
    const stream = [
      ': keep-alive',
      '',
      'event: message',
      'data: {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"hi"}}',
      '',
      'event: message',
      'data: {"jsonrpc":"2.0","id":1,',
      'data: "result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"split","version":"9"}}}',
      '',
      '',
    ].join('\n');
    sb.inject.respondNext({ method: 'POST', path: '/mcp', status: 200, headers: { 'content-type': 'text/event-stream', 'mcp-session-id': 'injected-1' }, body: Buffer.from(stream) });
    const res = await check('moly');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ status: 'ok', server: { name: 'split', version: '9', protocol_version: '2025-06-18' } });
    expect(sb.state.countRequests('DELETE', '/mcp')).toBe(1);
  });

  it('401 from /mcp marks the mcp profile revoked', async () => {
    await add('moly', sb.humanPat, ['--kind', 'mcp', '--url', sb.mcpUrl]);
    sb.state.revokeToken(sb.humanPat);
    const res = await check('moly');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('token revoked or invalid');
    expect(stored('moly')).toMatchObject({ revoked_at: expect.any(String), last_check: { result: 'revoked' } });
    expect(sb.state.countRequests('DELETE', '/mcp')).toBe(0);
  });
});
