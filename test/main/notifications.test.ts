/** Notifications as data: state A → state B → the events, with the shapes core writes (shared/audit.ts types). */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OAuthSignInState } from '../../shared/profile';
import type { AppState } from '../../shared/app-state';
import type { AuditKind, AuditRecord, AuditStatus } from '../../shared/audit';
import { expiryMilestone, notificationEvents, type NotificationEvent } from '../../electron/main/notification-events';
import { loadNotificationMemory, notificationMemoryPath } from '../../electron/main/notification-memory';
import { registerNotifications } from '../../electron/main/notifications';
import { agent, NOW, profile, state } from './state-fixtures';

/** An audit line of a kind and status core writes. */
const line = (kind: AuditKind, status: AuditStatus, time: string, extra: Partial<AuditRecord> = {}): AuditRecord => ({ time, kind, status, ...extra });
const at = (iso: string) => new Date(iso);
const titles = (events: NotificationEvent[]) => events.map((e) => e.title);

/** Runs a sequence of states through the diff as the app does, remembering what was shown. */
function run(states: Array<[string, AppState]>, shown = new Set<string>()): NotificationEvent[] {
  const out: NotificationEvent[] = [];
  let previous = state({ refreshed_at: '' });
  for (const [time, next] of states) {
    const snapshot = { ...next, refreshed_at: time };
    const events = notificationEvents(previous, snapshot, { now: at(time), shown });
    for (const e of events) [e.id, ...(e.covers ?? [])].forEach((id) => shown.add(id));
    out.push(...events);
    previous = snapshot;
  }
  return out;
}

describe('token expiry', () => {
  const moly = profile('moly', { kind: 'mcp', expires_at: '2026-06-20' });

  it('the milestones are 14, 3 and 1 days, then expired', () => {
    expect(expiryMilestone(moly, at('2026-06-01T12:00:00Z'))).toBeNull(); // 18 days
    expect(expiryMilestone(moly, at('2026-06-06T12:00:00Z'))).toBe(14);
    expect(expiryMilestone(moly, at('2026-06-17T12:00:00Z'))).toBe(3);
    expect(expiryMilestone(moly, at('2026-06-19T12:00:00Z'))).toBe(1);
    expect(expiryMilestone(moly, at('2026-06-20T12:00:00Z'))).toBe('expired');
    expect(expiryMilestone(profile('work'), NOW)).toBeNull();
  });

  it('announces each milestone once, day after day, and the click opens the profile', () => {
    const days = Array.from({ length: 25 }, (_, i) => new Date(Date.UTC(2026, 5, 1 + i, 12)).toISOString());
    const events = run(days.map((d) => [d, state({ profiles: [moly] })]));
    expect(titles(events)).toEqual(['Token expires in 14 days: moly', 'Token expires in 3 days: moly', 'Token expires tomorrow: moly', 'Token expired: moly']);
    expect(events.map((e) => e.target)).toEqual(Array(4).fill({ view: 'profiles', profile: 'moly' }));
    expect(events.map((e) => e.id)).toEqual(['expiry:moly:2026-06-20:14', 'expiry:moly:2026-06-20:3', 'expiry:moly:2026-06-20:1', 'expiry:moly:2026-06-20:expired']);
  });

  it('a token first seen 2 days before expiry gets the 3-day notice only, and never again after a restart', () => {
    const shown = new Set<string>();
    const events = run([['2026-06-17T09:00:00Z', state({ profiles: [moly] })]], shown);
    expect(events.map((e) => [e.id, e.title])).toEqual([['expiry:moly:2026-06-20:3', 'Token expires in 2 days: moly']]);
    expect(run([['2026-06-17T10:00:00Z', state({ profiles: [moly] })]], shown)).toEqual([]);
  });

  it('a replaced token with a new expiry starts its milestones afresh', () => {
    const shown = new Set<string>();
    run([['2026-06-18T09:00:00Z', state({ profiles: [moly] })]], shown);
    const renewed = profile('moly', { kind: 'mcp', expires_at: '2026-07-01' });
    expect(titles(run([['2026-06-18T10:00:00Z', state({ profiles: [renewed] })]], shown))).toEqual(['Token expires in 12 days: moly']);
  });
});

