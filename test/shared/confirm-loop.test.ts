/** The one confirm loop, as a pure function: asks only for a `confirm` remedy, once, and forces only on yes. */
import { describe, expect, it } from 'vitest';
import { runWithConfirm } from '../../shared/confirm-loop';
import type { ActionResult } from '../../shared/ipc';
import { isRemedy } from '../../shared/remedy';

type Req = { actor_id: string; force?: boolean };
const connected = (req: Req): ActionResult =>
  req.force ? { ok: true, message: 'taken over' } : { ok: false, code: 'needs_confirmation', message: 'connected elsewhere', remedy: { kind: 'confirm', action: 'takeover' } };

function recorder(answer: (req: Req) => ActionResult, yes: boolean) {
  const calls: Req[] = [];
  const asked: string[] = [];
  const invoke = async (req: Req) => (calls.push(req), answer(req));
  const confirm = async (q: { action: string; answer: ActionResult }) => (asked.push(`${q.action}: ${q.answer.message}`), yes);
  return { calls, asked, invoke, confirm };
}

describe('runWithConfirm', () => {
  it('a confirm remedy: asks once, then calls again with force', async () => {
    const r = recorder(connected, true);
    const out = await runWithConfirm(r.invoke, { actor_id: 'a1', force: false }, r.confirm);
    expect(r.asked).toEqual(['takeover: connected elsewhere']);
    expect(r.calls).toEqual([{ actor_id: 'a1', force: false }, { actor_id: 'a1', force: true }]);
    expect(out).toEqual({ answer: { ok: true, message: 'taken over' }, declined: false });
  });

  it('declined: no forced call, the question stands as the answer', async () => {
    const r = recorder(connected, false);
    const out = await runWithConfirm(r.invoke, { actor_id: 'a1' }, r.confirm);
    expect(r.calls).toHaveLength(1);
    expect(out.declined).toBe(true);
    expect(out.answer.remedy).toEqual({ kind: 'confirm', action: 'takeover' });
  });

  it('no question for another remedy, a success, or a request already forced', async () => {
    const other = recorder(() => ({ ok: false, code: 'unauthorized', message: 'refused', remedy: { kind: 'replace-token', profile: 'work' } }), true);
    await runWithConfirm(other.invoke, { actor_id: 'a1' }, other.confirm);
    const forced = recorder(connected, true);
    await runWithConfirm(forced.invoke, { actor_id: 'a1', force: true }, forced.confirm);
    expect([...other.asked, ...forced.asked]).toEqual([]);
    expect(other.calls).toHaveLength(1);
    expect(forced.calls).toHaveLength(1);
  });

  it('isRemedy knows the closed union, and nothing else', () => {
    for (const r of [{ kind: 'confirm', action: 'takeover' }, { kind: 'confirm', action: 'pat-revoke' }, { kind: 'replace-token', profile: 'w' }, { kind: 'sign-in', profile: 'w' }, { kind: 'unlock-keychain' }]) expect(isRemedy(r)).toBe(true);
    for (const r of [null, 'confirm', { kind: 'confirm', action: 'delete' }, { kind: 'replace-token' }, { kind: 'run', command: ['x'] }]) expect(isRemedy(r)).toBe(false);
  });
});
