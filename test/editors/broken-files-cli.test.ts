import { existsSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClientId } from '../../shared/clients';
import { fakeMolyPat, makeTestEnv, type TestEnv } from '../helpers/cli';
import { FIXTURES } from './client-fixtures';
import { addMcpProfile, cli, put } from './editor-fixtures';

let t: TestEnv;
beforeEach(async () => {
  t = makeTestEnv();
  expect((await addMcpProfile(t, 'work', fakeMolyPat())).code).toBe(0);
});

/** One unparsable file per format, each with a token in it that no message may quote, and where the parser stops. */
function broken(token: string): { id: ClientId; text: string; at: RegExp }[] {
  return [
    { id: 'cursor', text: `{\n  "mcpServers": {\n    "a": { "url": "x", "headers": { "Authorization": "Bearer ${token}" } }\n    "b": {}\n  }\n}\n`, at: /CommaExpected at line 4, column 5/ },
    { id: 'zed', text: `// zed\n{\n  "context_servers": { "a": [ "Bearer ${token}" }\n}\n`, at: /at line 3, column \d+/ },
    { id: 'codex', text: `[mcp_servers.a]\ncommand = "x"\nargs = ["Bearer ${token}" "b"]\n`, at: /at line 3, column \d+/ },
    { id: 'goose', text: `extensions:\n  a:\n    cmd: x\n    envs: { T: "Bearer ${token}" }\n   bad: y\n`, at: /at line 5, column \d+/ },
  ];
}

const N = 100_000;
const deep = '['.repeat(N) + ']'.repeat(N);

/** One file per format nested 100,000 deep (and YAML nested by indentation alone). */
const DEEP: { id: ClientId; text: string }[] = [
  { id: 'cursor', text: `{"mcpServers": {"a": {"command": "x", "args": ${deep}}}}` },
  { id: 'vscode', text: `// deep\n{"servers": {"a": {"args": ${deep}}}}` },
  { id: 'codex', text: `[mcp_servers.a]\ncommand = "x"\nargs = ${deep}\n` },
  { id: 'goose', text: `extensions:\n  a:\n    args: ${deep}\n` },
  { id: 'continue', text: Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' v\n' },
];

describe('files tokentray cannot read are named, never overwritten, and never stop the rest', () => {
  it('an unparsable file in each format: install refuses with file:line:column and leaves it byte for byte; scan and list report it and go on', async () => {
    const inBroken = fakeMolyPat();
    const elsewhere = fakeMolyPat();
    const cases = broken(inBroken);
    for (const c of cases) put(FIXTURES[c.id].user(t), c.text);
    put(FIXTURES.kiro.user(t), FIXTURES.kiro.doc(elsewhere));

    for (const c of cases) {
      const file = FIXTURES[c.id].user(t);
      const res = await cli(t, ['editors', 'install', c.id, 'work']);
      expect(res.code, c.id).toBe(1);
      expect(res.stderr).toContain(`${file} is not valid (`);
      expect(res.stderr).toMatch(c.at);
      expect(res.stderr).toMatch(/left untouched/);
      expect(res.stdout + res.stderr).not.toContain(inBroken);
      expect(readFileSync(file, 'utf8')).toBe(c.text);
      expect(existsSync(`${file}.tokentray-backup`)).toBe(false);
    }

    const scan = await cli(t, ['editors', 'scan', '--json']);
    expect(scan.code).toBe(0);
    const report = JSON.parse(scan.stdout);
    expect(report.findings).toEqual([expect.objectContaining({ editor: 'kiro', server: 'remote' })]);
    for (const c of cases) expect(report.invalid_files).toEqual(expect.arrayContaining([expect.objectContaining({ file: FIXTURES[c.id].user(t), editor: c.id, message: expect.stringMatching(c.at) })]));
    expect(scan.stdout).not.toContain(inBroken);

    const migrate = await cli(t, ['editors', 'migrate', '--yes', '--json']);
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.stdout).migrated).toEqual([expect.objectContaining({ editor: 'kiro' })]);
    for (const c of cases) expect(readFileSync(FIXTURES[c.id].user(t), 'utf8')).toBe(c.text);

    const list = JSON.parse((await cli(t, ['editors', 'list', '--json'])).stdout);
    for (const c of cases) {
      const view = list.find((e: { editor: string }) => e.editor === c.id);
      expect(view.files[0]).toMatchObject({ path: FIXTURES[c.id].user(t), exists: true, error: expect.stringMatching(c.at) });
    }
  });

  it('100,000 nested brackets in any format (and YAML nested 1,000 deep by indentation): named, skipped, and every other file still scanned, listed and installed', async () => {
    const token = fakeMolyPat();
    for (const d of DEEP) put(FIXTURES[d.id].user(t), d.text);
    put(FIXTURES.lmstudio.user(t), FIXTURES.lmstudio.doc(token));

    const scan = await cli(t, ['editors', 'scan', '--json']);
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(0);
    const report = JSON.parse(scan.stdout);
    expect(report.findings).toEqual([expect.objectContaining({ editor: 'lmstudio', server: 'remote' })]);
    for (const d of DEEP) {
      expect(report.invalid_files).toEqual(expect.arrayContaining([expect.objectContaining({ file: FIXTURES[d.id].user(t), message: expect.stringMatching(/nested deeper than 512 levels/) })]));
    }
    expect(report.invalid_files.find((f: { editor: string }) => f.editor === 'codex').message).toMatch(/at line 3, column \d+/);

    const list = await cli(t, ['editors', 'list', '--json']);
    expect(list.code).toBe(0);
    const views = JSON.parse(list.stdout);
    for (const d of DEEP) expect(views.find((e: { editor: string }) => e.editor === d.id).files[0].error).toMatch(/nested deeper than 512 levels/);

    const all = await cli(t, ['editors', 'install', '--all', 'work', '--json']);
    const results = JSON.parse(all.stdout).results;
    for (const d of DEEP) expect(results.find((r: { editor: string }) => r.editor === d.id)).toMatchObject({ ok: false, error: expect.stringMatching(/nested deeper than 512 levels/) });
    expect(results.find((r: { editor: string }) => r.editor === 'lmstudio')).toMatchObject({ ok: true, result: { changed: true } });
    for (const d of DEEP) expect(readFileSync(FIXTURES[d.id].user(t), 'utf8')).toBe(d.text);

    const migrate = await cli(t, ['editors', 'migrate', '--yes', '--json']);
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.stdout).migrated).toEqual([expect.objectContaining({ editor: 'lmstudio' })]);
    expect(readFileSync(FIXTURES.lmstudio.user(t), 'utf8')).not.toContain(token);
  });
});
