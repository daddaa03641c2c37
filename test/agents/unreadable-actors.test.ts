import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actorsFile, createWorld, entryOf, keyIn } from '../helpers/world';

// A workspace whose actors.json cannot be read (corrupt, or nested 100,000 deep) is named, and the
// others still work: `agents list` lists them, `takeover` says which file it could not read.

const w = createWorld();
const DEEP = `{"actors": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

describe('an unreadable actors.json', () => {
  it('100,000 nested brackets: agents list names the file and still lists the other workspaces', async () => {
    const { sb } = w;
    const good = await w.workspace('good', [entryOf(sb.agents.connectedHere)]);
    const deep = await w.workspace('deep', [entryOf(sb.agents.connectedElsewhere)]);
    writeFileSync(actorsFile(deep), DEEP);
    const res = await w.cli(['agents', 'list', '--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).not.toMatch(/call stack/i);
    expect(res.stderr).toContain(actorsFile(deep));
    expect(res.stderr).toMatch(/nested more than \d+ levels deep/);
    const agents = JSON.parse(res.stdout) as Array<{ actor_id: string; workspace: string | null; status: string }>;
    expect(agents.find((a) => a.actor_id === sb.agents.connectedHere.actor_id)).toMatchObject({ workspace: good, status: 'here' });

    const listed = await w.json(['workspace', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.value.find((v: { dir: string }) => v.dir === deep)).toMatchObject({ error: expect.stringContaining(actorsFile(deep)) });
    expect(JSON.stringify(listed.value)).not.toMatch(/call stack/i);
  });

  it('takeover of an agent whose only workspace has a corrupt file says which file could not be read; nothing is rotated', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    await w.workspace('good', [entryOf(sb.agents.connectedHere)]);
    const broken = await w.workspace('broken', [entryOf(builder)]);
    const text = `{"actors": [{"actor_id": "${builder.actor_id}", "api_key": "${builder.api_key}"`;
    writeFileSync(actorsFile(broken), text);
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--force']);
    expect(res.code).toBe(1);
    expect(res.stderr).not.toContain('in no workspace on this machine');
    expect(res.stderr).toContain(`${actorsFile(broken)} is corrupt`);
    expect(res.stderr).toContain('could not be read');
    expect(res.stderr).not.toContain(builder.api_key);
    expect(readFileSync(actorsFile(broken), 'utf8')).toBe(text);
    expect(sb.agentKey(builder.actor_id)).toBe(builder.api_key);
  });

  it('takeover of an agent held by a readable workspace still works, and names the file it could not read', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    const good = await w.workspace('good', [entryOf(builder)]);
    const deep = await w.workspace('deep', [entryOf(sb.agents.connectedHere)]);
    writeFileSync(actorsFile(deep), DEEP);
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--force']);
    expect(res.code, res.stderr).toBe(0);
    expect(keyIn(good, builder.actor_id)).toBe(sb.agentKey(builder.actor_id));
    expect(res.stdout).toContain(`Could not read ${actorsFile(deep)}: if it holds Builder, the key there stops working now.`);
    expect(readFileSync(actorsFile(deep), 'utf8')).toBe(DEEP);
  });

  it('takeover with a deeply nested file among the workspaces names it and rotates nothing', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    const deep = await w.workspace('deep', [entryOf(builder)]);
    writeFileSync(actorsFile(deep), DEEP);
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--force']);
    expect(res.code).toBe(1);
    expect(res.stderr).not.toMatch(/call stack/i);
    expect(res.stderr).toContain(actorsFile(deep));
    expect(res.stderr).toMatch(/nested more than \d+ levels deep/);
    expect(sb.agentKey(builder.actor_id)).toBe(builder.api_key);
  });
});
