import { describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../shared/app-state';
import { daysUntil, profileStatus, type Profile, type ProfileView } from '../../shared/profile';
import { distinctValues, entryDetail, filterAudit, kindWords, NO_AUDIT_FILTER } from '../../renderer/src/lib/audit';
import { agentBadge, auditStatusBadge, profileBadge } from '../../renderer/src/lib/badges';
import { EXPIRY_CHOICES, expiryDate } from '../../renderer/src/lib/expiry';
import { formatWhen } from '../../renderer/src/lib/format';
import { resultSentence, stepWords } from '../../renderer/src/lib/messages';

const NOW = new Date('2026-11-22T09:30:00Z');

function view(overrides: Partial<Profile>, hasToken = true): ProfileView {
  const profile: Profile = { name: 'p', kind: 'mcp', url: 'https://api.moly.so/mcp', created_at: '2026-01-01T00:00:00Z', ...overrides };
  return { ...profile, status: profileStatus(profile, hasToken, NOW), has_token: hasToken };
}

describe('expiry choices', () => {
  it('turn into the UTC calendar date that many days or a year ahead, or null for never', () => {
    expect(expiryDate('7d', NOW)).toBe('2026-11-29');
    expect(expiryDate('30d', NOW)).toBe('2026-12-22');
    expect(expiryDate('90d', NOW)).toBe('2027-02-20');
    expect(expiryDate('1y', NOW)).toBe('2027-11-22');
    expect(expiryDate('never', NOW)).toBeNull();
    expect(EXPIRY_CHOICES.map((c) => c.value)).toEqual(['7d', '30d', '90d', '1y', 'never']);
  });

  it('roll over month ends and 29 February', () => {
    expect(expiryDate('7d', new Date('2026-12-28T23:59:00Z'))).toBe('2027-01-04');
    expect(expiryDate('1y', new Date('2028-02-29T10:00:00Z'))).toBe('2029-03-01');
  });

  it('give a date the core parses and warns about at the right time', () => {
    const in7 = expiryDate('7d', NOW)!;
    expect(daysUntil(in7, NOW)).toBe(6);
    expect(view({ expires_at: in7 }).status).toBe('expiring');
    expect(view({ expires_at: expiryDate('90d', NOW), last_check: { at: NOW.toISOString(), result: 'ok' } }).status).toBe('ok');
  });
});

describe('status badges', () => {
  it('word every profile status as the window shows it', () => {
    const checked = { last_check: { at: NOW.toISOString(), result: 'ok' as const } };
    expect(profileBadge(view(checked), NOW)).toEqual({ label: 'ok', tone: 'ok' });
    expect(profileBadge(view({ ...checked, expires_at: '2026-11-25' }), NOW)).toEqual({ label: 'expiring in 2 days', tone: 'warn' });
    expect(profileBadge(view({ ...checked, expires_at: '2026-11-24' }), NOW).label).toBe('expiring in 1 day');
    expect(profileBadge(view({ ...checked, expires_at: '2026-11-23' }), NOW).label).toBe('expires today');
    expect(profileBadge(view({ expires_at: '2026-11-01' }), NOW)).toEqual({ label: 'expired', tone: 'bad' });
    expect(profileBadge(view({ revoked_at: '2026-11-20T00:00:00Z' }), NOW)).toEqual({ label: 'revoked', tone: 'bad' });
    expect(profileBadge(view({}, false), NOW)).toEqual({ label: 'keychain missing', tone: 'bad' });
    expect(profileBadge(view({}), NOW)).toEqual({ label: 'not checked', tone: 'muted' });
  });

  it('word every agent status', () => {
    expect(['here', 'elsewhere', 'available', 'not_here', 'unknown'].map((s) => agentBadge(s as never).label)).toEqual(['here', 'elsewhere', 'available', 'not here', 'unknown']);
  });
});

describe('activity helpers', () => {
  const entries: AuditEntryView[] = [
    { time: '2026-11-22T09:00:00Z', kind: 'profile.add', profile: 'work', status: 'ok' },
    { time: '2026-11-22T09:05:00Z', kind: 'agent.takeover', profile: 'work', actor_id: 'agt_1', status: 'ok' },
    { time: '2026-11-22T09:02:00Z', kind: 'mcp.call', profile: 'moly', method: 'tools/call', tool: 'search', duration_ms: 12, status: 'error', message: 'upstream down' },
  ];

  it('filter by profile and kind, newest first', () => {
    expect(filterAudit(entries, NO_AUDIT_FILTER).map((e) => e.time)).toEqual(['2026-11-22T09:05:00Z', '2026-11-22T09:02:00Z', '2026-11-22T09:00:00Z']);
    expect(filterAudit(entries, { ...NO_AUDIT_FILTER, profile: 'work', kind: '' }).map((e) => e.kind)).toEqual(['agent.takeover', 'profile.add']);
    expect(filterAudit(entries, { ...NO_AUDIT_FILTER, profile: 'work', kind: 'profile.add' })).toHaveLength(1);
    expect(filterAudit(entries, { ...NO_AUDIT_FILTER, profile: 'moly', kind: 'profile.add' })).toEqual([]);
  });

  it('list filter options and word kinds and details', () => {
    expect(distinctValues(entries, 'profile', ['zeta'])).toEqual(['moly', 'work', 'zeta']);
    expect(kindWords('agent.takeover')).toBe('Agent taken over');
    expect(kindWords('something_new.happened')).toBe('Something new happened');
    expect(entryDetail(entries[2]!)).toBe('tools/call search · 12 ms · upstream down');
  });
});

describe('answers in words', () => {
  it('capitalises main\'s message and words the codes a person cannot act on', () => {
    expect(resultSentence({ ok: false, code: 'unauthorized', message: 'mootup refused the token' })).toBe('Mootup refused the token');
    expect(resultSentence({ ok: false, code: 'unavailable', message: 'x' })).toMatch(/not available in this version/);
    expect(resultSentence({ ok: true, message: '' })).toBe('Done.');
    expect(stepWords('revoke_old')).toBe('Revoke the old token');
    expect(stepWords('write_key')).toBe('Write key');
    expect(stepWords('Create a new token on mootup')).toBe('Create a new token on mootup');
  });
});

describe('activity result badges', () => {
  it('colour failures red, questions amber and everything done green', () => {
    expect(auditStatusBadge('ok')).toEqual({ label: 'ok', tone: 'ok' });
    expect(auditStatusBadge('released')).toEqual({ label: 'released', tone: 'ok' });
    expect(auditStatusBadge('error').tone).toBe('bad');
    expect(auditStatusBadge('needs_confirmation')).toEqual({ label: 'needs confirmation', tone: 'warn' });
  });
});

describe('activity times', () => {
  it('show only the time for today and the date before that', () => {
    const now = new Date(2026, 10, 22, 15, 0, 0);
    expect(formatWhen(new Date(2026, 10, 22, 9, 58, 57).toISOString(), now)).not.toMatch(/2026/);
    expect(formatWhen(new Date(2026, 10, 22, 9, 58, 57).toISOString(), now)).toMatch(/58:57/);
    expect(formatWhen(new Date(2026, 10, 21, 9, 58, 57).toISOString(), now)).toMatch(/2026/);
    expect(formatWhen('not a date', now)).toBe('not a date');
  });
});
