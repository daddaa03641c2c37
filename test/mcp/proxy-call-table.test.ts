/** The proxy's call table, seen from outside: how each call it owes ends, in the editor's stdout, the audit log and the tray's session record. */
import { describe, expect, it } from 'vitest';
import { listEditorSessions } from '../../electron/core/mcp/session-registry';
import { fakeMolyPat, runCli } from '../helpers/cli';
import { startUpstream } from './fixtures/upstream';
import { addProfile, auditCalls, eventually, initializeRequest, spawnRawProxy, useTestWorld } from './helpers';

const w = useTestWorld();
const token = fakeMolyPat();
const slow = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'slow', arguments: { ms: 60_000 } } });

describe('the call table when stdin closes', () => {
  it('answers the call still held with a timeout error and audits it, audits the cancelled one without answering it, and removes the session record', async () => {
    const upstream = await startUpstream({ token });
    w.later(upstream.close);
    await addProfile(w.t, 'moly', upstream.url, token);
    expect((await runCli(['profile', 'set', 'moly', '--timeout', '1'], { env: w.t.env })).code).toBe(0);
    const proxy = spawnRawProxy(w.t, 'moly');
    proxy.send(initializeRequest());
    await proxy.next((m) => m.id === 1);
    proxy.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    proxy.send(slow(2));
    proxy.send(slow(3));
    await eventually(() => expect(upstream.log.requests.filter((r) => r.mcpName === 'slow')).toHaveLength(2));
    await eventually(() => expect(listEditorSessions(w.t.tokentrayHome).map((s) => s.pid)).toEqual([proxy.pid]));
    proxy.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 3, reason: 'the person pressed stop' } });
    await eventually(() => expect(auditCalls(w.t).filter((c) => c.tool === 'slow')).toHaveLength(1));

    expect(await proxy.end()).toBe(0);
    const answers = proxy.stdoutLines.map((l) => JSON.parse(l) as { id?: number; error?: { code: number; data?: { cause?: string } } });
    expect(answers.map((a) => a.id)).toEqual([1, 2]); // nothing for the cancelled call
    expect(answers[1]).toMatchObject({ error: { code: -32002, data: { cause: 'timeout' } } });
    const slowCalls = auditCalls(w.t).filter((c) => c.tool === 'slow');
    expect(slowCalls.map((c) => [c.status, c.message])).toEqual([
      ['cancelled', undefined],
      ['error', 'timeout'],
    ]);
    expect(listEditorSessions(w.t.tokentrayHome)).toEqual([]);
  });
});
