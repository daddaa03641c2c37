import { describe, expect, it } from 'vitest';
import { parse } from '../../electron/core/editors/jsonc';
import { configFileFor } from '../../electron/core/editors/editor-defs';
import { removeJsonValue, setJsonValue } from '../../electron/core/editors/json-edit';
import { mcpConfigSnippet, oneClickLinks, proxyEntryProfile } from '../../electron/core/editors/proxy-entry';
import { resolveLauncher } from '../../electron/core/editors/launcher';
import { secretsInEntry, looksLikeToken } from '../../electron/core/editors/token-rules';
import { envAssignments } from '../../electron/core/editors/folder-scan';
import { redactTokens } from '../../electron/core/editors/config-write';
import { fakeMolyPat, fakeMootupPat } from '../helpers/cli';

describe('editor config paths follow HOME, XDG_CONFIG_HOME, APPDATA and CLAUDE_CONFIG_DIR per OS', () => {
  const env = { HOME: '/h', XDG_CONFIG_HOME: '/x', APPDATA: 'C:\\Users\\u\\AppData\\Roaming' };
  const user = (editor: Parameters<typeof configFileFor>[0], platform: NodeJS.Platform, e: Record<string, string> = env) => configFileFor(editor, 'user', e, undefined, platform)!.path;

  it('linux', () => {
    expect(user('cursor', 'linux')).toBe('/h/.cursor/mcp.json');
    expect(user('vscode', 'linux')).toBe('/x/Code/User/mcp.json');
    expect(user('vscode', 'linux', { HOME: '/h' })).toBe('/h/.config/Code/User/mcp.json');
    expect(user('claude-code', 'linux')).toBe('/h/.claude.json');
    expect(user('claude-code', 'linux', { ...env, CLAUDE_CONFIG_DIR: '/c' })).toBe('/c/.claude.json');
    expect(user('claude-desktop', 'linux')).toBe('/x/Claude/claude_desktop_config.json');
    expect(user('windsurf', 'linux')).toBe('/h/.codeium/windsurf/mcp_config.json');
  });

  it('macOS', () => {
    expect(user('vscode', 'darwin')).toBe('/h/Library/Application Support/Code/User/mcp.json');
    expect(user('claude-desktop', 'darwin')).toBe('/h/Library/Application Support/Claude/claude_desktop_config.json');
  });

  it('Windows uses APPDATA for VS Code and Claude Desktop', () => {
    expect(user('vscode', 'win32')).toContain('AppData\\Roaming');
    expect(user('claude-desktop', 'win32')).toMatch(/Roaming.Claude.claude_desktop_config\.json$/);
  });

  it('project files, and none for editors without a project scope', () => {
    expect(configFileFor('cursor', 'project', env, '/p')!.path).toBe('/p/.cursor/mcp.json');
    expect(configFileFor('vscode', 'project', env, '/p')!.path).toBe('/p/.vscode/mcp.json');
    expect(configFileFor('claude-code', 'project', env, '/p')!.path).toBe('/p/.mcp.json');
    expect(configFileFor('claude-desktop', 'project', env, '/p')).toBeNull();
    expect(configFileFor('windsurf', 'project', env, '/p')).toBeNull();
  });
});

describe('minimal JSON edits', () => {
  const entry = { type: 'stdio', command: '/opt/tokentray', args: ['mcp', 'work'] };

  it('keeps comments and trailing commas in JSONC when adding and removing an entry', () => {
    const text = '{\n  // my servers\n  "servers": {\n    "a": {"type": "http", "url": "https://x.test/mcp"}, // keep me\n  },\n  /* inputs */ "inputs": [],\n}\n';
    const added = setJsonValue('f', text, ['servers', 'tt'], entry, true);
    for (const c of ['// my servers', '// keep me', '/* inputs */']) expect(added).toContain(c);
    expect(parse(added, [], { allowTrailingComma: true })).toEqual({ servers: { a: { type: 'http', url: 'https://x.test/mcp' }, tt: entry }, inputs: [] });
    const removed = removeJsonValue('f', added, ['servers', 'tt'], true);
    expect(parse(removed, [], { allowTrailingComma: true })).toEqual({ servers: { a: { type: 'http', url: 'https://x.test/mcp' } }, inputs: [] });
    // The entry before a trailing comma (where jsonc-parser's own delete breaks the file).
    const removedA = removeJsonValue('f', text, ['servers', 'a'], true);
    expect(parse(removedA, [], { allowTrailingComma: true })).toEqual({ servers: {}, inputs: [] });
    expect(removedA).toContain('/* inputs */');
  });

  it('creates a document from empty text, and leaves untouched bytes outside the edit', () => {
    expect(JSON.parse(setJsonValue('f', '', ['mcpServers', 'w'], entry, false))).toEqual({ mcpServers: { w: entry } });
    const text = '{\n\t"other": {"keep":   [1,2,3]},\n\t"mcpServers": {}\n}\n';
    const out = setJsonValue('f', text, ['mcpServers', 'w'], entry, false);
    expect(out).toContain('"other": {"keep":   [1,2,3]}');
    expect(out).toContain('\t\t"w": {');
  });
});

