import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeMolyPat, fakeMootupPat, filesContaining, makeTestEnv, type TestEnv } from '../helpers/cli';
import { secretToolLookup } from '../helpers/keychain';
import { ALL_CLIENTS, FIXTURES, MOLY_URL, expectedEntry, parseFile, proxyEnvOf, serversOf } from './client-fixtures';
import { LAUNCHER, cli, put } from './editor-fixtures';

let t: TestEnv;
beforeEach(() => {
  t = makeTestEnv();
});

/**
 * One HOME and one workspace holding a pasted token in every place and format users put them: each
 * client's remote shape (19 files), a header in args (`--header`), a `--token` flag, goose `envs`,
 * opencode `environment`, Continue `requestOptions.headers`, Codex `http_headers`, a Codex
 * `bearer_token_env_var` whose value sits in the workspace's `.env`, and project files.
 */
function pasteEverywhere(ws: string) {
  const tokens: Record<string, string> = {};
  for (const id of ALL_CLIENTS) {
    tokens[id] = id === 'cursor' ? fakeMootupPat() : fakeMolyPat();
    const text = FIXTURES[id].doc(tokens[id]).replace(MOLY_URL, id === 'cursor' ? 'https://mootup.io/mcp' : MOLY_URL);
    put(FIXTURES[id].user(t), text);
  }
  // Claude Code's own backup of ~/.claude.json keeps a copy of the pasted token too.
  put(join(t.home, '.claude', 'backups', '.claude.json.backup.1700000000000'), FIXTURES['claude-code'].doc(tokens['claude-code']));
  tokens.gooseEnvs = fakeMolyPat();
  put(
    FIXTURES.goose.user(t),
    `${FIXTURES.goose.doc(tokens.goose)}extensions_note: see above\n`.replace(
      '\n# Search Path Configuration',
      `\n  wrapped:\n    type: stdio\n    name: wrapped\n    enabled: true\n    cmd: npx\n    args: [mcp-remote, "${MOLY_URL}", --header, "Authorization:\${AUTH}"]\n    envs: { AUTH: "Bearer ${tokens.gooseEnvs}" }\n    env_keys: []\n    timeout: 300\n\n# Search Path Configuration`,
    ),
  );
  tokens.opencodeEnv = fakeMolyPat();
  tokens.claudeToken = `tk${'7f'.repeat(16)}`;
  put(
    join(ws, 'opencode.json'),
    `{\n  // project servers\n  "mcp": {\n    "wrapped": { "type": "local", "command": ["npx", "mcp-remote", "${MOLY_URL}", "--header", "Authorization:\${AUTH}"], "environment": { "AUTH": "Bearer ${tokens.opencodeEnv}" } },\n    "flagged": { "type": "local", "command": ["svc-proxy", "--url", "${MOLY_URL}", "--token", "${tokens.claudeToken}"] }\n  }\n}\n`,
  );
  tokens.envFile = fakeMolyPat();
  put(join(ws, '.codex', 'config.toml'), `# team servers\n[mcp_servers.moly-team]\nurl = "${MOLY_URL}"\nbearer_token_env_var = "MOLY_TEAM_TOKEN"\n`);
  put(join(ws, '.env'), `# local settings\nPORT=3000\nMOLY_TEAM_TOKEN=${tokens.envFile}\nDEBUG=1\n`);
  tokens.block = fakeMolyPat();
  put(join(ws, '.continue', 'mcpServers', 'moly.yaml'), `name: Moly\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: moly-block\n    type: streamable-http\n    url: ${MOLY_URL}\n    requestOptions:\n      headers:\n        Authorization: Bearer ${tokens.block}\n`);
  tokens.mcpJson = fakeMolyPat();
  put(join(ws, '.mcp.json'), JSON.stringify({ mcpServers: { 'moly-shared': { type: 'http', url: MOLY_URL, headers: { 'X-Api-Key': tokens.mcpJson } } } }, null, 2));
  return tokens;
}

