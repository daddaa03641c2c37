import { describe, expect, it } from 'vitest';
import { MOOTUP_PAT_PATTERN } from '../../../shared/token-formats';
import { secretToolLookup } from '../../helpers/keychain';
import { auditEntries, createWorld, expectNoLeak, meStatus, stepNames } from '../../helpers/world';

const w = createWorld({ profile: { label: 'Laptop' } });
const rotate = async () => {
  const res = await w.cli(['pat', 'rotate', 'work', '--json']);
  return { res, result: JSON.parse(res.stdout) };
};
const today = () => new Date().toISOString().slice(0, 10);

describe('tokentray pat rotate: happy path', () => {
  it('creates, stores, verifies, revokes the old PAT (found by prefix) and records the new one', async () => {
    const { sb, t } = w;
    const { res, result } = await rotate();
    expect(res.code, res.stderr).toBe(0);
    expect(result).toMatchObject({ ok: true, state: 'rotated', name: 'work', old_pat_id: sb.humanPatId });
    expect(stepNames(result)).toEqual(['create:ok', 'store:ok', 'record:ok', 'verify:ok', 'revoke_old:ok']);
    expect(result.agents_note).toContain('keep working');
    expect(result.agents_note).toContain('tokentray agents takeover');

    // The keychain (read with libsecret's own tool) holds a new PAT that works; the old one is refused.
    const fresh = secretToolLookup(t.service, 'work')!;
    expect(fresh).toMatch(MOOTUP_PAT_PATTERN);
    expect(fresh).not.toBe(sb.humanPat);
    expect(await meStatus(sb, fresh)).toBe(200);
    expect(await meStatus(sb, sb.humanPat)).toBe(401);

    // Named after the label and the date; metadata follows the keychain.
    const pat = sb.state.pats.get(result.pat_id)!;
    expect(pat.name).toBe(`Laptop ${today()}`);
    expect(pat.token).toBe(fresh);
    expect(w.stored()).toMatchObject({ pat_id: pat.pat_id, token_prefix: fresh.slice(11, 19), token_hint: `${fresh.slice(0, 19)}…${fresh.slice(-4)}`, last_check: { result: 'ok' } });
    expect(result).toMatchObject({ token_prefix: fresh.slice(11, 19), token_hint: w.stored().token_hint });

    // Audited without tokens; neither token on disk or in the output.
    expect(auditEntries(t)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'pat.rotate', profile: 'work', status: 'ok' })]));
    expectNoLeak(t, [res], [fresh, sb.humanPat]);
  });

  it('a second rotation revokes by the recorded pat_id without listing, and says so in words', async () => {
    const { sb } = w;
    const first = await rotate();
    expect(first.res.code).toBe(0);
    const listsBefore = sb.state.countRequests('GET', '/api/personal-access-tokens');
    const human = await w.cli(['pat', 'rotate', 'work']);
    expect(human.code, human.stderr).toBe(0);
    expect(sb.state.countRequests('GET', '/api/personal-access-tokens')).toBe(listsBefore);
    expect(sb.state.pats.get(first.result.pat_id)!.revoked_at).toBeTruthy();
    expect(human.stdout).toMatch(/ok\s+revoke_old\s+revoked the old PAT pat_/);
    expect(human.stdout).toContain('pick up the new token on their next call, no restart needed');
    expect(human.stdout).toContain('Agents provisioned from the old PAT keep working');
    expect(human.stderr).toBe('');
  });

  it('agent keys are untouched: an agent still authenticates after its sponsor\'s PAT rotated', async () => {
    const { sb } = w;
    const agent = sb.agents.connectedHere;
    expect(await meStatus(sb, agent.api_key)).toBe(200);
    expect((await rotate()).res.code).toBe(0);
    expect(await meStatus(sb, sb.humanPat)).toBe(401);
    expect(sb.agentKey(agent.actor_id)).toBe(agent.api_key);
    expect(await meStatus(sb, agent.api_key)).toBe(200);
  });

  it('trims a long label so the PAT name stays within mootup\'s 64 characters', async () => {
    expect((await w.cli(['profile', 'set', 'work', '--label', 'x'.repeat(80)])).code).toBe(0);
    const { res, result } = await rotate();
    expect(res.code, res.stderr).toBe(0);
    const name = w.sb.state.pats.get(result.pat_id)!.name;
    expect(name).toBe(`${'x'.repeat(53)} ${today()}`);
    expect(name).toHaveLength(64);
  });
});

