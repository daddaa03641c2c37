import { describe, expect, it } from 'vitest';
import { rotatePat } from '../../../electron/core/profiles/pat/pat-rotate';
import { cliMessage } from '../../../electron/cli/remedy';
import { hasCliWords } from '../../../shared/window-words';
import { secretToolLookup } from '../../helpers/keychain';
import { createWorld, keychainRefusingNewTokens, meStatus } from '../../helpers/world';

const w = createWorld();

describe('pat rotate when the keychain refuses the new token', () => {
  it('keeps the old token stored and revokes the new PAT again', async () => {
    const { sb, t } = w;
    const patsBefore = sb.state.pats.size;
    const result = await rotatePat(w.core(keychainRefusingNewTokens(t.service, sb.humanPat)), 'work', { retryDelay: () => 0 });
    expect(result).toMatchObject({ ok: false, state: 'unchanged', code: 'keychain_locked', next: 'tokentray pat rotate work' });
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['create:ok', 'store:failed', 'revoke_new:ok']);
    expect(result.message).toMatch(/^could not store the new token in the keychain: .*keyring is locked.*The new PAT pat_\S+ was revoked again, so nothing changed: work still holds its current token/);
    // Real keychain, read from outside our code: still the old token, and it still works.
    expect(secretToolLookup(t.service, 'work')).toBe(sb.humanPat);
    expect(await meStatus(sb, sb.humanPat)).toBe(200);
    expect(sb.state.pats.size).toBe(patsBefore + 1);
    const created = sb.state.pats.get(result.new_pat_id!)!;
    expect(created.revoked_at).toBeTruthy();
    expect(await meStatus(sb, created.token)).toBe(401);
    expect(JSON.stringify(result)).not.toContain(created.token);
  });

  it('names the stray PAT and the command to revoke it when taking it back fails too', async () => {
    const { sb, t } = w;
    sb.inject.failNext({ method: 'DELETE', path: /^\/api\/personal-access-tokens\//, status: 500, times: 4 });
    const result = await rotatePat(w.core(keychainRefusingNewTokens(t.service, sb.humanPat)), 'work', { retryDelay: () => 0 });
    expect(result).toMatchObject({ ok: false, state: 'stray_new_pat', code: 'partial', next: `tokentray pat revoke work ${result.new_pat_id}` });
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['create:ok', 'store:failed', 'revoke_new:failed']);
    expect(result.message).toContain('work still holds its current token');
    // The stray PAT to revoke is the remedy; the CLI says it as the command, the sentence names none.
    expect(result.remedy).toEqual({ kind: 'action', action: 'pat-revoke', subject: 'work', pat_id: result.new_pat_id });
    expect(hasCliWords(result.message)).toBe(false);
    expect(cliMessage(result.message, result.remedy)).toContain(`Revoke it with \`tokentray pat revoke work ${result.new_pat_id}\``);
    expect(secretToolLookup(t.service, 'work')).toBe(sb.humanPat);
    expect(await meStatus(sb, sb.humanPat)).toBe(200);
    // The suggested command, through the built CLI.
    const next = await w.cli(['pat', 'revoke', 'work', result.new_pat_id!]);
    expect(next.code, next.stderr).toBe(0);
    expect(sb.state.pats.get(result.new_pat_id!)!.revoked_at).toBeTruthy();
  });
});