describe('revoked, missing, sign-in needed', () => {
  it('a token the service refused is announced once, also across a restart', () => {
    const before = state({ profiles: [profile('work')] });
    const after = state({ profiles: [profile('work', { status: 'revoked', revoked_at: '2026-06-01T11:00:00Z' })] });
    const shown = new Set<string>();
    const first = notificationEvents(before, after, { now: NOW, shown });
    expect(first).toEqual([
      {
        id: 'revoked:work:2026-06-01T11:00:00Z',
        target: { view: 'profiles', profile: 'work' },
        title: 'Token refused: work',
        body: 'The service refused this token: it was revoked. Editors using work get errors until you replace or rotate it in tokentray.',
      },
    ]);
    shown.add(first[0]!.id);
    expect(notificationEvents(after, after, { now: NOW, shown })).toEqual([]);
    // After a restart the baseline may be missing: the remembered id still holds it back.
    expect(notificationEvents(state({ refreshed_at: '' }), after, { now: NOW, shown })).toEqual([]);
  });

  it('a token gone from the keychain is announced when it goes', () => {
    const events = notificationEvents(state({ profiles: [profile('lost')] }), state({ profiles: [profile('lost', { status: 'missing_token', has_token: false })] }), { now: NOW });
    expect(titles(events)).toEqual(['Token missing: lost']);
  });

  it('reads the optional signin_needed of an OAuth profile state, as true or with a reason', () => {
    const oauth = (signin_needed?: unknown) => profile('moly', { kind: 'mcp', ...(signin_needed !== undefined && { signin_needed }) } as never);
    expect(notificationEvents(state({ profiles: [oauth()] }), state({ profiles: [oauth(true)] }), { now: NOW })).toEqual([
      expect.objectContaining({ title: 'Sign in again: moly', body: 'Editors using moly cannot reach the service until you sign in again in tokentray.', target: { view: 'profiles', profile: 'moly' } }),
    ]);
    const withReason = notificationEvents(state({ profiles: [oauth(false)] }), state({ profiles: [oauth({ reason: 'The refresh token was refused.' })] }), { now: NOW });
    expect(withReason[0]?.body).toBe('The refresh token was refused. Editors using moly cannot reach the service until you sign in again in tokentray.');
    expect(notificationEvents(state({ profiles: [oauth(true)] }), state({ profiles: [oauth(true)] }), { now: NOW })).toEqual([]);
  });

  it('a sign-in a proxy is waiting for (oauth.sign_in, as core/oauth writes it) is announced once, with its reason', () => {
    const waiting: OAuthSignInState = { since: '2026-06-01T11:59:00Z', until: '2026-06-01T12:04:00Z', pid: 4242, reason: 'refresh_failed', url: 'https://auth.example/authorize?x=1' };
    const moly = (sign_in?: OAuthSignInState) => profile('moly', { kind: 'mcp', auth: 'oauth', oauth: { issuer: 'https://auth.example', ...(sign_in && { sign_in }) } });
    const events = notificationEvents(state({ profiles: [moly()] }), state({ profiles: [moly(waiting)] }), { now: NOW });
    expect(events).toEqual([expect.objectContaining({ title: 'Sign in again: moly', target: { view: 'profiles', profile: 'moly' } })]);
    expect(events[0]?.body).toMatch(/^Its sign-in expired and could not be renewed\. /);
    expect(notificationEvents(state({ profiles: [moly(waiting)] }), state({ profiles: [moly(waiting)] }), { now: NOW })).toEqual([]);
  });
});

