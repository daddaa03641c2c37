/**
 * An `mcp` profile may hold a token of any shape, so token-shaped patterns cannot guard it: the MCP
 * server quotes the request's Authorization header in its `initialize` error, and the state that
 * reaches the window (IPC answers, state pushes, webContents.send of the real main) must not carry it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpc } from '../../electron/core/app/ipc-handlers';
import { createCoreContext } from '../../electron/core/context';
import { createCoreApp } from '../helpers/invoke';
import { STATE_UPDATE_EVENT } from '../../shared/ipc';
import { classifyToken } from '../../shared/token-formats';
import { filesContaining, makeTestEnv, runCli, type TestEnv } from '../helpers/cli';
import { buildStandIn, readCalls, runMain } from '../main/stand-in-run';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';

let sb: Sandbox;
let t: TestEnv;
let standIn = '';
beforeAll(async () => {
  standIn = await buildStandIn(makeTestEnv().root);
});
beforeEach(async () => {
  sb = await startSandbox();
  t = makeTestEnv();
});
afterEach(async () => {
  await sb.close();
});

/** A token of no known shape (what a self-hosted MCP service might issue). */
const opaqueToken = () => `svc.${randomBytes(18).toString('hex')}.key`;

/** The MCP endpoint answers every initialize with a JSON-RPC error that quotes the request's credentials. */
const echoingMcp = () =>
  sb.inject.echoAuthNext({ path: '/mcp', status: 200, times: Infinity, body: (q) => ({ jsonrpc: '2.0', id: 1, error: { code: -32001, message: `not allowed: ${q}` } }) });

/** Puts `text` into a profile's last_check.message the way an older tokentray stored server text. */
function storeLegacyMessage(name: string, text: string): void {
  const path = join(t.tokentrayHome, 'profiles.json');
  const file = JSON.parse(readFileSync(path, 'utf8')) as { profiles: Array<Record<string, unknown>> };
  const profile = file.profiles.find((p) => p.name === name)!;
  profile.last_check = { at: new Date().toISOString(), result: 'error', message: `legacy: the server said ${text}` };
  writeFileSync(path, JSON.stringify(file, null, 2), { mode: 0o600 });
}

describe('window payloads are guarded by the tokens themselves, not only by their shapes', () => {
  it('keeps a token of any shape out of the CLI, profiles.json, IPC answers and state pushes', async () => {
    const token = opaqueToken();
    expect(classifyToken(token)).toBe('unknown');
    const added = await runCli(['profile', 'add', 'svc', '--kind', 'mcp', '--url', sb.mcpUrl, '--expires', 'never'], { env: t.env, input: token });
    expect(added.code, added.stderr).toBe(0);
    echoingMcp();

    const checked = await runCli(['profile', 'check', 'svc'], { env: t.env });
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(/refused initialize/);
    expect(checked.stdout + checked.stderr).not.toContain(token);
    expect(filesContaining(t.tokentrayHome, token)).toEqual([]);

    const { store, handlers } = createCoreApp(createCoreContext(t.env));
    const sent: string[] = [];
    store.subscribe((state) => sent.push(JSON.stringify(state)));
    sent.push(JSON.stringify(await dispatchIpc(handlers, 'profile:check', { name: 'svc' })));
    // Text an older version stored; this process has read the token by now, so the guard knows it.
    storeLegacyMessage('svc', `Authorization: Bearer ${token}`);
    const refreshed = await dispatchIpc(handlers, 'state:refresh', {});
    sent.push(JSON.stringify(refreshed), JSON.stringify(await dispatchIpc(handlers, 'state:get', {})));
    expect((refreshed as { profiles?: unknown[] }).profiles, 'the state still reaches the window').toHaveLength(1);
    expect(sent.filter((p) => p.includes(token))).toEqual([]);
    expect(sent.some((p) => p.includes('legacy: the server said'))).toBe(true);
  });

  it('the real main (under an Electron stand-in) never sends the token to the window', async () => {
    const token = opaqueToken();
    const added = await runCli(['profile', 'add', 'svc', '--kind', 'mcp', '--url', sb.mcpUrl, '--expires', 'never'], { env: t.env, input: token });
    expect(added.code, added.stderr).toBe(0);
    echoingMcp();
    const log = join(t.root, 'electron-calls.jsonl');
    const run = await runMain(standIn, { ...t.env, TOKENTRAY_STANDIN_INVOKE: JSON.stringify([['profile:check', { name: 'svc' }], ['state:refresh', {}]]) }, log);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
    const calls = readCalls(log);
    const pushes = calls.filter((c) => c.api === 'webContents.send' && c.args[1] === STATE_UPDATE_EVENT);
    expect(pushes.length).toBeGreaterThan(1);
    const checkedInMain = calls.find((c) => c.api === 'drive' && c.args[0] === 'invoke profile:check');
    expect(JSON.stringify(checkedInMain?.args[1])).toMatch(/refused initialize/);
    expect(calls.filter((c) => JSON.stringify(c).includes(token)).map((c) => c.api)).toEqual([]);
    expect(run.stderr).not.toContain(token);
  });
});
