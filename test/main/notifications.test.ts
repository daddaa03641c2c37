import { describe, expect, it } from 'vitest';
import { EMPTY_APP_STATE, type AuditEntryView } from '../../shared/app-state';
import { notificationsFor, registerNotifications } from '../../electron/main/notifications';
import { NOW, profile, state } from './state-fixtures';

const audit = (kind: string, status: string, extra: Partial<AuditEntryView> = {}): AuditEntryView => ({ time: '2026-06-01T11:59:00Z', kind, status, actor_id: 'a1', ...extra });

describe('notificationsFor', () => {
  it('says nothing when nothing changed', () => {
    const s = state({ profiles: [profile('gone', { status: 'revoked', revoked_at: '2026-05-30T00:00:00Z' })], audit: [audit('agent.takeover', 'ok')] });
    expect(notificationsFor(s, s, NOW)).toEqual([]);
  });

  it('announces a token that became revoked, once', () => {
    const before = state({ profiles: [profile('work')] });
    const after = state({ profiles: [profile('work', { status: 'revoked', revoked_at: '2026-06-01T11:00:00Z' })] });
    expect(notificationsFor(before, after, NOW)).toEqual([
      { title: 'Token revoked: work', body: 'revoked (refused since 2026-06-01). Replace or rotate it in tokentray; editors using it get errors until then.' },
    ]);
    expect(notificationsFor(after, after, NOW)).toEqual([]);
  });

  it('announces expiring and expired tokens, and a token gone from the keychain', () => {
    const before = state({ profiles: [profile('soon', { kind: 'mcp' }), profile('old', { kind: 'mcp' }), profile('lost')] });
    const after = state({
      profiles: [
        profile('soon', { kind: 'mcp', status: 'expiring', expires_at: '2026-06-10' }),
        profile('old', { kind: 'mcp', status: 'expired', expires_at: '2026-05-31' }),
        profile('lost', { status: 'missing_token', has_token: false }),
      ],
    });
    expect(notificationsFor(before, after, NOW).map((n) => n.title)).toEqual(['Token expiring: soon', 'Token expired: old', 'Token missing: lost']);
    expect(notificationsFor(before, after, NOW)[0]?.body).toBe('expires in 8 days. Create a new token and replace it in tokentray.');
  });

  it('on the first snapshot, reports problem tokens but not the audit history', () => {
    const first = state({ profiles: [profile('gone', { status: 'revoked', revoked_at: '2026-05-30T00:00:00Z' })], audit: [audit('agent.takeover', 'ok')] });
    expect(notificationsFor(EMPTY_APP_STATE, first, NOW).map((n) => n.title)).toEqual(['Token revoked: gone']);
  });

  it('announces takeovers and releases done or failed, from new audit entries only', () => {
    const before = state({ audit: [audit('agent.release', 'ok', { time: '2026-06-01T10:00:00Z' })] });
    const after = state({
      audit: [
        audit('agent.takeover', 'ok', { message: 'Agent a1 now runs here.' }),
        audit('agent.release', 'error', { actor_id: 'a2', time: '2026-06-01T11:59:30Z' }),
        audit('mcp.call', 'ok'),
        ...before.audit,
      ],
    });
    expect(notificationsFor(before, after, NOW)).toEqual([
      { title: 'Takeover done: a1', body: 'Agent a1 now runs here.' },
      { title: 'Release failed: a2', body: 'Release of a2 did not finish.' },
    ]);
  });

  it('announces plaintext tokens found in editor configs, naming hints and files, never more than once', () => {
    const f1 = { file: '/home/me/.cursor/mcp.json', json_path: 'mcpServers.moot.env.TOKEN', token_hint: 'mootup_pat_0123abcd…beef', kind: 'mootup_pat' };
    const after = state({ findings: [f1] });
    expect(notificationsFor(state(), after, NOW)).toEqual([
      { title: 'Plaintext token found in editor config', body: 'mootup_pat_0123abcd…beef in /home/me/.cursor/mcp.json. Open tokentray to move it into the keychain.' },
    ]);
    expect(notificationsFor(after, after, NOW)).toEqual([]);
  });
});

describe('registerNotifications', () => {
  it('shows each state change\'s notifications through the Notification class it is handed', () => {
    const shown: Array<{ title: string; body: string }> = [];
    class FakeNotification {
      static isSupported = () => true;
      constructor(private readonly options: { title?: string; body?: string }) {}
      show() {
        shown.push({ title: this.options.title ?? '', body: this.options.body ?? '' });
      }
    }
    const listeners: Array<(s: ReturnType<typeof state>) => void> = [];
    const store = { current: () => state({ profiles: [profile('work')] }), subscribe: (l: (s: ReturnType<typeof state>) => void) => (listeners.push(l), () => undefined) };
    registerNotifications(store, FakeNotification as never);
    const revoked = state({ profiles: [profile('work', { status: 'revoked', revoked_at: '2026-06-01T00:00:00Z' })] });
    listeners[0]?.(revoked);
    listeners[0]?.(revoked);
    expect(shown.map((n) => n.title)).toEqual(['Token revoked: work']);
  });
});
