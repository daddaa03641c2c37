import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeMootupPat, filesContaining, makeTestEnv, type TestEnv } from '../helpers/cli';
import { secretToolLookup } from '../helpers/keychain';
import { LAUNCHER, addMcpProfile, cli, userFile } from './editor-fixtures';

// An editor config kept in a dotfiles folder and linked into place: migrate rewrites the file the
// link points to (the token must leave it) and keeps the link.

let t: TestEnv;
beforeEach(() => {
  t = makeTestEnv();
});

/** `~/.cursor/mcp.json` → `~/dotfiles/cursor/mcp.json` (two hops: through `~/dotfiles/current`), holding a pasted PAT. */
function linkedCursorConfig(token: string): { link: string; target: string } {
  const target = join(t.home, 'dotfiles', 'cursor', 'mcp.json');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify({ mcpServers: { mootup: { url: 'https://mootup.io/mcp', headers: { Authorization: `Bearer ${token}` } } } }, null, 2), { mode: 0o640 });
  const hop = join(t.home, 'dotfiles', 'current-cursor.json');
  symlinkSync(target, hop);
  const link = userFile(t, 'cursor');
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(hop, link);
  return { link, target };
}

describe('editors migrate through a symlinked config', () => {
  it('rewrites the link target in place: the link stays, the token is in 0 files', async () => {
    const token = fakeMootupPat();
    const { link, target } = linkedCursorConfig(token);
    const res = await cli(t, ['editors', 'migrate', '--yes', '--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).migrated).toEqual([expect.objectContaining({ editor: 'cursor', profile: 'mootup' })]);

    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join(t.home, 'dotfiles', 'current-cursor.json'));
    expect(lstatSync(join(t.home, 'dotfiles', 'current-cursor.json')).isSymbolicLink()).toBe(true);
    const entry = JSON.parse(readFileSync(target, 'utf8')).mcpServers.mootup;
    expect(entry).toMatchObject({ command: LAUNCHER, args: ['mcp', 'mootup'] });
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(secretToolLookup(t.service, 'mootup')).toBe(token);
    expect(filesContaining(t.root, token)).toEqual([]);
    // The backup (beside the link, outside the dotfiles folder) has the token removed; no temp file is left.
    expect(readFileSync(`${link}.tokentray-backup`, 'utf8')).toMatch(/REMOVED-BY-TOKENTRAY/);
    expect(readdirSync(dirname(link)).sort()).toEqual(['mcp.json', 'mcp.json.tokentray-backup']);
    expect(readdirSync(dirname(target))).toEqual(['mcp.json']);
  });

  it('a symbolic link at the backup’s name (say, shipped in a cloned project) is replaced, never written through', async () => {
    const token = fakeMootupPat();
    const { link } = linkedCursorConfig(token);
    const victim = join(t.home, '.bashrc');
    writeFileSync(victim, 'echo hi\n');
    symlinkSync(victim, `${link}.tokentray-backup`);
    const res = await cli(t, ['editors', 'migrate', '--yes']);
    expect(res.code, res.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('echo hi\n');
    expect(lstatSync(`${link}.tokentray-backup`).isFile()).toBe(true);
    expect(filesContaining(t.root, token)).toEqual([]);
  });

  it('a dangling link is refused with a clear message and nothing is written', async () => {
    const link = userFile(t, 'cursor');
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(t.home, 'dotfiles', 'gone.json'), link);
    expect((await addMcpProfile(t, 'work', `mp_${'a'.repeat(43)}`)).code).toBe(0);
    const res = await cli(t, ['editors', 'install', 'cursor', 'work']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/symbolic link to .*gone\.json, which does not exist/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});