describe('agents', () => {
  it('an agent that was here and is now elsewhere: says which folder, opens the agent', () => {
    const dir = '/home/me/code/shop';
    const events = notificationEvents(state({ agents: [agent('agt_1', 'here', dir)] }), state({ agents: [agent('agt_1', 'elsewhere', dir)] }), { now: NOW });
    expect(events).toEqual([
      {
        id: `elsewhere:agt_1:${dir}:${NOW.toISOString()}`,
        target: { view: 'agents', actor_id: 'agt_1', workspace: dir },
        title: 'Agent taken over elsewhere: Agent agt_1',
        body: `Another installation took Agent agt_1 over. Its key in the folder shop (${dir}) no longer works. Take it back in tokentray if it should run here.`,
      },
    ]);
  });

  it('says nothing for agents that were never here, or that were released', () => {
    const dir = '/w';
    const quiet = [
      [agent('a', 'unknown', dir), agent('a', 'elsewhere', dir)],
      [agent('a', 'here', dir), agent('a', 'available', dir)],
      [agent('a', 'elsewhere', dir), agent('a', 'elsewhere', dir)],
    ];
    for (const [from, to] of quiet) expect(notificationEvents(state({ agents: [from!] }), state({ agents: [to!] }), { now: NOW })).toEqual([]);
  });

  it('release and takeover results, from new audit lines only: released and already_released are done, a question is nothing', () => {
    const before = state({ audit: [line('agent.release', 'released', '2026-06-01T10:00:00Z', { actor_id: 'a0' })] });
    const after = state({
      audit: [
        line('agent.release', 'released', '2026-06-01T11:59:10Z', { actor_id: 'a1', message: 'Released a1.' }),
        line('agent.release', 'already_released', '2026-06-01T11:59:20Z', { actor_id: 'a2' }),
        line('agent.takeover', 'needs_confirmation', '2026-06-01T11:59:30Z', { actor_id: 'a3' }),
        line('agent.takeover', 'error', '2026-06-01T11:59:40Z', { actor_id: 'a4' }),
        line('agent.takeover', 'ok', '2026-06-01T11:59:50Z', { actor_id: 'a5' }),
        line('mcp.call', 'ok', '2026-06-01T11:59:55Z', { profile: 'work' }),
        ...before.audit,
      ],
    });
    expect(titles(notificationEvents(before, after, { now: NOW }))).toEqual(['Release done: a1', 'Release done: a2', 'Takeover failed: a4', 'Takeover done: a5']);
    // On the first snapshot the audit log is history.
    expect(notificationEvents(state({ refreshed_at: '' }), after, { now: NOW })).toEqual([]);
    // Against a remembered baseline, lines written since it are news.
    expect(titles(notificationEvents(state(), after, { now: NOW, auditSince: '2026-06-01T11:59:45Z' }))).toEqual(['Takeover done: a5']);
  });
});

