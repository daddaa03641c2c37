import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeMolyPat, fakeMootupPat, makeTestEnv, type TestEnv } from '../helpers/cli';
import { cli, put, userFile } from './editor-fixtures';

let t: TestEnv;
beforeEach(() => {
  t = makeTestEnv();
});

const hintOf = (token: string, prefix: number) => `${token.slice(0, prefix)}…${token.slice(-4)}`;
const agentKey = () => `convo_${randomBytes(24).toString('base64url')}`;

/** The shapes users paste tokens in (EDITORS.md), one per editor. Returns every token written. */
function pasteTokens() {
  const tokens = {
    cursorHeader: fakeMootupPat(),
    vscodeHeader: fakeMolyPat(),
    desktopEnv: fakeMolyPat(),
    desktopArgs: `opaque${randomBytes(16).toString('hex')}`,
    windsurfHeader: fakeMolyPat(),
    claudeProject: fakeMootupPat(),
    claudeToken: `plain${randomBytes(12).toString('hex')}`,
    envName: `z${randomBytes(20).toString('hex')}`,
  };
  put(userFile(t, 'cursor'), JSON.stringify({ mcpServers: { mootup: { url: 'https://mootup.io/mcp', headers: { Authorization: `Bearer ${tokens.cursorHeader}` } } } }, null, 2));
  put(userFile(t, 'vscode'), `{\n  // work\n  "servers": {\n    "moly": {"type": "http", "url": "https://api.moly.so/mcp", "headers": {"Authorization": "Bearer ${tokens.vscodeHeader}"},},\n  },\n}\n`);
  put(
    userFile(t, 'claude-desktop'),
    JSON.stringify({
      mcpServers: {
        moly: { command: 'npx', args: ['mcp-remote', 'https://api.moly.so/mcp', '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: `Bearer ${tokens.desktopEnv}` } },
        other: { command: 'npx', args: ['mcp-remote', 'https://other.test/mcp', '--header', `Authorization: Bearer ${tokens.desktopArgs}`] },
        local: { command: 'node', args: ['server.js'], env: { SERVICE_SECRET: tokens.envName, NODE_ENV: 'production' } },
      },
    }),
  );
  put(userFile(t, 'windsurf'), JSON.stringify({ mcpServers: { moly: { serverUrl: 'https://api.moly.so/mcp', headers: { Authorization: `Bearer ${tokens.windsurfHeader}` } } } }));
  put(
    userFile(t, 'claude-code'),
    JSON.stringify({
      numStartups: 4,
      projects: { '/work/app': { mcpServers: { mootup: { type: 'http', url: 'https://mootup.io/mcp', headers: { Authorization: `Bearer ${tokens.claudeProject}` } } } } },
      mcpServers: { svc: { command: 'svc-mcp', args: ['--token', tokens.claudeToken] } },
    }),
  );
  return tokens;
}

describe('editors scan', () => {
  it('finds tokens in headers, env and args across editors, and reports only hints', async () => {
    const tokens = pasteTokens();
    const res = await cli(t, ['editors', 'scan', '--json']);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    const found = report.findings.map((f: Record<string, string>) => [f.editor, f.json_path, f.where, f.token_hint]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['cursor', 'mcpServers.mootup.headers.Authorization', 'header', hintOf(tokens.cursorHeader, 19)],
        ['vscode', 'servers.moly.headers.Authorization', 'header', hintOf(tokens.vscodeHeader, 7)],
        ['claude-desktop', 'mcpServers.moly.env.AUTH_HEADER', 'env', hintOf(tokens.desktopEnv, 7)],
        ['claude-desktop', 'mcpServers.other.args[3]', 'args', `…${tokens.desktopArgs.slice(-4)}`],
        ['claude-desktop', 'mcpServers.local.env.SERVICE_SECRET', 'env', `…${tokens.envName.slice(-4)}`],
        ['windsurf', 'mcpServers.moly.headers.Authorization', 'header', hintOf(tokens.windsurfHeader, 7)],
        ['claude-code', 'projects["/work/app"].mcpServers.mootup.headers.Authorization', 'header', hintOf(tokens.claudeProject, 19)],
        ['claude-code', 'mcpServers.svc.args[1]', 'args', `…${tokens.claudeToken.slice(-4)}`],
      ]),
    );
    expect(report.findings).toHaveLength(8);
    expect(report.files_scanned).toBe(5);

    const human = await cli(t, ['editors', 'scan']);
    expect(human.stdout).toContain('mcpServers.moly.env.AUTH_HEADER');
    expect(human.stdout).toContain('tokentray editors migrate');
    const doctor = await cli(t, ['doctor', '--json']);
    const warnings = JSON.parse(doctor.stdout).checks.filter((c: { id: string }) => c.id === 'editor_token');
    expect(warnings).toHaveLength(8);
    expect(warnings[0]).toMatchObject({ status: 'warn', subject: userFile(t, 'cursor') });
    for (const output of [res, human, doctor]) {
      for (const token of Object.values(tokens)) expect(output.stdout + output.stderr).not.toContain(token);
    }
  });

  it('reports an invalid file and still scans the others', async () => {
    const token = fakeMolyPat();
    put(userFile(t, 'cursor'), '{"mcpServers": {');
    put(userFile(t, 'windsurf'), JSON.stringify({ mcpServers: { moly: { serverUrl: 'https://api.moly.so/mcp', headers: { Authorization: `Bearer ${token}` } } } }));
    const res = await cli(t, ['editors', 'scan', '--json']);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.findings).toHaveLength(1);
    expect(report.invalid_files).toEqual([expect.objectContaining({ file: userFile(t, 'cursor'), message: expect.stringMatching(/line 1, column \d+/) })]);
  });

  it('finds nothing in tokentray entries, references and ordinary settings', async () => {
    put(
      userFile(t, 'cursor'),
      JSON.stringify({
        mcpServers: {
          tt: { command: '/opt/tokentray', args: ['mcp', 'work'] },
          ref: { url: 'https://api.moly.so/mcp', headers: { Authorization: 'Bearer ${env:MOLY_TOKEN}' } },
          local: { command: 'npx', args: ['-y', '@scope/server@1.2.3', '--port', '3000'], env: { NODE_ENV: 'production', PATH: '/usr/local/bin:/usr/bin' } },
        },
      }),
    );
    const res = await cli(t, ['editors', 'scan', '--json']);
    expect(JSON.parse(res.stdout).findings).toEqual([]);
    const doctor = JSON.parse((await cli(t, ['doctor', '--json'])).stdout);
    expect(doctor.checks).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'editor_token', status: 'ok' })]));
  });

  it('scans workspace folders given with --dir: .env* files, project configs and .moot/actors.json hygiene', async () => {
    const a = join(t.root, 'ws-a');
    const b = join(t.root, 'ws-b');
    const moly = fakeMolyPat();
    const pat = fakeMootupPat();
    const key = agentKey();
    put(join(a, '.env'), `# settings\nMOLY_TOKEN=${moly}\nPORT=3000\n`);
    put(join(a, '.env.local'), `export MOOTUP_PAT="${pat}"\n`);
    put(join(a, '.moot', 'actors.json'), JSON.stringify({ actors: [{ actor_id: 'a1', display_name: 'Bot', api_key: key }] }), 0o644);
    put(join(b, '.moot', 'actors.json'), JSON.stringify({ actors: [{ actor_id: 'b1', api_key: agentKey() }] }), 0o600);
    put(join(b, '.mcp.json'), JSON.stringify({ mcpServers: { m: { type: 'http', url: 'https://mootup.io/mcp', headers: { Authorization: `Bearer ${pat}` } } } }));

    const res = await cli(t, ['editors', 'scan', '--dir', `${a},${b}`, '--json']);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.findings.map((f: Record<string, string>) => [f.source, f.file, f.json_path])).toEqual(
      expect.arrayContaining([
        ['env_file', join(a, '.env'), 'MOLY_TOKEN (line 2)'],
        ['env_file', join(a, '.env.local'), 'MOOTUP_PAT (line 1)'],
        ['editor', join(b, '.mcp.json'), 'mcpServers.m.headers.Authorization'],
      ]),
    );
    expect(report.findings).toHaveLength(3);
    expect(report.hygiene).toEqual([expect.objectContaining({ file: join(a, '.moot', 'actors.json'), issue: 'mode', mode: '644' })]);
    const human = await cli(t, ['editors', 'scan', '--dir', `${a},${b}`]);
    expect(human.stdout).toMatch(/hygiene: .*actors\.json holds 1 agent key\(s\) .* chmod 600/);
    for (const output of [res, human]) for (const token of [moly, pat, key]) expect(output.stdout + output.stderr).not.toContain(token);
  });

  it('scans the workspaces in workspaces.json without --dir, in scan and in doctor', async () => {
    const ws = join(t.root, 'ws');
    const moly = fakeMolyPat();
    put(join(ws, '.env.production'), `MOLY_TOKEN=${moly}\n`);
    put(join(t.tokentrayHome, 'workspaces.json'), JSON.stringify({ version: 1, workspaces: [{ dir: ws, profile: 'work', added_at: '2026-01-01T00:00:00Z' }] }), 0o600);
    const res = await cli(t, ['editors', 'scan', '--json']);
    expect(JSON.parse(res.stdout).findings).toEqual([expect.objectContaining({ source: 'env_file', file: join(ws, '.env.production'), json_path: 'MOLY_TOKEN (line 1)' })]);
    const doctor = await cli(t, ['doctor', '--json']);
    expect(JSON.parse(doctor.stdout).checks).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'editor_token', status: 'warn', subject: join(ws, '.env.production') })]));
    for (const output of [res, doctor]) expect(output.stdout + output.stderr).not.toContain(moly);
  });
});
