import { describe, expect, it } from 'vitest';
import { fakeMolyPat, fakeMootupPat } from '../../helpers/cli';
import { secretToolLookup } from '../../helpers/keychain';
import { auditEntries, createWorld, expectNoLeak, isoDay, meStatus } from '../../helpers/world';

const w = createWorld();

describe('tokentray profile replace', () => {
  it('verifies the new mootup token first, then stores it and records hint, prefix and pat_id', async () => {
    const { sb, t } = w;
    const next = sb.state.issuePat(sb.humanId, 'Desktop');
    const res = await w.cli(['profile', 'replace', 'work', '--json'], `${next.token}\n`);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ name: 'work', status: 'ok', token_prefix: next.token_prefix, pat_id: next.pat_id, message: expect.stringContaining('token works: Alice Sandbox') });
    expect(secretToolLookup(t.service, 'work')).toBe(next.token);
    expect(w.stored()).toMatchObject({ token_hint: `${next.token.slice(0, 19)}…${next.token.slice(-4)}`, last_check: { result: 'ok' } });
    expect(auditEntries(t)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'profile.replace', profile: 'work', status: 'ok' })]));
    expectNoLeak(t, [res], [next.token, sb.humanPat]);
  });

  it('keeps the old token when the new one is refused, and does not mark the profile revoked', async () => {
    const { sb, t } = w;
    const bogus = fakeMootupPat();
    const res = await w.cli(['profile', 'replace', 'work'], bogus);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('the new token was not stored');
    expect(res.stderr).toContain('refused it (401)');
    expect(res.stderr).toContain('work keeps its current token');
    expect(secretToolLookup(t.service, 'work')).toBe(sb.humanPat);
    expect(w.stored().revoked_at).toBeUndefined();
    expectNoLeak(t, [res], [bogus]);
  });

  it('keeps the old token when the service cannot be reached to verify', async () => {
    const { sb, t } = w;
    const next = sb.state.issuePat(sb.humanId, 'Desktop');
    sb.inject.failNext({ method: 'GET', path: '/api/actors/me', status: 503, times: 3 });
    const res = await w.cli(['profile', 'replace', 'work'], next.token);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/the new token was not stored: .*HTTP 503/);
    expect(secretToolLookup(t.service, 'work')).toBe(sb.humanPat);
  });

  it('refuses a token of the wrong shape for a mootup profile before contacting anyone', async () => {
    const { sb, t } = w;
    const before = sb.state.requests.length;
    const res = await w.cli(['profile', 'replace', 'work'], sb.agents.available.api_key);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('an agent API key');
    expect(sb.state.requests.length).toBe(before);
    expect(secretToolLookup(t.service, 'work')).toBe(sb.humanPat);
  });

  it('mcp profiles: checks the new token with an MCP initialize and can record its new expiry', async () => {
    const { sb, t } = w;
    expect((await w.cli(['profile', 'add', 'moly', '--kind', 'mcp', '--url', sb.mcpUrl, '--expires', isoDay(-1)], sb.humanPat)).code).toBe(0);
    const refused = await w.cli(['profile', 'replace', 'moly'], fakeMolyPat());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused it (401)');

    const next = sb.state.issuePat(sb.humanId, 'Moly-ish');
    const initsBefore = sb.state.countRequests('POST', '/mcp');
    const res = await w.cli(['profile', 'replace', 'moly', '--expires', isoDay(90), '--json'], next.token);
    expect(res.code, res.stderr).toBe(0);
    expect(sb.state.countRequests('POST', '/mcp')).toBe(initsBefore + 1);
    expect(JSON.parse(res.stdout)).toMatchObject({ name: 'moly', status: 'ok', expires_at: isoDay(90), message: expect.stringContaining('mootup-sandbox') });
    expect(secretToolLookup(t.service, 'moly')).toBe(next.token);
    expect(sb.mcpSessions()).toEqual([]);
  });

  it('check sees a revocation (401), doctor fails it, replace clears it', async () => {
    const { sb } = w;
    sb.state.revokeToken(sb.humanPat);
    const check = await w.cli(['profile', 'check', 'work']);
    expect(check.code).toBe(1);
    expect(w.stored()).toMatchObject({ revoked_at: expect.any(String) });
    const doctor = JSON.parse((await w.cli(['doctor', '--json'])).stdout);
    expect(doctor.checks).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'token_revoked', status: 'fail', subject: 'work', message: expect.stringContaining('tokentray pat rotate work') })]));

    const next = sb.state.issuePat(sb.humanId, 'After the leak');
    expect((await w.cli(['profile', 'replace', 'work'], next.token)).code).toBe(0);
    expect(w.stored().revoked_at).toBeUndefined();
    const after = await w.cli(['doctor', '--json']);
    expect(JSON.parse(after.stdout).checks.filter((c: { id: string }) => c.id === 'token_revoked')).toEqual([]);
    expect(after.code).toBe(0);
    expect(await meStatus(sb, next.token)).toBe(200);
  });
});

