import { describe, expect, it } from 'vitest';
import { quotedName, secretInTextReason } from '../../shared/profile';
import { checkTokenForProfile, forbiddenCharacterIn, secretLikeIn } from '../../shared/token-formats';
import { insecureUrlReason, secretInUrlReason } from '../../shared/url-policy';

const pat = `mootup_pat_${'ab12'.repeat(15)}`;

describe('text that looks like a secret', () => {
  it('finds token shapes, bearer values and long random runs, and leaves names and labels people write alone', () => {
    expect(secretLikeIn(`x ${pat}`)).toBe('a mootup personal access token');
    expect(secretLikeIn('Bearer abcdefgh1')).toBe('a bearer credential');
    expect(secretLikeIn('0123456789abcdef0123456789abcdef01234567')).toBe('a long random string');
    for (const ok of ['mootup-work', 'Laptop 2024', 'migrated from Cursor (moly)', 'eu-west-2', 'averyveryverylongnamewithoutdigits']) expect(secretLikeIn(ok), ok).toBeNull();
    expect(quotedName('mootup-work')).toBe('"mootup-work"');
    expect(quotedName(pat)).not.toContain(pat);
    expect(secretInTextReason('--label', `key ${pat}`)).toMatch(/^--label looks like a token/);
    expect(secretInTextReason('--label', 'Laptop')).toBeNull();
  });

  it('names the first control or invisible character and where it is', () => {
    expect(forbiddenCharacterIn('abc\0def')).toBe('a control character (U+0000 at position 4)');
    expect(forbiddenCharacterIn('abc\u007f')).toBe('a control character (U+007F at position 4)');
    expect(forbiddenCharacterIn('a\u200bb')).toBe('an invisible character (U+200B at position 2)');
    expect(forbiddenCharacterIn(pat)).toBeNull();
    expect(checkTokenForProfile('mcp', 'whatever\0-token-1234')).toMatchObject({ ok: false, message: expect.stringContaining('control character (U+0000 at position 9)') });
  });

  it('refuses URLs whose query or fragment carries a credential, naming the parameter only', () => {
    expect(secretInUrlReason('https://mcp.example/mcp?access_token=abc')).toMatch(/query parameter "access_token" holds a credential/);
    expect(secretInUrlReason('https://mcp.example/mcp?X-Api-Key=abc')).toMatch(/"X-Api-Key"/);
    expect(secretInUrlReason(`https://mcp.example/mcp?x=${'a1'.repeat(16)}`)).toMatch(/parameter "x" holds a long random string/);
    expect(secretInUrlReason('https://mcp.example/mcp#id_token=abc')).toMatch(/fragment parameter "id_token"/);
    expect(secretInUrlReason(`https://mcp.example/${pat}/mcp`)).toMatch(/holds what looks like a token/);
    expect(secretInUrlReason('https://mcp.example/mcp?region=eu&v=2&token=')).toBeNull();
    expect(secretInUrlReason('https://mcp.example/tenants/550e8400-e29b-41d4-a716-446655440000/mcp')).toBeNull();
    expect(insecureUrlReason(pat)).not.toContain(pat);
    expect(insecureUrlReason('nonsense')).toMatch(/^"nonsense" is not a valid URL/);
  });
});
