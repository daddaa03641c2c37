import { describe, expect, it } from 'vitest';
import { secretToolLookup } from '../../helpers/keychain';
import { auditEntries, createWorld, expectNoLeak, meStatus } from '../../helpers/world';

const w = createWorld();

describe('tokentray pat list', () => {
  it('lists the user\'s PATs without plaintext and marks the one the profile holds (by token_prefix)', async () => {
    const { sb, t } = w;
    const ci = sb.state.issuePat(sb.humanId, 'CI');
    const res = await w.cli(['pat', 'list', 'work', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const pats = JSON.parse(res.stdout);
    expect(pats).toEqual(
      expect.arrayContaining([
        { pat_id: sb.humanPatId, name: 'Sandbox seed', token_prefix: sb.humanPat.slice(11, 19), created_at: expect.any(String), last_used_at: expect.anything(), revoked_at: null, in_use: true },
        expect.objectContaining({ pat_id: ci.pat_id, name: 'CI', in_use: false }),
      ]),
    );
    expect(pats).toHaveLength(2);
    const human = await w.cli(['pat', 'list', 'work']);
    expect(human.stdout).toMatch(new RegExp(`^\\*\\s+${sb.humanPatId}\\s+Sandbox seed`, 'm'));
    expect(human.stdout).toContain('* = the token profile work holds');
    expectNoLeak(t, [res, human], [sb.humanPat, ci.token]);
  });

  it('--include-revoked shows revoked PATs with their revocation time', async () => {
    const { sb } = w;
    const old = sb.state.issuePat(sb.humanId, 'Old laptop');
    sb.state.revokeToken(old.token);
    const active = JSON.parse((await w.cli(['pat', 'list', 'work', '--json'])).stdout);
    expect(active.map((p: { pat_id: string }) => p.pat_id)).not.toContain(old.pat_id);
    const all = JSON.parse((await w.cli(['pat', 'list', 'work', '--include-revoked', '--json'])).stdout);
    expect(all).toEqual(expect.arrayContaining([expect.objectContaining({ pat_id: old.pat_id, revoked_at: expect.any(String), in_use: false })]));
  });

  it('a 401 marks the profile revoked (revocation seen by pat list)', async () => {
    const { sb } = w;
    sb.state.revokeToken(sb.humanPat);
    const res = await w.cli(['pat', 'list', 'work', '--json']);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(w.stored()).toMatchObject({ revoked_at: expect.any(String), last_check: { result: 'revoked', message: expect.stringContaining('pat list') } });
  });

  it('refuses mcp profiles', async () => {
    const { sb } = w;
    await w.cli(['profile', 'add', 'moly', '--kind', 'mcp', '--url', sb.mcpUrl], sb.humanPat);
    const res = await w.cli(['pat', 'list', 'moly']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('is an mcp profile');
  });
});

describe('tokentray pat revoke', () => {
  it('revokes another PAT at once; the profile keeps its own token', async () => {
    const { sb, t } = w;
    const ci = sb.state.issuePat(sb.humanId, 'CI');
    const res = await w.cli(['pat', 'revoke', 'work', ci.pat_id, '--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: true, pat_id: ci.pat_id, in_use: false, token_deleted: false });
    expect(await meStatus(sb, ci.token)).toBe(401);
    expect(await meStatus(sb, sb.humanPat)).toBe(200);
    expect(secretToolLookup(t.service, 'work')).toBe(sb.humanPat);
    expect(auditEntries(t)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'pat.revoke', profile: 'work', status: 'ok', message: ci.pat_id })]));
  });

  it('refuses the PAT in use with exit 3 unless --force, which also deletes the token and marks the profile', async () => {
    const { sb, t } = w;
    const refused = await w.cli(['pat', 'revoke', 'work', sb.humanPatId]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`tokentray pat rotate work`);
    expect(refused.stderr).toContain(`tokentray pat revoke work ${sb.humanPatId} --force`);
    expect(await meStatus(sb, sb.humanPat)).toBe(200);

    const forced = await w.cli(['pat', 'revoke', 'work', sb.humanPatId, '--force', '--json']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ pat_id: sb.humanPatId, in_use: true, token_deleted: true });
    expect(await meStatus(sb, sb.humanPat)).toBe(401);
    expect(secretToolLookup(t.service, 'work')).toBeNull();
    expect(w.stored()).toMatchObject({ revoked_at: expect.any(String), last_check: { result: 'revoked' } });
    const list = JSON.parse((await w.cli(['profile', 'list', '--json'])).stdout);
    expect(list[0]).toMatchObject({ name: 'work', has_token: false });
    expectNoLeak(t, [refused, forced], [sb.humanPat]);
  });

  it('an unknown or someone else\'s pat_id is not found, and nothing changes', async () => {
    const { sb } = w;
    const bobs = [...sb.state.pats.values()].find((p) => p.token === sb.otherPat)!;
    for (const id of ['pat_nope', bobs.pat_id]) {
      const res = await w.cli(['pat', 'revoke', 'work', id]);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('404');
    }
    expect(await meStatus(sb, sb.otherPat)).toBe(200);
    expect(await meStatus(sb, sb.humanPat)).toBe(200);
  });
});
