import { describe, expect, it } from 'vitest';
import { createWorld, entryOf, makeWorkspaceDir, meStatus, readActorsText } from '../../helpers/world';

const w = createWorld();

const agentsList = async () => {
  const res = await w.cli(['agents', 'list', '--json']);
  return { res, agents: JSON.parse(res.stdout) as Array<Record<string, unknown>> };
};

describe('agents and PAT rotation', () => {
  it('agents provisioned before a rotation stay "here": their keys and actors.json are untouched', async () => {
    const { sb, t } = w;
    const helper = sb.agents.connectedHere;
    const dir = makeWorkspaceDir(t.root, 'proj', [entryOf(helper)]);
    expect((await w.cli(['workspace', 'add', dir, '--profile', 'work'])).code).toBe(0);
    const before = readActorsText(dir);
    expect((await agentsList()).agents.find((a) => a.actor_id === helper.actor_id)).toMatchObject({ status: 'here' });

    const rotated = await w.cli(['pat', 'rotate', 'work', '--json']);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(await meStatus(sb, sb.humanPat)).toBe(401);

    const { res, agents } = await agentsList();
    expect(res.code, res.stderr).toBe(0);
    expect(agents.find((a) => a.actor_id === helper.actor_id)).toMatchObject({ status: 'here', profile: 'work' });
    expect(readActorsText(dir)).toBe(before);
    expect(sb.agentKey(helper.actor_id)).toBe(helper.api_key);
    expect(await meStatus(sb, helper.api_key)).toBe(200);
    expect(w.stored().revoked_at).toBeUndefined();
  });

  it('agents list sees a revoked PAT (401) and marks the profile revoked', async () => {
    const { sb, t } = w;
    const dir = makeWorkspaceDir(t.root, 'proj', [entryOf(sb.agents.connectedHere)]);
    expect((await w.cli(['workspace', 'add', dir, '--profile', 'work'])).code).toBe(0);
    sb.state.revokeToken(sb.humanPat);
    await agentsList();
    expect(w.stored()).toMatchObject({ revoked_at: expect.any(String), last_check: { result: 'revoked', message: expect.stringContaining('agents') } });
    const list = JSON.parse((await w.cli(['profile', 'list', '--json'])).stdout);
    expect(list[0]).toMatchObject({ name: 'work', status: 'revoked' });
  });
});
