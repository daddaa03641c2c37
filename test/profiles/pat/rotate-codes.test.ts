import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../electron/core/errors';
import { rotatePat } from '../../../electron/core/profiles/pat/pat-rotate';
import type { RotateResult } from '../../../electron/core/profiles/pat/rotate-result';
import { secretToolLookup } from '../../helpers/keychain';
import { createWorld, keychainRefusingNewTokens } from '../../helpers/world';

const w = createWorld();

/** Every ErrorCode, once: tsc fails this file when errors.ts gains or loses one. */
const ERROR_CODES: Record<ErrorCode, true> = {
  usage: true,
  invalid_input: true,
  not_found: true,
  already_exists: true,
  keychain_unavailable: true,
  keychain_locked: true,
  metadata_corrupt: true,
  io: true,
  needs_confirmation: true,
  unauthorized: true,
  forbidden: true,
  conflict: true,
  server: true,
  network: true,
  timeout: true,
  insecure_url: true,
  bad_response: true,
  partial: true,
};

const rotateJson = async (): Promise<RotateResult> => {
  const res = await w.cli(['pat', 'rotate', 'work', '--json']);
  expect(res.code).toBe(1);
  return JSON.parse(res.stdout) as RotateResult;
};

describe('pat rotate: every result that is not ok carries an ErrorCode callers can act on', () => {
  it('one per way to fail: the failing step\'s own code, or partial when something is left to do', async () => {
    const { sb, t } = w;
    const seen: Array<[RotateResult, ErrorCode]> = [];
    const expectCode = (result: RotateResult, code: ErrorCode) => seen.push([result, code]);

    sb.inject.failNext({ method: 'POST', path: '/api/personal-access-tokens', status: 500 });
    expectCode(await rotateJson(), 'server');
    sb.inject.dropNext({ method: 'POST', path: '/api/personal-access-tokens' });
    expectCode(await rotateJson(), 'network');
    expectCode(await rotatePat(w.core(keychainRefusingNewTokens(t.service, sb.humanPat)), 'work', { retryDelay: () => 0 }), 'keychain_locked');
    sb.inject.failNext({ method: 'GET', path: '/api/actors/me', status: 401 });
    expectCode(await rotateJson(), 'unauthorized');
    sb.inject.failNext({ method: 'GET', path: '/api/actors/me', status: 401 }).failNext({ method: 'DELETE', path: /^\/api\/personal-access-tokens\//, status: 503, times: 4 });
    expectCode(await rotateJson(), 'partial');
    sb.inject.failNext({ method: 'DELETE', path: `/api/personal-access-tokens/${sb.humanPatId}`, status: 503, times: 4 });
    expectCode(await rotateJson(), 'partial');
    sb.state.revokeToken(secretToolLookup(t.service, 'work')!);
    expectCode(await rotateJson(), 'unauthorized');

    expect(seen.map(([r]) => r.state)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'stray_new_pat', 'old_still_active', 'unchanged']);
    for (const [result, code] of seen) {
      expect(result.ok).toBe(false);
      expect(ERROR_CODES[result.code as ErrorCode], `${result.state}: ${String(result.code)}`).toBe(true);
      expect(result.code).toBe(code);
    }
  });
});