describe('proxy entry, snippet and one-click links', () => {
  it('carry the launcher and profile, no token', () => {
    const links = oneClickLinks('work', '/opt/tokentray/tokentray');
    const cursorConfig = new URL(links.cursor).searchParams.get('config')!;
    expect(JSON.parse(Buffer.from(cursorConfig, 'base64').toString('utf8'))).toEqual({ command: '/opt/tokentray/tokentray', args: ['mcp', 'work'] });
    expect(links.cursor.startsWith('cursor://anysphere.cursor-deeplink/mcp/install?name=work&config=')).toBe(true);
    expect(JSON.parse(decodeURIComponent(links.vscode.slice('vscode:mcp/install?'.length)))).toEqual({ name: 'work', type: 'stdio', command: '/opt/tokentray/tokentray', args: ['mcp', 'work'] });
    expect(JSON.parse(mcpConfigSnippet('vscode', 'work', '/t/tokentray'))).toEqual({ servers: { work: { type: 'stdio', command: '/t/tokentray', args: ['mcp', 'work'] } } });
    expect(JSON.parse(mcpConfigSnippet('claude-desktop', 'work', '/t/tokentray', 'mootup'))).toEqual({ mcpServers: { mootup: { command: '/t/tokentray', args: ['mcp', 'work'] } } });
    expect(proxyEntryProfile({ command: '/x/dist/cli/tokentray.js', args: ['mcp', 'work'] })).toBe('work');
    expect(proxyEntryProfile({ command: 'npx', args: ['mcp', 'work'] })).toBeNull();
  });

  it('resolves the launcher: TOKENTRAY_LAUNCHER (absolute only), then the packaged hook, then the CLI script', () => {
    expect(resolveLauncher({ TOKENTRAY_LAUNCHER: '/opt/t/tokentray' })).toBe('/opt/t/tokentray');
    expect(() => resolveLauncher({ TOKENTRAY_LAUNCHER: 'tokentray' })).toThrow(/absolute path/);
    expect(resolveLauncher({}, { packagedLauncher: '/Applications/T.app/tokentray' })).toBe('/Applications/T.app/tokentray');
    expect(() => resolveLauncher({}, { packagedLauncher: null, script: '/x/main.js' })).toThrow(/TOKENTRAY_LAUNCHER/);
  });
});

describe('token rules', () => {
  it('finds headers, env (any name), args forms and URL query tokens; ignores references', () => {
    const pat = fakeMootupPat();
    const moly = fakeMolyPat();
    const odd = 'sk9f8a7d6s5f4g3h2j1k0l9z8x7c';
    const found = secretsInEntry({
      url: `https://x.test/mcp?api_key=${odd}1`,
      headers: { Authorization: `Bearer ${pat}`, 'X-Trace': 'abc' },
      env: { AUTH_HEADER: `Bearer ${moly}`, WHATEVER: odd, NODE_ENV: 'production', REF: '${env:TOKEN}', PATH: '/usr/bin:/bin' },
      args: ['mcp-remote', 'https://x.test/mcp', '--header', 'Authorization: Bearer abcdefgh12345678', '--token', `${odd}2`, `--api-key=${odd}3`, '--header', 'Authorization:${AUTH_HEADER}'],
    });
    const byPath = Object.fromEntries(found.map((f) => [f.path.join('.'), f.token]));
    expect(byPath).toEqual({
      url: `${odd}1`,
      'headers.Authorization': pat,
      'env.AUTH_HEADER': moly,
      'env.WHATEVER': odd,
      'args.3': 'abcdefgh12345678',
      'args.5': `${odd}2`,
      'args.6': `${odd}3`,
    });
    expect(looksLikeToken('production-environment-name')).toBe(false);
  });

  it('parses .env assignments and redacts tokens to hints', () => {
    expect(envAssignments('# c\nexport A="x y"\nB=z # note\nC=\'q\'\n')).toEqual([
      { name: 'A', value: 'x y', line: 2 },
      { name: 'B', value: 'z', line: 3 },
      { name: 'C', value: 'q', line: 4 },
    ]);
    const pat = fakeMootupPat();
    const redacted = redactTokens(`{"a":"Bearer ${pat}"}`, [pat]);
    expect(redacted).not.toContain(pat);
    expect(redacted).toContain(`REMOVED-BY-TOKENTRAY(mootup_pat_${pat.slice(11, 19)}…${pat.slice(-4)})`);
  });
});
