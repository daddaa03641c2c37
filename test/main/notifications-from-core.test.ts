/**
 * Notifications from what core really writes: the real release and takeover (IPC handler table, the
 * sandbox mootup server; tokens in the in-memory SecretStore, the keychain is not the subject) append their audit lines, the state store refreshes as it does
 * in the app, and registerNotifications turns each change into what the tray would show.
 */
import { describe, expect, it } from 'vitest';
import { registerNotifications } from '../../electron/main/notifications';
import { AUDIT_KINDS, AUDIT_STATUSES } from '../../shared/audit';
import { createCoreApp } from '../helpers/invoke';
import { auditEntries, createWorld, entryOf } from '../helpers/world';
import { nextPush } from '../app/state-pushes';

const w = createWorld({ secrets: 'memory' });

/** The app's wiring without Electron: core context, state store, handler table, and the notifications it shows. */
async function app() {
  const { store, invoke } = createCoreApp(w.core());
  await store.refresh();
  const shown: Array<{ title: string; body: string }> = [];
  class RecordingNotification {
    static isSupported = () => true;
    constructor(private readonly options: { title?: string; body?: string }) {}
    on() {
      return this;
    }
    show() {
      shown.push({ title: this.options.title ?? '', body: this.options.body ?? '' });
    }
  }
  registerNotifications(store, RecordingNotification as never, { home: w.t.tokentrayHome, onClick: () => undefined });
  // An action answers first and refreshes after: wait for the state its refresh pushes (the notifications saw it first).
  const call: typeof invoke = async (channel, request) => {
    const pushed = nextPush(store);
    const answer = await invoke(channel, request);
    await pushed;
    return answer;
  };
  return { call, shown };
}

/** The audit lines core wrote, parsed. */
const auditLines = () => auditEntries(w.t) as Array<{ kind: string; status: string }>;

describe('notifications for agent actions, from the audit lines core writes', () => {
  it('a successful release (released, then already_released) is announced as done, never as failed', async () => {
    const helper = w.sb.agents.connectedHere;
    await w.workspace('proj', [entryOf(helper)]);
    const { call, shown } = await app();

    expect(await call('agents:release', { actor_id: helper.actor_id })).toMatchObject({ ok: true });
    expect(await call('agents:release', { actor_id: helper.actor_id })).toMatchObject({ ok: true });

    const written = auditLines().filter((l) => l.kind === 'agent.release');
    expect(written.map((l) => l.status)).toEqual(['released', 'already_released']);
    expect(shown.map((n) => n.title)).toEqual([`Release done: ${helper.actor_id}`, `Release done: ${helper.actor_id}`]);
    expect(shown.map((n) => n.title).join('\n')).not.toMatch(/failed/i);
  });

  it('asking to take over a connected agent shows no "Takeover failed" while the question is open, and its words name no flag', async () => {
    const builder = w.sb.agents.connectedElsewhere;
    await w.workspace('proj', [entryOf(builder)]);
    const { call, shown } = await app();

    const asked = await call('agents:takeover', { actor_id: builder.actor_id, force: false });
    expect(asked).toMatchObject({ ok: false, remedy: { kind: 'confirm', action: 'takeover' } });
    expect(auditLines().filter((l) => l.kind === 'agent.takeover').map((l) => l.status)).toEqual(['needs_confirmation']);
    // The state refreshed after the question (the dialog opens now): nothing to announce yet.
    expect(shown).toEqual([]);
    // The dialog shows this message to a window user: no command-line flag in it.
    expect(String(asked.message)).not.toMatch(/--force|run again/);

    expect(await call('agents:takeover', { actor_id: builder.actor_id, force: true })).toMatchObject({ ok: true });
    expect(shown.map((n) => n.title)).toEqual([`Takeover done: ${builder.actor_id}`]);
  });

  it('every line core wrote has a kind and a status of shared/audit.ts', async () => {
    const helper = w.sb.agents.connectedHere;
    const builder = w.sb.agents.connectedElsewhere;
    await w.workspace('proj', [entryOf(helper), entryOf(builder)]);
    const { call } = await app();
    await call('agents:release', { actor_id: helper.actor_id });
    await call('agents:takeover', { actor_id: builder.actor_id, force: false });
    await call('agents:takeover', { actor_id: builder.actor_id, force: true });
    await call('agents:release', { actor_id: 'agt_nobody' });
    for (const line of auditLines()) {
      expect(AUDIT_KINDS).toContain(line.kind);
      expect(AUDIT_STATUSES).toContain(line.status);
    }
  });
});