describe('tokentray pat rotate: a failure at each step leaves a working token stored', () => {
  it('create fails (500): nothing changes, the message says so and what to run', async () => {
    const { sb, t } = w;
    const patsBefore = sb.state.pats.size;
    sb.inject.failNext({ method: 'POST', path: '/api/personal-access-tokens', status: 500 });
    const { res, result } = await rotate();
    expect(res.code).toBe(1);
    expect(result).toMatchObject({ ok: false, state: 'unchanged', code: 'server', next: 'tokentray pat rotate work' });
    expect(stepNames(result)).toEqual(['create:failed']);
    expect(result.message).toMatch(/^could not create a new PAT: .*HTTP 500.*Nothing changed: work still holds its current token \(mootup_pat_[0-9a-f]{8}…[0-9a-f]{4}\), which still works/);
    expect(res.stderr).toContain('Nothing changed');
    expect(sb.state.pats.size).toBe(patsBefore);
    expect(secretToolLookup(t.service, 'work')).toBe(sb.humanPat);
    expect(await meStatus(sb, sb.humanPat)).toBe(200);
    expect(auditEntries(t)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'pat.rotate', status: 'error', message: 'unchanged' })]));
  });

  it('create refused (401, the token was revoked elsewhere): the profile is marked revoked and replace is suggested', async () => {
    const { sb, t } = w;
    sb.state.revokeToken(sb.humanPat);
    const { res, result } = await rotate();
    expect(res.code).toBe(1);
    expect(result).toMatchObject({ state: 'unchanged', code: 'unauthorized', next: 'tokentray profile replace work' });
    expect(result.message).toContain('was refused (401)');
    expect(w.stored()).toMatchObject({ revoked_at: expect.any(String), last_check: { result: 'revoked' } });
    const list = JSON.parse((await w.cli(['profile', 'list', '--json'])).stdout);
    expect(list[0]).toMatchObject({ name: 'work', status: 'revoked' });
    expect(secretToolLookup(t.service, 'work')).toBe(sb.humanPat);
  });

  it('verify fails (401 for the new token): the old token goes back, the new PAT is revoked again', async () => {
    const { sb, t } = w;
    sb.inject.failNext({ method: 'GET', path: '/api/actors/me', status: 401 });
    const { res, result } = await rotate();
    expect(res.code).toBe(1);
    expect(result).toMatchObject({ state: 'unchanged', code: 'unauthorized', new_pat_id: expect.stringMatching(/^pat_/) });
    expect(stepNames(result)).toEqual(['create:ok', 'store:ok', 'record:ok', 'verify:failed', 'restore:ok', 'record_old:ok', 'revoke_new:ok']);
    expect(result.message).toMatch(/^the new token could not be verified: .*The new PAT pat_\S+ was revoked again, so nothing changed: work still holds its current token/);
    expect(secretToolLookup(t.service, 'work')).toBe(sb.humanPat);
    expect(await meStatus(sb, sb.humanPat)).toBe(200);
    expect(sb.state.pats.get(result.new_pat_id)!.revoked_at).toBeTruthy();
    // The metadata was switched to the new token with the keychain, and back with it.
    expect(w.stored()).toMatchObject({ token_prefix: sb.humanPat.slice(11, 19), token_hint: `${sb.humanPat.slice(0, 19)}…${sb.humanPat.slice(-4)}` });
    expect(w.stored().pat_id).toBeUndefined();
  });

  it('verify fails and taking the new PAT back fails too: the stray PAT is named with the command that revokes it', async () => {
    const { sb, t } = w;
    sb.inject.failNext({ method: 'GET', path: '/api/actors/me', status: 401 });
    sb.inject.failNext({ method: 'DELETE', path: /^\/api\/personal-access-tokens\//, status: 503, times: 4 });
    const { res, result } = await rotate();
    expect(res.code).toBe(1);
    expect(result).toMatchObject({ state: 'stray_new_pat', code: 'partial', next: `tokentray pat revoke work ${result.new_pat_id}` });
    expect(stepNames(result)).toEqual(['create:ok', 'store:ok', 'record:ok', 'verify:failed', 'restore:ok', 'record_old:ok', 'revoke_new:failed']);
    expect(result.message).toContain('work still holds its current token');
    expect(result.message).toContain(`the new PAT ${result.new_pat_id} is active and unused`);
    expect(sb.state.countRequests('DELETE', `/api/personal-access-tokens/${result.new_pat_id}`)).toBe(4);
    expect(secretToolLookup(t.service, 'work')).toBe(sb.humanPat);

    // The suggested command works.
    const next = await w.cli(result.next.split(' ').slice(1));
    expect(next.code, next.stderr).toBe(0);
    expect(sb.state.pats.get(result.new_pat_id)!.revoked_at).toBeTruthy();
    expect(await meStatus(sb, sb.humanPat)).toBe(200);
  });

  it('revoking the old PAT fails (503 on every retry): the new token is stored and verified, the old one is named', async () => {
    const { sb, t } = w;
    sb.inject.failNext({ method: 'DELETE', path: `/api/personal-access-tokens/${sb.humanPatId}`, status: 503, times: 4 });
    const { res, result } = await rotate();
    expect(res.code).toBe(1);
    expect(result).toMatchObject({ ok: false, state: 'old_still_active', code: 'partial', old_pat_id: sb.humanPatId, next: `tokentray pat revoke work ${sb.humanPatId}` });
    expect(stepNames(result)).toEqual(['create:ok', 'store:ok', 'record:ok', 'verify:ok', 'revoke_old:failed']);
    expect(result.message).toMatch(new RegExp(`^new token stored and verified \\(mootup_pat_.*\\); the old token PAT ${sb.humanPatId} \\(.*\\) is still active \\(.*\\)\\. Revoke it with \`tokentray pat revoke work ${sb.humanPatId}\``));
    expect(result.remedy).toEqual({ kind: 'action', action: 'pat-revoke', subject: 'work', pat_id: sb.humanPatId });
    expect(sb.state.countRequests('DELETE', `/api/personal-access-tokens/${sb.humanPatId}`)).toBe(4);
    const fresh = secretToolLookup(t.service, 'work')!;
    expect(fresh).not.toBe(sb.humanPat);
    expect(await meStatus(sb, fresh)).toBe(200);
    expect(await meStatus(sb, sb.humanPat)).toBe(200);
    expect(w.stored()).toMatchObject({ pat_id: result.pat_id });

    // The old PAT is no longer the profile's, so the suggested command needs no --force.
    const next = await w.cli(result.next.split(' ').slice(1));
    expect(next.code, next.stderr).toBe(0);
    expect(await meStatus(sb, sb.humanPat)).toBe(401);
    expect(await meStatus(sb, fresh)).toBe(200);
  });

  it('a transient revoke failure is retried and the rotation completes', async () => {
    const { sb } = w;
    sb.inject.failNext({ method: 'DELETE', path: `/api/personal-access-tokens/${sb.humanPatId}`, status: 502, times: 2 });
    const { res, result } = await rotate();
    expect(res.code, res.stderr).toBe(0);
    expect(result.state).toBe('rotated');
    expect(sb.state.countRequests('DELETE', `/api/personal-access-tokens/${sb.humanPatId}`)).toBe(3);
    expect(await meStatus(sb, sb.humanPat)).toBe(401);
  });

  it('two active PATs share the old prefix: it will not guess, and says what to do', async () => {
    const { sb } = w;
    const twin = `mootup_pat_${sb.humanPat.slice(11, 19)}${'0'.repeat(52)}`;
    sb.state.issuePat(sb.humanId, 'twin', twin);
    const { res, result } = await rotate();
    expect(res.code).toBe(1);
    expect(result).toMatchObject({ state: 'old_still_active', next: 'tokentray pat list work' });
    expect(result.message).toContain('2 active PATs share the old token\'s prefix');
    expect(await meStatus(sb, sb.humanPat)).toBe(200);
    expect(await meStatus(sb, twin)).toBe(200);
  });

  it('refuses mcp profiles with what to do instead', async () => {
    const { sb } = w;
    expect((await w.cli(['profile', 'add', 'moly', '--kind', 'mcp', '--url', sb.mcpUrl], sb.humanPat)).code).toBe(0);
    const res = await w.cli(['pat', 'rotate', 'moly']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('tokentray profile replace moly');
  });
});

describe('tokentray pat rotate: two at once', () => {
  it('run one after the other (a lock per profile): both succeed and no PAT is left stray', async () => {
    const { sb, t } = w;
    const [a, b] = await Promise.all([w.cli(['pat', 'rotate', 'work', '--json']), w.cli(['pat', 'rotate', 'work', '--json'])]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const active = [...sb.state.pats.values()].filter((p) => p.actor_id === sb.humanId && !p.revoked_at);
    const stored = secretToolLookup(t.service, 'work')!;
    expect(active.map((p) => p.token)).toEqual([stored]);
    expect(w.stored().pat_id).toBe(active[0]!.pat_id);
  });
});
