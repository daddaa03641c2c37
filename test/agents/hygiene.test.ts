import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { actorsFile, createWorld, entryOf, git } from '../helpers/world';

const w = createWorld();
const kinds = (workspace: { hygiene: Array<{ kind: string }> }) => workspace.hygiene.map((p) => p.kind).sort();
/** git's own verdict, not ours: exit 0 = ignored. */
const gitIgnores = (dir: string) => spawnSync('git', ['check-ignore', '-q', '--no-index', '.moot/actors.json'], { cwd: dir }).status === 0;

describe('actors.json hygiene on real git repositories', () => {
  it('flags mode 0644 and not git-ignored; workspace fix chmods and ignores .moot/', async () => {
    const dir = await w.workspace('repo', [entryOf(w.sb.agents.connectedHere)], { mode: 0o644 });
    git(dir, 'init', '-q');
    writeFileSync(join(dir, '.gitignore'), 'node_modules/');

    const list = await w.json(['workspace', 'list']);
    expect(kinds(list.value[0])).toEqual(['mode', 'not_ignored']);
    expect(list.value[0].hygiene.every((p: { fixable: boolean }) => p.fixable)).toBe(true);
    const agents = await w.cli(['agents', 'list']);
    expect(agents.code).toBe(0);
    expect(agents.stderr).toMatch(/warning: .*mode 644/);
    expect(agents.stderr).toMatch(/warning: .*not git-ignored/);
    const doctor = await w.json(['doctor']);
    expect(doctor.value.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'workspace_mode', status: 'warn', subject: dir }),
        expect.objectContaining({ id: 'workspace_not_ignored', status: 'warn', subject: dir }),
      ]),
    );

    const fix = await w.json(['workspace', 'fix', dir]);
    expect(fix.code, fix.stderr).toBe(0);
    expect(fix.value).toMatchObject({ ok: true, remaining: [], fixed: [expect.stringContaining('mode 600'), expect.stringContaining('.gitignore')] });
    expect(statSync(actorsFile(dir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\n.moot/\n');
    expect(gitIgnores(dir)).toBe(true);
    expect((await w.json(['workspace', 'list'])).value[0].hygiene).toEqual([]);
    const doctorAfter = await w.json(['doctor']);
    expect(doctorAfter.value.checks).toContainEqual(expect.objectContaining({ id: 'workspace', status: 'ok', subject: dir }));

    const again = await w.cli(['workspace', 'fix', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to fix');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\n.moot/\n');
  });

  it('a tracked actors.json is flagged as not fixable (rotate by takeover); fix does the rest and exits 1', async () => {
    const dir = await w.workspace('repo', [entryOf(w.sb.agents.connectedHere)], { mode: 0o644 });
    git(dir, 'init', '-q');
    git(dir, 'add', '.moot/actors.json');
    git(dir, 'commit', '-q', '-m', 'oops: keys');

    const list = await w.json(['workspace', 'list']);
    expect(kinds(list.value[0])).toEqual(['mode', 'not_ignored', 'tracked']);
    expect(list.value[0].hygiene.find((p: { kind: string }) => p.kind === 'tracked')).toMatchObject({ fixable: false, message: expect.stringContaining('agents takeover') });
    const doctor = await w.json(['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.value.checks).toContainEqual(expect.objectContaining({ id: 'workspace_tracked', status: 'fail', subject: dir }));

    const fix = await w.json(['workspace', 'fix', dir]);
    expect(fix.code).toBe(1);
    expect(fix.value.remaining).toEqual([expect.objectContaining({ kind: 'tracked', fixable: false })]);
    expect(fix.value.message).toMatch(/Not fixed: .*tracked by git.*takeover/);
    expect(statSync(actorsFile(dir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('.moot/\n');
    expect(gitIgnores(dir)).toBe(true);
    expect(git(dir, 'ls-files', '.moot/actors.json').trim()).toBe('.moot/actors.json');
  });

  it('outside git only the mode is checked', async () => {
    const dir = await w.workspace('plain', [entryOf(w.sb.agents.connectedHere)], { mode: 0o640 });
    const list = await w.json(['workspace', 'list']);
    expect(kinds(list.value[0])).toEqual(['mode']);
    expect((await w.cli(['workspace', 'fix', dir])).code).toBe(0);
    expect(statSync(actorsFile(dir)).mode & 0o777).toBe(0o600);
  });
});
