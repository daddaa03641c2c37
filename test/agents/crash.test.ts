import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli';
import { createWorld, entryOf, keyIn, meStatus, readActorsText } from '../helpers/world';

const w = createWorld();

/** actors.json right now is exactly the old text or exactly the old text with the new key in it: never anything else. */
function expectOldOrNew(dir: string, before: string, oldKey: string, newKey: string): 'old' | 'new' {
  const now = readActorsText(dir);
  JSON.parse(now);
  if (now === before) return 'old';
  expect(now).toBe(before.replace(oldKey, newKey));
  return 'new';
}

/** actors.json holds the key the server accepts now, differs from `before` only there, and .moot/ holds nothing else. */
async function expectWorkingKeyOnDisk(dir: string, agent: { actor_id: string; api_key: string }, before: string): Promise<void> {
  const key = keyIn(dir, agent.actor_id)!;
  expect(key).toBe(w.sb.agentKey(agent.actor_id));
  expect(await meStatus(w.sb, key)).toBe(200);
  expect(readActorsText(dir)).toBe(before.replace(agent.api_key, key));
  expect(readdirSync(join(dir, '.moot'))).toEqual(['actors.json']);
}

const STEPS = [
  { step: 'rotated', expected: 'old' },
  { step: 'temp-written', expected: 'old' },
  { step: 'temp-synced', expected: 'old' },
  { step: 'renamed', expected: 'new' },
] as const;

describe('takeover crash safety (SIGKILL at each step of the write path)', () => {
  for (const { step, expected } of STEPS) {
    it(`killed at ${step}: the file is the ${expected} complete JSON, and takeover --force again recovers a working key`, async () => {
      const { sb } = w;
      const agent = sb.createAgent({ displayName: 'Crashy', installationId: 'inst_other_machine' });
      const dir = await w.workspace('proj', [entryOf(sb.agents.connectedHere), entryOf(agent)]);
      const before = readActorsText(dir);

      const run = spawnCli(['agents', 'takeover', agent.actor_id, '--force'], { ...w.t.env, TOKENTRAY_TEST_PAUSE_AT: step });
      await run.paused(step);
      const rotatedKey = sb.agentKey(agent.actor_id);
      expect(rotatedKey).not.toBe(agent.api_key);
      expect(expectOldOrNew(dir, before, agent.api_key, rotatedKey)).toBe(expected);
      run.child.kill('SIGKILL');
      expect((await run.exit).signal).toBe('SIGKILL');
      expect(expectOldOrNew(dir, before, agent.api_key, rotatedKey)).toBe(expected);
      expect(run.stdout()).toBe('');

      const list = await w.json(['agents', 'list']);
      expect(list.value.find((a: { actor_id: string }) => a.actor_id === agent.actor_id)).toMatchObject({ status: expected === 'new' ? 'here' : 'elsewhere' });

      // Lost response / interrupted write: running it again with --force leaves a working key on disk.
      const again = await w.cli(['agents', 'takeover', agent.actor_id, '--force']);
      expect(again.code, again.stderr).toBe(0);
      // The dead process's lock and temp file (which held a key) are gone too.
      await expectWorkingKeyOnDisk(dir, agent, before);
    });
  }

  it('two takeovers of the same agent at once leave one consistent file with the key the server accepts', async () => {
    const { sb } = w;
    const agent = sb.createAgent({ displayName: 'Contested', installationId: 'inst_other_machine' });
    const dir = await w.workspace('proj', [entryOf(agent), entryOf(sb.agents.connectedHere)]);
    const before = readActorsText(dir);
    const runs = [0, 1].map(() => spawnCli(['agents', 'takeover', agent.actor_id, '--force', '--json'], w.t.env));
    const exits = await Promise.all(runs.map((r) => r.exit));
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    expect(sb.state.countRequests('POST', `/api/actors/${agent.actor_id}/rotate-key`)).toBe(2);
    await expectWorkingKeyOnDisk(dir, agent, before);
  });

  it('a takeover started while another sits between rotate and write waits for it, so the last valid key wins', async () => {
    const { sb } = w;
    const agent = sb.createAgent({ displayName: 'Contested', installationId: 'inst_other_machine' });
    const dir = await w.workspace('proj', [entryOf(agent)]);
    const resume = join(w.t.root, 'resume-a');
    const first = spawnCli(['agents', 'takeover', agent.actor_id, '--force'], { ...w.t.env, TOKENTRAY_TEST_PAUSE_AT: 'rotated', TOKENTRAY_TEST_RESUME_FILE: resume });
    await first.paused('rotated');
    const second = spawnCli(['agents', 'takeover', agent.actor_id, '--force'], w.t.env);
    // Give the second one the chance to run ahead; holding the lock across rotate + write is what stops it.
    await new Promise((r) => setTimeout(r, 500));
    expect(sb.state.countRequests('POST', `/api/actors/${agent.actor_id}/rotate-key`)).toBe(1);
    writeFileSync(resume, '');
    expect((await first.exit).code).toBe(0);
    expect((await second.exit).code).toBe(0);
    expect(sb.state.countRequests('POST', `/api/actors/${agent.actor_id}/rotate-key`)).toBe(2);
    const key = keyIn(dir, agent.actor_id)!;
    expect(key).toBe(sb.agentKey(agent.actor_id));
    expect(await meStatus(sb, key)).toBe(200);
  });
});
