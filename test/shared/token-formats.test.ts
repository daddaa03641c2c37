import { describe, expect, it } from 'vitest';
import { checkTokenForProfile, classifyToken, mootupTokenPrefix, tokenHint } from '../../shared/token-formats';
import { isProfileName, parseExpiry, profileStatus, slugify } from '../../shared/profile';
import { insecureUrlReason, isLoopbackHost } from '../../shared/url-policy';

const pat = `mootup_pat_${'ab12'.repeat(15)}`;

describe('token formats', () => {
  it('classifies each documented shape', () => {
    expect(classifyToken(pat)).toBe('mootup_pat');
    expect(classifyToken(`mootup_pat_${'AB12'.repeat(15)}`)).toBe('unknown'); // uppercase hex is not the format
    expect(classifyToken(`mootup_pat_${'a'.repeat(59)}`)).toBe('unknown');
    expect(classifyToken(`mp_${Buffer.alloc(32, 7).toString('base64url')}`)).toBe('moly_pat');
    expect(classifyToken(`mp_${'0f'.repeat(32)}`)).toBe('moly_pat');
    expect(classifyToken(`mp_${'a'.repeat(20)}`)).toBe('unknown'); // fewer than 32 bytes
    expect(classifyToken('convo_abcdefghijklmnop1234')).toBe('agent_key');
  });

  it('derives token_prefix and a hint that hides the secret part', () => {
    expect(mootupTokenPrefix(pat)).toBe('ab12ab12');
    expect(tokenHint(pat)).toBe('mootup_pat_ab12ab12…ab12');
    const moly = `mp_${'Z'.repeat(40)}wxyz`;
    expect(tokenHint(moly)).toBe('mp_ZZZZ…wxyz');
    expect(tokenHint('short')).toBe('…');
  });

  it('refuses wrong shapes for mootup and only warns for mcp', () => {
    expect(checkTokenForProfile('mootup', pat)).toEqual({ ok: true, kind: 'mootup_pat' });
    expect(checkTokenForProfile('mootup', 'convo_abcdefghijklmnop1234')).toMatchObject({ ok: false, message: expect.stringContaining('agent API key') });
    expect(checkTokenForProfile('mcp', 'whatever-token-1234')).toMatchObject({ ok: true, message: expect.stringContaining('not recognised') });
    expect(checkTokenForProfile('mcp', 'two words')).toMatchObject({ ok: false });
  });
});

describe('profiles and URLs', () => {
  it('accepts slugs only', () => {
    expect(isProfileName('mootup-work')).toBe(true);
    for (const bad of ['', 'Work', 'a--b', '-a', 'a-', 'a_b', 'x'.repeat(65)]) expect(isProfileName(bad)).toBe(false);
    expect(slugify('My Moly Server!')).toBe('my-moly-server');
  });

  it('parses expiry and computes status', () => {
    expect(parseExpiry('never')).toBeNull();
    expect(parseExpiry('2026-02-30')).toBeUndefined();
    const now = new Date('2026-11-22T12:00:00Z');
    const base = { name: 'p', kind: 'mcp' as const, url: 'https://x', created_at: '', last_check: { at: '', result: 'ok' as const } };
    expect(profileStatus({ ...base, expires_at: '2026-11-21' }, true, now)).toBe('expired');
    expect(profileStatus({ ...base, expires_at: '2026-12-01' }, true, now)).toBe('expiring');
    expect(profileStatus({ ...base, expires_at: '2027-06-01' }, true, now)).toBe('ok');
    expect(profileStatus({ ...base, revoked_at: '2026-11-01' }, true, now)).toBe('revoked');
    expect(profileStatus(base, false, now)).toBe('missing_token');
  });

  it('allows http only to loopback', () => {
    for (const host of ['127.0.0.1', '127.5.6.7', '[::1]', 'localhost']) expect(isLoopbackHost(host)).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(insecureUrlReason('https://mootup.io')).toBeNull();
    expect(insecureUrlReason('http://127.0.0.1:8080')).toBeNull();
    expect(insecureUrlReason('http://[::1]:8080/mcp')).toBeNull();
    expect(insecureUrlReason('http://mootup.io')).toMatch(/plain HTTP/);
    expect(insecureUrlReason('https://user:pw@mootup.io')).toMatch(/credentials/);
    expect(insecureUrlReason('nonsense')).toMatch(/not a valid URL/);
  });
});
