import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mootupTokenPrefix, tokenHint } from '../../../shared/token-formats';
import { spawnCli } from '../../helpers/cli';
import { createWorld, meStatus, stepNames } from '../../helpers/world';
import { secretToolLookup } from '../../helpers/keychain';

const w = createWorld();

/** The token the keychain holds now, read with libsecret's own tool. */
const keychainToken = () => secretToolLookup(w.t.service, 'work')!;

/** profiles.json describes `token`: its hint, its prefix and (when given) its PAT. */
function expectMetadataOf(token: string, patId?: string): void {
  expect(w.stored()).toMatchObject({ token_hint: tokenHint(token), token_prefix: mootupTokenPrefix(token), ...(patId && { pat_id: patId }) });
}

/** The PAT (in the sandbox) whose token is `token`. */
const patOf = (token: string) => [...w.sb.state.pats.values()].find((p) => p.token === token)!;

/** Alice's PATs that still work. */
const activeTokens = () => [...w.sb.state.pats.values()].filter((p) => p.actor_id === w.sb.humanId && !p.revoked_at).map((p) => p.token);

/** Runs `pat rotate work` until it pauses at `step`, then SIGKILLs it there; returns the token it had stored. */
async function rotateKilledAt(step: 'keychain-set' | 'recorded'): Promise<string> {
  const run = spawnCli(['pat', 'rotate', 'work', '--json'], { ...w.t.env, TOKENTRAY_TEST_PAUSE_AT: step });
  await run.paused(step);
  run.child.kill('SIGKILL');
  expect((await run.exit).signal).toBe('SIGKILL');
  expect(run.stdout()).toBe('');
  const stored = keychainToken();
  expect(stored).not.toBe(w.sb.humanPat);
  return stored;
}

describe('pat rotate killed between storing the new token and finishing', () => {
  it('killed right after the metadata follows the keychain: profiles.json describes the stored token, and the next run revokes the PAT left active', async () => {
    const { sb } = w;
    const stored = await rotateKilledAt('recorded');
    // The crash window of old: the keychain holds the new token and profiles.json says so too.
    expectMetadataOf(stored, patOf(stored).pat_id);
    // Both PATs are active: the old one was not revoked yet.
    expect(activeTokens().sort()).toEqual([sb.humanPat, stored].sort());

    const again = await w.cli(['pat', 'rotate', 'work', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout);
    expect(result).toMatchObject({ ok: true, state: 'rotated', old_pat_id: patOf(stored).pat_id });
    expect(stepNames(result)).toEqual(['revoke_leftover:ok', 'create:ok', 'store:ok', 'record:ok', 'verify:ok', 'revoke_old:ok']);
    expect(result.steps[0].message).toBe(`revoked the left-over PAT ${sb.humanPatId}`);

    // Only the token in the keychain works; the metadata describes it.
    const fresh = keychainToken();
    expect(activeTokens()).toEqual([fresh]);
    expect(await meStatus(sb, fresh)).toBe(200);
    expect(await meStatus(sb, sb.humanPat)).toBe(401);
    expect(await meStatus(sb, stored)).toBe(401);
    expectMetadataOf(fresh, result.pat_id);
  });

  it('killed right after the keychain store, before the metadata: the next run heals profiles.json first and says so, then finishes', async () => {
    const { sb } = w;
    const stored = await rotateKilledAt('keychain-set');
    // The one moment left between the two writes: profiles.json still describes the old token.
    expectMetadataOf(sb.humanPat);

    const again = await w.cli(['pat', 'rotate', 'work', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout);
    expect(stepNames(result)).toEqual(['heal:ok', 'revoke_leftover:ok', 'create:ok', 'store:ok', 'record:ok', 'verify:ok', 'revoke_old:ok']);
    expect(result.steps[0].message).toContain(`profiles.json described ${tokenHint(sb.humanPat)}, but the keychain holds ${tokenHint(stored)}`);
    // The healed pat_id came from the journal, so the old PAT of this run was revoked by id.
    expect(result.old_pat_id).toBe(patOf(stored).pat_id);

    const fresh = keychainToken();
    expect(activeTokens()).toEqual([fresh]);
    expect(await meStatus(sb, fresh)).toBe(200);
    expectMetadataOf(fresh, result.pat_id);
  });

  it('the PAT left active cannot be revoked now: the rotation still completes and names it, with the command that revokes it', async () => {
    const { sb } = w;
    const stored = await rotateKilledAt('recorded');
    sb.inject.failNext({ method: 'DELETE', path: `/api/personal-access-tokens/${sb.humanPatId}`, status: 503, times: 4 });

    const again = await w.cli(['pat', 'rotate', 'work', '--json']);
    expect(again.code).toBe(1);
    const result = JSON.parse(again.stdout);
    expect(result).toMatchObject({ ok: false, state: 'old_still_active', code: 'partial', leftover_pat_id: sb.humanPatId, next: `tokentray pat revoke work ${sb.humanPatId}` });
    expect(stepNames(result)).toEqual(['revoke_leftover:failed', 'create:ok', 'store:ok', 'record:ok', 'verify:ok', 'revoke_old:ok']);
    expect(result.message).toContain(`An earlier, interrupted rotation left PAT ${sb.humanPatId} active`);
    expect(await meStatus(sb, stored)).toBe(401);

    const next = await w.cli(result.next.split(' ').slice(1));
    expect(next.code, next.stderr).toBe(0);
    expect(activeTokens()).toEqual([keychainToken()]);
  });

  it('metadata that does not describe the stored token (no journal: changed outside tokentray) is fixed before rotating', async () => {
    const { sb, t } = w;
    const file = join(t.tokentrayHome, 'profiles.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    Object.assign(doc.profiles[0], { pat_id: 'pat_bogus', token_prefix: 'deadbeef', token_hint: 'mootup_pat_deadbeef…0000' });
    writeFileSync(file, JSON.stringify(doc));

    const res = await w.cli(['pat', 'rotate', 'work', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const result = JSON.parse(res.stdout);
    expect(stepNames(result)).toEqual(['heal:ok', 'create:ok', 'store:ok', 'record:ok', 'verify:ok', 'revoke_old:ok']);
    expect(result.steps[0].message).toContain('profiles.json described mootup_pat_deadbeef…0000, but the keychain holds');
    // pat_bogus was dropped with the rest, so the old PAT was found by the stored token's prefix.
    expect(result.old_pat_id).toBe(sb.humanPatId);
    expect(await meStatus(sb, sb.humanPat)).toBe(401);
    expectMetadataOf(keychainToken(), result.pat_id);
  });
});