describe('editors migrate across every format at once', () => {
  it('moves every pasted token into the keychain and leaves 0 copies anywhere: files, backups, .env, profiles.json, audit log', async () => {
    const ws = join(t.root, 'ws');
    const tokens = pasteEverywhere(ws);

    const scan = JSON.parse((await cli(t, ['editors', 'scan', '--dir', ws, '--json'])).stdout);
    const hints = new Set(scan.findings.map((f: { token_hint: string }) => f.token_hint));
    for (const [where, token] of Object.entries(tokens)) expect(hints.has(`${token.slice(0, token.startsWith('mootup') ? 19 : 7)}…${token.slice(-4)}`) || hints.has(`…${token.slice(-4)}`), where).toBe(true);
    expect(scan.findings).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'env_file', file: join(ws, '.env'), editor: 'codex', server: 'moly-team', json_path: expect.stringMatching(/^MOLY_TEAM_TOKEN \(line 3\), used by mcp_servers\.moly-team\.bearer_token_env_var/) })]));
    expect(scan.findings.filter((f: { file: string }) => f.file === join(ws, '.env'))).toHaveLength(1);

    const res = await cli(t, ['editors', 'migrate', '--yes', '--dir', ws, '--json']);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.skipped).toEqual([]);
    expect(report.invalid_files).toEqual([]);
    // One step per entry: the Claude backup's entry reuses the profile made for ~/.claude.json.
    expect(report.migrated).toHaveLength(Object.keys(tokens).length + 1);
    expect(report.migrated.filter((m: { server: string; editor: string }) => m.editor === 'claude-code' && m.server === 'remote').map((m: { reuse: boolean }) => m.reuse).sort()).toEqual([false, true]);
    for (const token of Object.values(tokens)) {
      expect(filesContaining(t.root, token)).toEqual([]);
      expect(res.stdout + res.stderr).not.toContain(token);
    }
    expect(res.stderr).toMatch(/Removed MOLY_TEAM_TOKEN from .*\.env \(line 3\): it held the token of "moly-team"/);

    // Each token is in the keychain under the profile its entry now launches.
    for (const m of report.migrated as { profile: string; token_hint: string }[]) expect(secretToolLookup(t.service, m.profile)).toMatch(new RegExp(`${m.token_hint.slice(-4)}$`));
    // Every client file still parses, keeps its comments and the user's other servers, and launches the proxy.
    for (const id of ALL_CLIENTS) {
      const f = FIXTURES[id];
      const text = readFileSync(f.user(t), 'utf8');
      for (const kept of f.keep) expect(text, id).toContain(kept);
      const profile = report.migrated.find((m: { editor: string; server: string; file: string }) => m.file === f.user(t) && m.server === 'remote').profile;
      expect(serversOf(f, parseFile(f.format, text)).remote, id).toMatchObject(expectedEntry(id, 'remote', profile, LAUNCHER, proxyEnvOf(t)));
    }
    // Project files get the portable command; the .env keeps its other lines.
    const team = parseFile('toml', readFileSync(join(ws, '.codex', 'config.toml'), 'utf8'));
    expect(team.mcp_servers['moly-team']).toEqual({ command: 'tokentray', args: ['mcp', 'moly-team'] });
    expect(readFileSync(join(ws, '.codex', 'config.toml'), 'utf8')).toMatch(/^# team servers\n/);
    expect(readFileSync(join(ws, '.env'), 'utf8')).toBe('# local settings\nPORT=3000\nDEBUG=1\n');
    expect(parseFile('yaml', readFileSync(join(ws, '.continue', 'mcpServers', 'moly.yaml'), 'utf8'))).toEqual({ name: 'Moly', version: '0.0.1', schema: 'v1', mcpServers: [{ name: 'moly-block', command: 'tokentray', args: ['mcp', 'moly-block'] }] });
    expect(JSON.parse(readFileSync(join(ws, 'opencode.json'), 'utf8').replace(/\/\/.*\n/, '')).mcp.flagged).toEqual({ type: 'local', command: ['tokentray', 'mcp', 'flagged'] });

    const again = JSON.parse((await cli(t, ['editors', 'scan', '--dir', ws, '--json'])).stdout);
    expect(again.findings).toEqual([]);
  });

  it('a Bearer value outside any server entry is reported and left for the person, with the reason', async () => {
    const token = fakeMolyPat();
    put(FIXTURES.continue.user(t), `models:\n  - name: gateway\n    provider: openai\n    requestOptions:\n      headers:\n        Authorization: Bearer ${token}\nmcpServers: []\n`);
    const scan = JSON.parse((await cli(t, ['editors', 'scan', '--json'])).stdout);
    expect(scan.findings).toEqual([expect.objectContaining({ editor: 'continue', json_path: 'models[0].requestOptions.headers.Authorization', where: 'other' })]);
    const migrate = JSON.parse((await cli(t, ['editors', 'migrate', '--yes', '--json'])).stdout);
    expect(migrate.skipped).toEqual([expect.objectContaining({ json_path: 'models[0].requestOptions.headers.Authorization', reason: expect.stringMatching(/not inside an MCP server entry/) })]);
  });
});