describe('tokentray profile set', () => {
  it('changes the label and an mcp expiry; refuses expiry on mootup profiles and empty calls', async () => {
    const { sb, t } = w;
    await w.cli(['profile', 'add', 'moly', '--kind', 'mcp', '--url', sb.mcpUrl], sb.humanPat);
    const res = await w.cli(['profile', 'set', 'moly', '--label', 'Moly CI', '--expires', isoDay(30), '--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ name: 'moly', label: 'Moly CI', expires_at: isoDay(30), has_token: true });
    expect((await w.cli(['profile', 'set', 'moly', '--expires', 'never'])).code).toBe(0);
    expect(w.stored('moly').expires_at).toBeNull();
    expect((await w.cli(['profile', 'set', 'moly', '--label', ''])).code).toBe(0);
    expect(w.stored('moly').label).toBeUndefined();

    const mootup = await w.cli(['profile', 'set', 'work', '--expires', isoDay(30)]);
    expect(mootup.code).toBe(1);
    expect(mootup.stderr).toContain('mootup profile');
    expect(mootup.stderr).toContain('rotate it with `tokentray pat rotate work`');
    expect((await w.cli(['profile', 'set', 'moly'])).code).toBe(2);
    expect((await w.cli(['profile', 'set', 'moly', '--expires', '2026-13-01'])).code).toBe(2);
    expect(secretToolLookup(t.service, 'moly')).toBe(sb.humanPat);
    expect(auditEntries(t).filter((e) => e.kind === 'profile.set')).toHaveLength(3);
  });
});

describe('expiry reporting (profile list and doctor), before and after the date', () => {
  it('warns within 14 days, fails once past, flags "never" as a risk, and clears when the date moves', async () => {
    const { sb } = w;
    const add = (name: string, expires: string) => w.cli(['profile', 'add', name, '--kind', 'mcp', '--url', sb.mcpUrl, '--expires', expires], sb.humanPat);
    expect((await add('soon', isoDay(5))).code).toBe(0);
    expect((await add('past', isoDay(-1))).code).toBe(0);
    expect((await add('later', isoDay(60))).code).toBe(0);
    expect((await add('forever', 'never')).code).toBe(0);

    const list = JSON.parse((await w.cli(['profile', 'list', '--json'])).stdout) as Array<{ name: string; status: string }>;
    const status = Object.fromEntries(list.map((p) => [p.name, p.status]));
    expect(status).toMatchObject({ soon: 'expiring', past: 'expired', later: 'unchecked', forever: 'unchecked' });
    const human = (await w.cli(['profile', 'list'])).stdout;
    expect(human).toMatch(/^soon\s.*expires in [45] days/m);
    expect(human).toMatch(new RegExp(`^past\\s.*expired on ${isoDay(-1)}`, 'm'));

    const doctor = await w.cli(['doctor', '--json']);
    expect(doctor.code).toBe(1);
    const checks = (JSON.parse(doctor.stdout).checks as Array<{ id: string; subject: string; status: string; message: string }>).filter((c) => c.id === 'token_expiry');
    const by = Object.fromEntries(checks.map((c) => [c.subject, c]));
    expect(by.soon).toMatchObject({ status: 'warn', message: expect.stringMatching(/^expires in [45] days/) });
    expect(by.past).toMatchObject({ status: 'fail', message: expect.stringContaining(`expired on ${isoDay(-1)}`) });
    expect(by.later).toMatchObject({ status: 'ok' });
    expect(by.forever).toMatchObject({ status: 'warn', message: expect.stringContaining('risk: the service recommends an expiry') });
    expect(by.work).toBeUndefined();

    // After the expired token's date is moved (a new token with a new expiry), nothing fails any more.
    expect((await w.cli(['profile', 'set', 'past', '--expires', isoDay(30)])).code).toBe(0);
    const after = await w.cli(['doctor', '--json']);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout).checks).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'token_expiry', subject: 'past', status: 'ok' })]));
    const listAfter = JSON.parse((await w.cli(['profile', 'list', '--json'])).stdout) as Array<{ name: string; status: string }>;
    expect(listAfter.find((p) => p.name === 'past')!.status).toBe('unchecked');
  });
});
