import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../shared/profile';
import { expiringProfiles, expiryCheck, expiryNotice } from '../../../electron/core/profiles/expiry';
import { rotatedPatName } from '../../../electron/core/profiles/pat/rotate-result';
import { cliMessage } from '../../../electron/cli/remedy';
import { hasCliWords } from '../../../shared/window-words';

const now = new Date('2026-11-22T09:00:00Z');
const mcp = (name: string, expires_at: string | null | undefined, extra: Partial<Profile> = {}): Profile => ({
  name,
  kind: 'mcp',
  url: 'https://api.moly.so/mcp',
  created_at: '2026-01-01T00:00:00Z',
  ...(expires_at !== undefined && { expires_at }),
  ...extra,
});

describe('expiry rules (fixed clock)', () => {
  it('14 days is the line: 13 days ahead warns, 14 does not; the day itself is "today"; the day after is expired', () => {
    expect(expiryNotice(mcp('a', '2026-12-06'), now)).toMatchObject({ state: 'expiring', days: 13 });
    expect(expiryNotice(mcp('a', '2026-12-07'), now)).toBeNull();
    expect(expiryNotice(mcp('a', '2026-12-05'), now)).toMatchObject({ state: 'expiring', days: 12 });
    expect(expiryCheck(mcp('a', '2026-11-23'), now)).toMatchObject({ status: 'warn', message: expect.stringMatching(/^expires today/) });
    expect(expiryCheck(mcp('a', '2026-11-22'), now)).toMatchObject({ status: 'fail', message: expect.stringMatching(/^expired on 2026-11-22/) });
    expect(expiryCheck(mcp('a', '2026-11-25'), now)).toMatchObject({ status: 'warn', message: expect.stringMatching(/^expires in 2 days \(2026-11-25\)/) });
  });

  it('orders what needs attention soonest first and skips tokens without a date', () => {
    const list = [mcp('later', '2026-12-01'), mcp('never', null), mcp('gone', '2026-10-01'), mcp('fine', '2027-06-01')];
    expect(expiringProfiles(list, now).map((n) => `${n.name}:${n.state}`)).toEqual(['gone:expired', 'later:expiring']);
  });

  it('doctor: never → warn as a risk; revoked fails before expiry is looked at; mootup profiles say nothing unless revoked', () => {
    expect(expiryCheck(mcp('m', null), now)).toMatchObject({ id: 'token_expiry', status: 'warn', message: expect.stringContaining('risk: the service recommends an expiry') });
    expect(expiryCheck(mcp('m', '2027-06-01', { revoked_at: '2026-11-20T10:00:00Z' }), now)).toMatchObject({ id: 'token_revoked', status: 'fail', message: expect.stringContaining('2026-11-20') });
    const mootup: Profile = { name: 'w', kind: 'mootup', url: 'https://mootup.io', created_at: '2026-01-01T00:00:00Z' };
    expect(expiryCheck(mootup, now)).toBeNull();
    // What to do is the remedy (rotate), which the CLI words as its command; the sentence names none.
    const revoked = expiryCheck({ ...mootup, revoked_at: '2026-11-21T00:00:00Z' }, now)!;
    expect(revoked).toMatchObject({ status: 'fail', remedy: { kind: 'action', action: 'pat-rotate', subject: 'w' } });
    expect(hasCliWords(revoked.message)).toBe(false);
    expect(cliMessage(revoked.message, revoked.remedy)).toContain('rotate it with `tokentray pat rotate w`');
  });
});

describe('the name of a rotated PAT', () => {
  it('is the label (else the profile name) and the date, at most 64 characters', () => {
    expect(rotatedPatName({ name: 'work', label: 'My laptop' }, now)).toBe('My laptop 2026-11-22');
    expect(rotatedPatName({ name: 'work', label: '   ' }, now)).toBe('work 2026-11-22');
    expect(rotatedPatName({ name: 'work' }, now)).toBe('work 2026-11-22');
    const long = rotatedPatName({ name: 'work', label: `${'a'.repeat(52)} bcdefgh` }, now);
    expect(long).toBe(`${'a'.repeat(52)} 2026-11-22`);
    expect(long.length).toBeLessThanOrEqual(64);
  });
});