describe('a proxy that keeps failing', () => {
  const call = (status: AuditStatus, time: string, message?: string) => line('mcp.call', status, time, { profile: 'moly', method: 'tools/call', ...(message && { message }) });

  it(`announces ${3} failed calls in a row with one cause, names the cause, opens Activity on the profile`, () => {
    const audit = [call('error', '2026-06-01T11:59:00Z', 'network'), call('error', '2026-06-01T11:58:00Z', 'network'), call('error', '2026-06-01T11:57:00Z', 'network'), call('ok', '2026-06-01T11:50:00Z')];
    expect(notificationEvents(state(), state({ audit }), { now: NOW })).toEqual([
      {
        id: 'proxy:moly:network:2026-06-01T11:57:00Z',
        target: { view: 'activity', profile: 'moly' },
        title: 'Editor calls keep failing: moly',
        body: 'The last 3 calls through moly failed: the MCP server could not be reached.',
      },
    ]);
  });

  it('stays quiet for two failures, a streak broken by a success or another cause, and a streak that is old', () => {
    const quiet = [
      [call('error', '2026-06-01T11:59:00Z', 'network'), call('error', '2026-06-01T11:58:00Z', 'network'), call('ok', '2026-06-01T11:57:00Z')],
      [call('ok', '2026-06-01T11:59:30Z'), call('error', '2026-06-01T11:59:00Z', 'network'), call('error', '2026-06-01T11:58:00Z', 'network'), call('error', '2026-06-01T11:57:00Z', 'network')],
      [call('error', '2026-06-01T11:59:00Z', 'revoked'), call('error', '2026-06-01T11:58:00Z', 'network'), call('error', '2026-06-01T11:57:00Z', 'network')],
      [call('error', '2026-05-30T11:59:00Z', 'network'), call('error', '2026-05-30T11:58:00Z', 'network'), call('error', '2026-05-30T11:57:00Z', 'network')],
    ];
    for (const audit of quiet) expect(notificationEvents(state(), state({ audit }), { now: NOW })).toEqual([]);
  });

  it('a growing streak is one event: shown once', () => {
    const three = [call('error', '2026-06-01T11:57:00Z', 'timeout'), call('error', '2026-06-01T11:56:00Z', 'timeout'), call('error', '2026-06-01T11:55:00Z', 'timeout')];
    const events = run([
      ['2026-06-01T11:58:00Z', state({ audit: three })],
      ['2026-06-01T11:59:00Z', state({ audit: [call('error', '2026-06-01T11:58:30Z', 'timeout'), ...three] })],
    ]);
    expect(titles(events)).toEqual(['Editor calls keep failing: moly']);
  });
});

describe('plaintext tokens found', () => {
  it('are announced once per token and place, across restarts, grouped in one notification', () => {
    const f1 = { file: '/home/me/.cursor/mcp.json', json_path: 'mcpServers.moot.env.TOKEN', token_hint: 'mootup_pat_0123abcd…beef', kind: 'mootup_pat' };
    const f2 = { ...f1, json_path: 'mcpServers.other.env.TOKEN', token_hint: 'mp_abcd…wxyz' };
    const shown = new Set<string>();
    const first = run([[NOW.toISOString(), state({ findings: [f1] })]], shown);
    expect(first).toEqual([
      expect.objectContaining({ title: 'Plaintext token found in editor config', body: 'mootup_pat_0123abcd…beef in /home/me/.cursor/mcp.json. Open tokentray to move it into the keychain.', target: { view: 'editors' } }),
    ]);
    // Restart: the baseline holds no findings, the remembered ids do; only the new token is news.
    expect(titles(run([[NOW.toISOString(), state({ findings: [f1, f2] })]], shown))).toEqual(['Plaintext token found in editor config']);
    expect(run([[NOW.toISOString(), state({ findings: [f1, f2] })]], shown)).toEqual([]);
  });
});

