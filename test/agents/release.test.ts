import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorld, entryOf, meStatus } from '../helpers/world';

const w = createWorld();
const auditLines = () =>
  readFileSync(join(w.t.tokentrayHome, 'audit', 'audit.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('tokentray agents release', () => {
  it('releases, then says already_released (still exit 0); the key keeps working; both audited', async () => {
    const { sb } = w;
    const helper = sb.agents.connectedHere;
    await w.workspace('proj', [entryOf(helper)]);
    const first = await w.json(['agents', 'release', helper.actor_id]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.value).toMatchObject({ ok: true, actor_id: helper.actor_id, profile: 'work', status: 'released' });
    expect(sb.state.actors.get(helper.actor_id)?.connection_status).toBe('available');
    expect(await meStatus(sb, helper.api_key)).toBe(200);

    const second = await w.cli(['agents', 'release', helper.actor_id]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already released');

    const list = await w.json(['agents', 'list']);
    expect(list.value.find((a: { actor_id: string }) => a.actor_id === helper.actor_id)).toMatchObject({ status: 'available' });

    const releases = auditLines().filter((e) => e.kind === 'agent.release');
    expect(releases).toEqual([
      expect.objectContaining({ actor_id: helper.actor_id, profile: 'work', status: 'released', message: expect.any(String), time: expect.any(String) }),
      expect.objectContaining({ actor_id: helper.actor_id, profile: 'work', status: 'already_released' }),
    ]);
    const text = readFileSync(join(w.t.tokentrayHome, 'audit', 'audit.log'), 'utf8');
    for (const secret of [helper.api_key, sb.humanPat]) expect(text + first.stderr + second.stdout).not.toContain(secret);
  });

  it('an agent in no workspace is released with the only mootup profile', async () => {
    const { sb } = w;
    const far = sb.createAgent({ displayName: 'Far', installationId: 'inst_far' });
    const res = await w.cli(['agents', 'release', far.actor_id]);
    expect(res.code, res.stderr).toBe(0);
    expect(sb.state.actors.get(far.actor_id)?.connection_status).toBe('available');
  });

  it("someone else's agent: 403 is said as 'not yours', exit 1, audited as an error", async () => {
    const { sb } = w;
    const bobs = sb.agents.othersAgent;
    const res = await w.cli(['agents', 'release', bobs.actor_id]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`agent ${bobs.actor_id} is not yours`);
    expect(sb.state.actors.get(bobs.actor_id)?.connection_status).toBe('connected');
    expect(auditLines().filter((e) => e.kind === 'agent.release')).toEqual([expect.objectContaining({ actor_id: bobs.actor_id, status: 'error' })]);
  });
});
