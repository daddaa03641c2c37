import { lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesContaining } from '../helpers/cli';
import { actorsFile, createWorld, entryOf, keyIn, meStatus } from '../helpers/world';

// Two workspaces whose .moot/actors.json are links to one file in a dotfiles folder: a takeover
// writes the new key into that file and keeps both links.

const w = createWorld();

describe('takeover through a symlinked actors.json', () => {
  it('a file shared by two workspaces gets the new key; both links stay links', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    const shared = await w.workspace('dotfiles', [entryOf(builder), entryOf(sb.agents.connectedHere)], { add: false });
    const target = actorsFile(shared);
    writeFileSync(target, `${JSON.stringify({ actors: [entryOf(builder), entryOf(sb.agents.connectedHere)] }, null, 2)}\n`, { mode: 0o600 });
    const dirs = ['app', 'lib'].map((name) => join(w.t.root, name));
    for (const dir of dirs) {
      mkdirSync(join(dir, '.moot'), { recursive: true });
      symlinkSync(target, actorsFile(dir));
      expect((await w.cli(['workspace', 'add', dir])).code).toBe(0);
    }
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--force', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const result = JSON.parse(res.stdout);
    // One file holds the agent for both folders: nobody is left with a dead key.
    expect(result.other_workspaces).toEqual([]);
    expect(result.key_written).toBe(true);

    const newKey = sb.agentKey(builder.actor_id);
    expect(newKey).not.toBe(builder.api_key);
    expect(keyIn(shared, builder.actor_id)).toBe(newKey);
    for (const dir of dirs) {
      expect(lstatSync(actorsFile(dir)).isSymbolicLink()).toBe(true);
      expect(readlinkSync(actorsFile(dir))).toBe(target);
      expect(keyIn(dir, builder.actor_id)).toBe(newKey);
      expect(readdirSync(join(dir, '.moot'))).toEqual(['actors.json']);
    }
    expect(await meStatus(sb, newKey)).toBe(200);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(filesContaining(w.t.root, builder.api_key)).toEqual([]);
    // The key is in one file: the two links (which the walk follows) point to it.
    expect(filesContaining(w.t.root, newKey).filter((f) => !lstatSync(f).isSymbolicLink())).toEqual([target]);
    expect(readdirSync(join(shared, '.moot'))).toEqual(['actors.json']);

    const list = await w.json(['agents', 'list']);
    const rows = list.value.filter((a: { actor_id: string }) => a.actor_id === builder.actor_id);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['here', 'here']);
  });

  it('one workspace linking into a dotfiles folder: the target gets the new key, the link stays', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    const dotfiles = await w.workspace('dotfiles', [entryOf(builder)], { add: false });
    const dir = join(w.t.root, 'app');
    mkdirSync(join(dir, '.moot'), { recursive: true });
    symlinkSync(actorsFile(dotfiles), actorsFile(dir));
    expect((await w.cli(['workspace', 'add', dir])).code).toBe(0);
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--force']);
    expect(res.code, res.stderr).toBe(0);
    expect(lstatSync(actorsFile(dir)).isSymbolicLink()).toBe(true);
    expect(keyIn(dotfiles, builder.actor_id)).toBe(sb.agentKey(builder.actor_id));
    expect(filesContaining(w.t.root, builder.api_key)).toEqual([]);
  });

  it('a dangling actors.json link is named; nothing is rotated', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    const dir = join(w.t.root, 'app');
    mkdirSync(join(dir, '.moot'), { recursive: true });
    symlinkSync(join(w.t.root, 'dotfiles', 'gone.json'), actorsFile(dir));
    rmSync(join(w.t.root, 'dotfiles'), { recursive: true, force: true });
    expect((await w.cli(['workspace', 'add', dir])).code).toBe(0);
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--force', '--workspace', dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/actors\.json is a symbolic link to .*gone\.json, which does not exist/);
    expect(sb.agentKey(builder.actor_id)).toBe(builder.api_key);
    expect(lstatSync(actorsFile(dir)).isSymbolicLink()).toBe(true);
  });
});
