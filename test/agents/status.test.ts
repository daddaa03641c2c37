import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeMootupPat, runCli } from '../helpers/cli';
import { createWorld, entryOf } from '../helpers/world';

const w = createWorld();
const stale = () => `convo_${'0'.repeat(40)}`;
const byId = (list: Array<{ actor_id: string }>, id: string) => list.find((a) => a.actor_id === id) as Record<string, unknown> | undefined;

describe('tokentray agents list: status by the rule order of DESIGN.md', () => {
  it('here, elsewhere, available, not_here, and installation ids before keys', async () => {
    const { sb } = w;
    const { connectedHere: helper, connectedElsewhere: builder, available: reviewer, othersAgent } = sb.agents;
    // Held by the installation actors.json names, though the local key is stale: installation rule wins → here.
    const sameInst = sb.createAgent({ displayName: 'Same inst', installationId: 'inst_a' });
    // The key works, but the server names another installation than actors.json: → elsewhere.
    const otherInst = sb.createAgent({ displayName: 'Other inst', installationId: 'inst_b' });
    // Released on the server, key still valid: available wins over the key.
    const released = sb.createAgent({ displayName: 'Released', installationId: null });
    const farAway = sb.createAgent({ displayName: 'Far away', installationId: 'inst_far' });
    await w.workspace('proj', [
      entryOf(helper),
      { ...entryOf(builder), api_key: stale() },
      { ...entryOf(sameInst), api_key: stale(), installation_id: 'inst_a' },
      { ...entryOf(otherInst), installation_id: 'inst_mine' },
      entryOf(released),
    ]);

    const res = await w.json(['agents', 'list']);
    expect(res.code, res.stderr).toBe(0);
    const agents = res.value as Array<{ actor_id: string }>;
    const dir = (await w.json(['workspace', 'list'])).value[0].dir;
    expect(byId(agents, helper.actor_id)).toMatchObject({ status: 'here', workspace: dir, profile: 'work', display_name: 'Helper', connection_status: 'connected' });
    expect(byId(agents, builder.actor_id)).toMatchObject({ status: 'elsewhere', workspace: dir, message: expect.stringContaining('refused') });
    expect(byId(agents, sameInst.actor_id)).toMatchObject({ status: 'here', message: expect.stringContaining('inst_a') });
    expect(byId(agents, otherInst.actor_id)).toMatchObject({ status: 'elsewhere', message: expect.stringContaining('inst_b') });
    expect(byId(agents, released.actor_id)).toMatchObject({ status: 'available', workspace: dir, connection_status: 'available' });
    expect(byId(agents, reviewer.actor_id)).toMatchObject({ status: 'available', workspace: null });
    expect(byId(agents, farAway.actor_id)).toMatchObject({ status: 'not_here', workspace: null, connection_status: 'connected' });
    expect(byId(agents, othersAgent.actor_id)).toBeUndefined();
    expect(agents).toHaveLength(7);

    // The text listing shows the same, and never a key.
    const text = await w.cli(['agents', 'list']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`${helper.actor_id}\\s+Helper\\s+here`));
    for (const key of [helper.api_key, released.api_key, sb.humanPat]) expect(text.stdout + text.stderr + JSON.stringify(agents)).not.toContain(key);
  });

  it('offline: every agent is unknown with a message, and the command still succeeds', async () => {
    const { sb } = w;
    await w.workspace('proj', [entryOf(sb.agents.connectedHere), entryOf(sb.agents.connectedElsewhere)]);
    await sb.close();
    const res = await w.json(['agents', 'list']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.value).toHaveLength(2);
    for (const agent of res.value) expect(agent).toMatchObject({ status: 'unknown', message: expect.stringMatching(/could not check/) });
  });

  it('one hung check ends in unknown after the per-agent timeout; the others are still decided', async () => {
    const { sb } = w;
    const agents = [1, 2, 3].map((i) => sb.createAgent({ displayName: `Worker ${i}`, installationId: 'inst_this_machine' }));
    await w.workspace('proj', agents.map(entryOf));
    sb.inject.hangNext({ method: 'GET', path: '/api/actors/me' });
    const res = await runCli(['agents', 'list', '--json'], { env: { ...w.t.env, TOKENTRAY_AGENT_CHECK_TIMEOUT_MS: '1500' } });
    expect(res.code, res.stderr).toBe(0);
    const local = (JSON.parse(res.stdout) as Array<{ status: string; message: string; workspace: string | null }>).filter((a) => a.workspace !== null);
    expect(local.map((a) => a.status).sort()).toEqual(['here', 'here', 'unknown']);
    expect(local.find((a) => a.status === 'unknown')?.message).toMatch(/took longer than/);
  });

  it("a refused PAT marks the profile revoked, while local keys are still checked", async () => {
    const { sb } = w;
    await w.workspace('proj', [entryOf(sb.agents.connectedHere)]);
    sb.state.revokeToken(sb.humanPat);
    const res = await w.json(['agents', 'list']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.value).toEqual([expect.objectContaining({ actor_id: sb.agents.connectedHere.actor_id, status: 'here' })]);
    const profile = JSON.parse(readFileSync(join(w.t.tokentrayHome, 'profiles.json'), 'utf8')).profiles[0];
    expect(profile).toMatchObject({ name: 'work', revoked_at: expect.any(String), last_check: { result: 'revoked', message: expect.stringContaining('agents') } });
  });

  it('an unreachable second profile does not hold up the first', async () => {
    const { sb } = w;
    const dead = await runCli(['profile', 'add', 'dead', '--kind', 'mootup', '--url', 'http://127.0.0.1:9'], { env: w.t.env, input: fakeMootupPat() });
    expect(dead.code).toBe(0);
    await w.workspace('proj', [entryOf(sb.agents.connectedHere)], { add: false });
    expect((await w.cli(['workspace', 'add', join(w.t.root, 'proj'), '--profile', 'work'])).code).toBe(0);
    const other = await w.workspace('other', [entryOf(sb.agents.connectedElsewhere)], { add: false });
    expect((await w.cli(['workspace', 'add', other, '--profile', 'dead'])).code).toBe(0);
    const res = await w.json(['agents', 'list']);
    expect(res.code, res.stderr).toBe(0);
    expect(byId(res.value, sb.agents.connectedHere.actor_id)).toMatchObject({ status: 'here', profile: 'work' });
    expect(byId(res.value, sb.agents.connectedElsewhere.actor_id)).toMatchObject({ status: 'unknown', profile: 'dead' });
  });
});
