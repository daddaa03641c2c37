import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeMootupPat, runCli } from '../helpers/cli';
import { createWorld, entryOf } from '../helpers/world';

const w = createWorld();
const stored = () => JSON.parse(readFileSync(join(w.t.tokentrayHome, 'workspaces.json'), 'utf8')).workspaces;

describe('tokentray workspace add | list | remove', () => {
  it('stores the real absolute path, tied to the only mootup profile; accepts a folder without actors.json with a note', async () => {
    const real = join(w.t.root, 'real-folder');
    mkdirSync(real);
    const link = join(w.t.root, 'link');
    symlinkSync(real, link);
    const res = await w.cli(['workspace', 'add', link, '--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/note: .*actors\.json does not exist yet/);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: true, dir: real, profile: 'work', has_actors_file: false, added: true });
    expect(stored()).toEqual([{ dir: real, profile: 'work', added_at: expect.any(String) }]);

    const again = await w.json(['workspace', 'add', real]);
    expect(again.value).toMatchObject({ added: false });
    expect(stored()).toHaveLength(1);

    const list = await w.json(['workspace', 'list']);
    expect(list.value).toEqual([{ dir: real, profile: 'work', has_actors_file: false, agent_count: 0, hygiene: [] }]);

    expect((await w.cli(['workspace', 'remove', link])).code).toBe(0);
    expect(stored()).toEqual([]);
    const missing = await w.cli(['workspace', 'remove', link]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('is not a workspace');
  });

  it('counts the agents of a workspace', async () => {
    const dir = await w.workspace('proj', [entryOf(w.sb.agents.connectedHere), entryOf(w.sb.agents.available)]);
    const list = await w.json(['workspace', 'list']);
    expect(list.value).toEqual([expect.objectContaining({ dir, has_actors_file: true, agent_count: 2, hygiene: [] })]);
  });

  it('several mootup profiles: --profile is required (usage error listing them); an unknown or mcp profile is refused', async () => {
    await runCli(['profile', 'add', 'home', '--kind', 'mootup', '--url', w.sb.url], { env: w.t.env, input: fakeMootupPat() });
    await runCli(['profile', 'add', 'moly', '--kind', 'mcp', '--url', 'https://api.moly.so/mcp'], { env: w.t.env, input: `mp_${'a'.repeat(43)}` });
    const dir = join(w.t.root, 'proj');
    mkdirSync(dir);
    const ambiguous = await w.cli(['workspace', 'add', dir]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('several mootup profiles exist (work, home)');
    expect((await w.cli(['workspace', 'add', dir, '--profile', 'nope'])).code).toBe(1);
    const mcp = await w.cli(['workspace', 'add', dir, '--profile', 'moly']);
    expect(mcp.code).toBe(1);
    expect(mcp.stderr).toContain('agents need a mootup profile');
    expect((await w.cli(['workspace', 'add', dir, '--profile', 'home'])).code).toBe(0);
    expect(stored()).toEqual([expect.objectContaining({ dir, profile: 'home' })]);
    expect((await w.cli(['workspace', 'add', join(w.t.root, 'absent'), '--profile', 'home'])).code).toBe(1);
  });

  it('no mootup profile at all: says how to add one', async () => {
    const t2 = { ...w.t.env, TOKENTRAY_HOME: join(w.t.root, 'empty-home') };
    const dir = join(w.t.root, 'proj');
    mkdirSync(dir);
    const res = await runCli(['workspace', 'add', dir], { env: t2 });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('tokentray profile add');
  });
});
