import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesContaining, spawnCli } from '../helpers/cli';
import { actorsFile, blockActorsWrite, createWorld, entryOf, keyIn, meStatus, readActorsText } from '../helpers/world';

const w = createWorld();
const audit = () => readFileSync(join(w.t.tokentrayHome, 'audit', 'audit.log'), 'utf8');

/** Builder (connected elsewhere) in two registered workspaces, A and B, each beside another agent. */
async function twoWorkspaces() {
  const { sb } = w;
  const builder = sb.agents.connectedElsewhere;
  const a = await w.workspace('proj-a', [entryOf(sb.agents.connectedHere), entryOf(builder)]);
  const b = await w.workspace('proj-b', [entryOf(builder), entryOf(sb.agents.available)]);
  return { builder, a, b, beforeA: readActorsText(a), beforeB: readActorsText(b) };
}

describe('tokentray agents takeover of an agent in several workspaces', () => {
  it('without --workspace or --all-workspaces: exit 2 naming both folders and both ways out; nothing rotated', async () => {
    const { builder, a, b, beforeA, beforeB } = await twoWorkspaces();
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--force']);
    expect(res.code).toBe(2);
    for (const text of [a, b, '--all-workspaces', '--workspace <dir>']) expect(res.stderr).toContain(text);
    expect(w.sb.agentKey(builder.actor_id)).toBe(builder.api_key);
    expect([readActorsText(a), readActorsText(b)]).toEqual([beforeA, beforeB]);
  });

  it('--workspace A: the message names B and says its key stops working; other_workspaces = [B]; B keeps the old, now refused, key', async () => {
    const { sb } = w;
    const { builder, a, b, beforeA, beforeB } = await twoWorkspaces();
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--force', '--workspace', a, '--json']);
    expect(res.code, res.stderr).toBe(0);
    const newKey = sb.agentKey(builder.actor_id);
    const result = JSON.parse(res.stdout);
    expect(result).toMatchObject({ ok: true, key_written: true, workspace: a, written_workspaces: [a], failed_workspaces: [], other_workspaces: [b] });
    expect(result.message).toContain(`Workspace ${b} also holds Builder: the key there stops working now.`);
    expect(result.message).toContain(`tokentray agents takeover ${builder.actor_id} --all-workspaces`);

    expect(readActorsText(a)).toBe(beforeA.replace(builder.api_key, newKey));
    expect(readActorsText(b)).toBe(beforeB);
    expect(await meStatus(sb, newKey)).toBe(200);
    expect(await meStatus(sb, keyIn(b, builder.actor_id)!)).toBe(401);
    expect(audit()).toContain(`${b} also holds Builder`);

    // The same words for a person, without --json.
    const human = await w.cli(['agents', 'takeover', builder.actor_id, '--force', '--workspace', b]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain(`Workspace ${a} also holds Builder: the key there stops working now.`);
  });

  it('--all-workspaces: both files hold the same new key, which works; every other byte of both is unchanged', async () => {
    const { sb } = w;
    const { builder, a, b, beforeA, beforeB } = await twoWorkspaces();
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--force', '--all-workspaces', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const newKey = sb.agentKey(builder.actor_id);
    expect(newKey).not.toBe(builder.api_key);
    expect(keyIn(a, builder.actor_id)).toBe(newKey);
    expect(keyIn(b, builder.actor_id)).toBe(newKey);
    expect(await meStatus(sb, newKey)).toBe(200);
    expect(await meStatus(sb, builder.api_key)).toBe(401);
    for (const [dir, before] of [[a, beforeA], [b, beforeB]] as const) {
      const after = readActorsText(dir);
      expect(after.replace(newKey, builder.api_key)).toBe(before);
      expect(after.length - before.length).toBe(newKey.length - builder.api_key.length);
      expect(statSync(actorsFile(dir)).mode & 0o777).toBe(0o600);
    }
    const result = JSON.parse(res.stdout);
    expect(result).toMatchObject({ ok: true, key_written: true, forced: true, workspace: a, written_workspaces: [a, b], failed_workspaces: [], other_workspaces: [] });
    expect(result.message).toContain(`${actorsFile(a)}, ${actorsFile(b)}`);
    expect(result.message).not.toContain('stops working now');
    for (const key of [newKey, builder.api_key]) expect(res.stdout + res.stderr + audit()).not.toContain(key);
    expect(filesContaining(w.t.tokentrayHome, newKey)).toEqual([]);

    const list = await w.json(['agents', 'list']);
    const views = list.value.filter((v: { actor_id: string }) => v.actor_id === builder.actor_id);
    expect(views.map((v: { workspace: string; status: string }) => [v.workspace, v.status])).toEqual([
      [a, 'here'],
      [b, 'here'],
    ]);
  });

  it('--all-workspaces with one write failing: the other file still gets the key, the failed one is listed, the key is shown once on stderr', async () => {
    const { sb } = w;
    const { builder, a, b, beforeA } = await twoWorkspaces();
    const resume = join(w.t.root, 'resume');
    const run = spawnCli(['agents', 'takeover', builder.actor_id, '--force', '--all-workspaces', '--json'], {
      ...w.t.env,
      TOKENTRAY_TEST_PAUSE_AT: 'rotated',
      TOKENTRAY_TEST_RESUME_FILE: resume,
    });
    await run.paused('rotated');
    // Both files stay locked from before the rotation until every write is done.
    expect([existsSync(`${actorsFile(a)}.lock`), existsSync(`${actorsFile(b)}.lock`)]).toEqual([true, true]);
    blockActorsWrite(b);
    writeFileSync(resume, '');
    const { code } = await run.exit;
    expect(code).toBe(1);
    const key = sb.agentKey(builder.actor_id);
    expect(readActorsText(a)).toBe(beforeA.replace(builder.api_key, key));
    expect(await meStatus(sb, key)).toBe(200);
    const result = JSON.parse(run.stdout());
    expect(result).toMatchObject({ ok: false, key_written: false, key_shown_on: 'stderr', written_workspaces: [a], other_workspaces: [] });
    expect(result.failed_workspaces).toEqual([{ dir: b, error: expect.any(String) }]);
    expect(run.stderr().split(key)).toHaveLength(2);
    expect(run.stderr()).toContain(`could not be written to ${actorsFile(b)}`);
    expect(run.stderr()).toContain(`It was written to ${actorsFile(a)}.`);
    expect(run.stdout()).not.toContain(key);
    expect(audit()).not.toContain(key);
    expect(audit()).toMatch(/"kind":"agent.takeover".*"status":"error".*not written/);
    expect(readdirSync(join(a, '.moot'))).toEqual(['actors.json']);
    expect(readdirSync(join(b, '.moot')).sort()).toEqual(['actors.json', 'aside.json']);
  });
});