describe('registerNotifications', () => {
  /** A Notification class that records what was shown and lets the test click it. */
  function recorder() {
    const shown: Array<{ title: string; click(): void }> = [];
    class RecordingNotification {
      static isSupported = () => true;
      private handlers: Record<string, () => void> = {};
      constructor(private readonly options: { title?: string }) {}
      on(event: string, handler: () => void) {
        this.handlers[event] = handler;
        return this;
      }
      show() {
        shown.push({ title: this.options.title ?? '', click: () => this.handlers.click?.() });
      }
    }
    return { shown, Ctor: RecordingNotification as never };
  }
  function storeOf(initial: AppState) {
    const listeners: Array<(s: AppState) => void> = [];
    return { current: () => initial, subscribe: (l: (s: AppState) => void) => (listeners.push(l), () => undefined), push: (s: AppState) => listeners.forEach((l) => l(s)) };
  }

  it('shows each event once, opens the window on its subject when clicked, and remembers across a restart (no token hint on disk)', () => {
    const home = mkdtempSync(join(tmpdir(), 'tokentray-notify-'));
    const finding = { file: '/h/.cursor/mcp.json', json_path: 'mcpServers.x.env.T', token_hint: 'mp_abcd…wxyz', kind: 'moly_pat' };
    const revoked = state({ profiles: [profile('work', { status: 'revoked', revoked_at: '2026-06-01T00:00:00Z', token_hint: 'mootup_pat_0123abcd…beef' })], findings: [finding] });
    const clicked: unknown[] = [];

    const first = recorder();
    const store = storeOf(state({ refreshed_at: '' }));
    registerNotifications(store, first.Ctor, { home, onClick: (t) => clicked.push(t), now: () => NOW });
    store.push(revoked);
    store.push(revoked);
    expect(first.shown.map((n) => n.title)).toEqual(['Token refused: work', 'Plaintext token found in editor config']);
    first.shown[0]!.click();
    first.shown[1]!.click();
    expect(clicked).toEqual([{ view: 'profiles', profile: 'work' }, { view: 'editors' }]);

    const file = notificationMemoryPath(home);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('mp_abcd');
    expect(text).not.toContain('mootup_pat_');
    expect(loadNotificationMemory(home).baseline?.profiles).toEqual([expect.objectContaining({ name: 'work', status: 'revoked' })]);

    // A restart on the same state: nothing is shown twice.
    const second = recorder();
    const again = storeOf(state({ refreshed_at: '' }));
    registerNotifications(again, second.Ctor, { home, onClick: () => undefined, now: () => NOW });
    again.push({ ...revoked, refreshed_at: '2026-06-01T12:05:00Z' });
    expect(second.shown).toEqual([]);
  });

  it('a sign-in still waiting after a restart is not announced again (the baseline remembers it, without its URL)', () => {
    const home = mkdtempSync(join(tmpdir(), 'tokentray-notify-'));
    const sign_in: OAuthSignInState = { since: '2026-06-01T11:59:00Z', until: '2026-06-01T12:04:00Z', pid: 4242, reason: 'no_token', url: 'https://auth.example/authorize?state=abc' };
    const waiting = state({ profiles: [profile('moly', { kind: 'mcp', auth: 'oauth', has_token: false, oauth: { issuer: 'https://auth.example', sign_in } })] });

    const first = recorder();
    const store = storeOf(state({ refreshed_at: '' }));
    registerNotifications(store, first.Ctor, { home, onClick: () => undefined, now: () => NOW });
    store.push(state({ profiles: [profile('moly', { kind: 'mcp', auth: 'oauth', has_token: false, oauth: { issuer: 'https://auth.example' } })] }));
    store.push(waiting);
    expect(first.shown.map((n) => n.title)).toEqual(['Sign in again: moly']);
    expect(readFileSync(notificationMemoryPath(home), 'utf8')).not.toContain('authorize?state');

    const second = recorder();
    const again = storeOf(state({ refreshed_at: '' }));
    registerNotifications(again, second.Ctor, { home, onClick: () => undefined, now: () => NOW });
    again.push({ ...waiting, refreshed_at: '2026-06-01T12:05:00Z' });
    expect(second.shown).toEqual([]);
  });

  it('an agent here when the app quit and elsewhere when it starts again is announced (the baseline is remembered)', () => {
    const home = mkdtempSync(join(tmpdir(), 'tokentray-notify-'));
    const a = recorder();
    const s1 = storeOf(state({ refreshed_at: '' }));
    registerNotifications(s1, a.Ctor, { home, onClick: () => undefined, now: () => NOW });
    s1.push(state({ agents: [agent('agt_1', 'here', '/w/shop')] }));
    expect(a.shown).toEqual([]);

    const b = recorder();
    const s2 = storeOf(state({ refreshed_at: '' }));
    registerNotifications(s2, b.Ctor, { home, onClick: () => undefined, now: () => NOW });
    s2.push(state({ agents: [agent('agt_1', 'elsewhere', '/w/shop')], refreshed_at: '2026-06-02T08:00:00Z' }));
    expect(b.shown.map((n) => n.title)).toEqual(['Agent taken over elsewhere: Agent agt_1']);
  });
});
