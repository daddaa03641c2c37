import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { clientAddCommand } from '../../electron/core/editors/add-commands';
import { clientFiles, configFileFor } from '../../electron/core/editors/editor-defs';
import { setJsonValue } from '../../electron/core/editors/json-edit';
import { tooDeepAt } from '../../electron/core/editors/nesting';
import { launchSpec, mcpConfigSnippet, proxyEntryProfile } from '../../electron/core/editors/proxy-entry';
import { proxyEnv } from '../../electron/core/editors/proxy-env';
import { secretsInEntry } from '../../electron/core/editors/token-rules';
import { removeTomlKey, setTomlTable } from '../../electron/core/editors/toml-edit';
import { removeYamlValue, setYamlValue } from '../../electron/core/editors/yaml-edit';
import { fakeMolyPat } from '../helpers/cli';

const user = (editor: Parameters<typeof configFileFor>[0], platform: NodeJS.Platform, env: Record<string, string>) => configFileFor(editor, 'user', env, undefined, platform)!.path;

describe('where each client keeps its files, per OS and per the variables the client reads', () => {
  const env = { HOME: '/h', XDG_CONFIG_HOME: '/x', APPDATA: 'C:\\R' };
  it('terminal agents', () => {
    expect(user('codex', 'linux', env)).toBe('/h/.codex/config.toml');
    expect(user('codex', 'linux', { ...env, CODEX_HOME: '/c' })).toBe('/c/config.toml');
    expect(user('gemini', 'darwin', env)).toBe('/h/.gemini/settings.json');
    expect(user('gemini', 'linux', { ...env, GEMINI_CLI_HOME: '/g' })).toBe('/g/.gemini/settings.json');
    expect(user('qwen', 'linux', { ...env, QWEN_HOME: '/q' })).toBe('/q/settings.json');
    expect(user('copilot', 'linux', env)).toBe('/h/.copilot/mcp-config.json');
    expect(user('copilot', 'linux', { ...env, COPILOT_HOME: '/p' })).toBe('/p/mcp-config.json');
    expect(user('opencode', 'linux', env)).toBe('/x/opencode/opencode.jsonc');
    expect(user('opencode', 'darwin', { HOME: '/h' })).toBe('/h/.config/opencode/opencode.jsonc');
    expect(user('cline', 'linux', env)).toBe('/h/.cline/data/settings/cline_mcp_settings.json');
    expect(user('cline', 'linux', { ...env, CLINE_DIR: '/cd' })).toBe('/cd/data/settings/cline_mcp_settings.json');
    expect(user('cline', 'linux', { ...env, CLINE_MCP_SETTINGS_PATH: '/m.json' })).toBe('/m.json');
    expect(user('continue', 'linux', env)).toBe('/h/.continue/config.yaml');
    expect(user('continue', 'linux', { ...env, CONTINUE_GLOBAL_DIR: '/cc' })).toBe('/cc/config.yaml');
    expect(user('goose', 'linux', env)).toBe('/x/goose/config.yaml');
    expect(user('goose', 'darwin', { HOME: '/h' })).toBe('/h/.config/goose/config.yaml');
    expect(user('goose', 'win32', env)).toBe(join('C:\\R', 'Block', 'goose', 'config', 'config.yaml'));
    expect(user('amazonq', 'linux', env)).toBe('/h/.aws/amazonq/mcp.json');
    expect(user('kiro', 'linux', env)).toBe('/h/.kiro/settings/mcp.json');
    expect(user('lmstudio', 'linux', env)).toBe('/h/.lmstudio/mcp.json');
    expect(user('junie', 'linux', env)).toBe('/h/.junie/mcp/mcp.json');
  });

  it('editors and extensions', () => {
    expect(user('zed', 'linux', env)).toBe('/x/zed/settings.json');
    expect(user('zed', 'linux', { ...env, FLATPAK_XDG_CONFIG_HOME: '/f' })).toBe('/f/zed/settings.json');
    expect(user('zed', 'darwin', env)).toBe('/h/.config/zed/settings.json');
    expect(user('zed', 'win32', env)).toBe(join('C:\\R', 'Zed', 'settings.json'));
    expect(user('roo', 'linux', env)).toBe('/x/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json');
    expect(user('roo', 'darwin', { HOME: '/h' })).toBe('/h/Library/Application Support/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json');
    // Cline's old file in each VS Code flavour's storage is scanned, never written.
    const cline = clientFiles('cline', 'user', env, undefined, 'linux');
    expect(cline[0]).toMatchObject({ path: '/h/.cline/data/settings/cline_mcp_settings.json', target: true });
    expect(cline.filter((f) => !f.target).map((f) => f.path)).toContain('/x/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json');
  });

  it('Roo Code writes into the VS Code flavour that has the extension; opencode and Copilot write the file they read', () => {
    const root = mkdtempSync(join(tmpdir(), 'tokentray-paths-'));
    const home = { HOME: root, XDG_CONFIG_HOME: join(root, '.config') };
    mkdirSync(join(root, '.config', 'VSCodium', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline'), { recursive: true });
    expect(user('roo', 'linux', home)).toBe(join(root, '.config', 'VSCodium', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline', 'settings', 'mcp_settings.json'));
    mkdirSync(join(root, '.config', 'opencode'), { recursive: true });
    writeFileSync(join(root, '.config', 'opencode', 'opencode.json'), '{}');
    expect(user('opencode', 'linux', home)).toBe(join(root, '.config', 'opencode', 'opencode.json'));
    const project = join(root, 'p');
    expect(configFileFor('copilot', 'project', home, project)!.path).toBe(join(project, '.mcp.json'));
    mkdirSync(join(project, '.github'), { recursive: true });
    writeFileSync(join(project, '.github', 'mcp.json'), '{}');
    expect(configFileFor('copilot', 'project', home, project)!.path).toBe(join(project, '.github', 'mcp.json'));
    expect(configFileFor('continue', 'project', home, project, 'linux', 'My Server')!.path).toBe(join(project, '.continue', 'mcpServers', 'My-Server.yaml'));
    expect(configFileFor('goose', 'project', home, project)).toBeNull();
  });
});

describe('the proxy env block: only what differs from the defaults, never a secret', () => {
  it('follows the proxy\'s own defaults', () => {
    expect(proxyEnv({ HOME: '/h' }, 'linux')).toBeUndefined();
    expect(proxyEnv({ HOME: '/h', XDG_CONFIG_HOME: '/h/.config', TOKENTRAY_HOME: '/h/.config/tokentray', TOKENTRAY_KEYCHAIN_SERVICE: 'tokentray' }, 'linux')).toBeUndefined();
    expect(proxyEnv({ HOME: '/h', XDG_CONFIG_HOME: '/x' }, 'linux')).toEqual({ XDG_CONFIG_HOME: '/x' });
    expect(proxyEnv({ HOME: '/h', XDG_CONFIG_HOME: '/x' }, 'darwin')).toBeUndefined();
    expect(proxyEnv({ HOME: '/h', TOKENTRAY_HOME: '/t', TOKENTRAY_KEYCHAIN_SERVICE: 'svc' }, 'linux')).toEqual({ TOKENTRAY_HOME: '/t', TOKENTRAY_KEYCHAIN_SERVICE: 'svc' });
  });

  it('names in the env block are not mistaken for tokens; references are not either', () => {
    const found = secretsInEntry({
      command: '/opt/tokentray',
      args: ['mcp', 'work'],
      env: { TOKENTRAY_HOME: '/tmp/tokentray-test-abc123/tokentray', TOKENTRAY_KEYCHAIN_SERVICE: 'tokentray-test-0a1b2c3d4e5f' },
    });
    expect(found).toEqual([]);
    expect(secretsInEntry({ url: 'https://x.test/mcp', bearer_token_env_var: 'MOLY_TOKEN_2', headers: { Authorization: 'Bearer {env:MOLY_TOKEN}' } })).toEqual([]);
    const key = `k${'3c'.repeat(14)}`;
    expect(secretsInEntry({ command: 'npx', args: ['mcp-remote', 'https://x.test/mcp', '--header', `X-Api-Key: ${key}`] })).toEqual([{ path: ['args', 3], where: 'args', token: key }]);
    const moly = fakeMolyPat();
    expect(secretsInEntry({ type: 'local', command: ['npx', 'mcp-remote', 'https://x.test'], environment: { AUTH: `Bearer ${moly}` } })).toEqual([{ path: ['environment', 'AUTH'], where: 'env', token: moly }]);
    expect(secretsInEntry({ cmd: 'x', envs: { SVC_TOKEN: key } })).toEqual([{ path: ['envs', 'SVC_TOKEN'], where: 'env', token: key }]);
    expect(secretsInEntry({ url: 'https://x.test', requestOptions: { headers: { 'x-api-key': key } } })).toEqual([{ path: ['requestOptions', 'headers', 'x-api-key'], where: 'header', token: key }]);
    expect(secretsInEntry({ url: 'https://x.test', http_headers: { Authorization: `Bearer ${moly}` } })).toEqual([{ path: ['http_headers', 'Authorization'], where: 'header', token: moly }]);
  });
});

describe('each client\'s own add command, printed as an alternative', () => {
  const spec = launchSpec('work', '/opt/tt/tokentray', { TOKENTRAY_HOME: '/my home/tt' });
  it('in the form each CLI\'s --help documents, quoted for a shell', () => {
    expect(clientAddCommand('claude-code', 'work', spec, 'user')).toBe("claude mcp add --scope user work -e 'TOKENTRAY_HOME=/my home/tt' -- /opt/tt/tokentray mcp work");
    expect(clientAddCommand('codex', 'work', spec, 'user')).toBe("codex mcp add work --env 'TOKENTRAY_HOME=/my home/tt' -- /opt/tt/tokentray mcp work");
    expect(clientAddCommand('gemini', 'work', launchSpec('work', 'tokentray'), 'project')).toBe('gemini mcp add --scope project work tokentray mcp work');
    expect(clientAddCommand('qwen', 'work', spec, 'user')).toBe("qwen mcp add --scope user work /opt/tt/tokentray mcp work -e 'TOKENTRAY_HOME=/my home/tt'");
    expect(clientAddCommand('copilot', 'work', spec, 'user')).toBe("copilot mcp add work --env 'TOKENTRAY_HOME=/my home/tt' -- /opt/tt/tokentray mcp work");
    expect(JSON.parse(/^code --add-mcp '(.*)'$/.exec(clientAddCommand('vscode', 'work', spec, 'user')!)![1]!)).toEqual({ name: 'work', type: 'stdio', command: '/opt/tt/tokentray', args: ['mcp', 'work'], env: { TOKENTRAY_HOME: '/my home/tt' } });
    expect(clientAddCommand('codex', 'work', spec, 'project')).toBeNull();
    expect(clientAddCommand('goose', 'work', spec, 'user')).toBeNull();
  });
});

describe('snippets and proxy entries in every shape', () => {
  it('copy-MCP-config is in the client\'s own format', () => {
    expect(parseToml(mcpConfigSnippet('codex', 'work', '/t/tokentray'))).toEqual({ mcp_servers: { work: { command: '/t/tokentray', args: ['mcp', 'work'] } } });
    expect(parseYaml(mcpConfigSnippet('goose', 'work', '/t/tokentray'))).toEqual({ extensions: { work: { type: 'stdio', name: 'work', enabled: true, cmd: '/t/tokentray', args: ['mcp', 'work'], envs: {}, env_keys: [], timeout: 300 } } });
    expect(parseYaml(mcpConfigSnippet('continue', 'work', '/t/tokentray'))).toEqual({ mcpServers: [{ name: 'work', command: '/t/tokentray', args: ['mcp', 'work'] }] });
    expect(JSON.parse(mcpConfigSnippet('opencode', 'work', '/t/tokentray'))).toEqual({ mcp: { work: { type: 'local', command: ['/t/tokentray', 'mcp', 'work'] } } });
  });

  it('recognises tokentray entries in every shape, and nothing else', () => {
    expect(proxyEntryProfile({ type: 'local', command: ['/t/tokentray', 'mcp', 'w'] })).toBe('w');
    expect(proxyEntryProfile({ cmd: 'tokentray', args: ['mcp', 'w'], envs: {} })).toBe('w');
    expect(proxyEntryProfile({ command: 'C:\\Program Files\\tokentray\\tokentray.cmd', args: ['mcp', 'w'] })).toBe('w');
    expect(proxyEntryProfile({ command: ['npx', 'mcp', 'w'] })).toBeNull();
    expect(proxyEntryProfile({ url: 'https://x.test' })).toBeNull();
  });
});

describe('format-preserving edits', () => {
  const entry = { command: '/t', args: ['mcp', 'w'], env: { A: 'b' } };

  it('TOML: only the table\'s lines change; dotted keys are replaced; an inline table is refused, not rewritten', () => {
    const text = '# top\r\nmodel = "o3" # the model\r\n\r\n[mcp_servers]\r\nold.command = "x"\r\n';
    const set = setTomlTable('f', text, ['mcp_servers', 'old'], entry);
    expect(set.startsWith('# top\r\nmodel = "o3" # the model\r\n\r\n[mcp_servers]\r\n')).toBe(true);
    expect(parseToml(set)).toEqual({ model: 'o3', mcp_servers: { old: entry } });
    expect(removeTomlKey('f', set, ['mcp_servers', 'old'])).toBe('# top\r\nmodel = "o3" # the model\r\n\r\n[mcp_servers]\r\n');
    expect(() => setTomlTable('f', 'mcp_servers = { old = { command = "x" } }\n', ['mcp_servers', 'old'], entry)).toThrow(/inline table .* left untouched/);
    expect(setTomlTable('f', '', ['mcp_servers', 'w'], entry)).toBe('[mcp_servers.w]\ncommand = "/t"\nargs = ["mcp", "w"]\n\n[mcp_servers.w.env]\nA = "b"\n');
  });

  it('YAML: keeps the file\'s indent and list style, fills a flow {} or an empty file, and removes only the entry\'s lines', () => {
    const four = '# goose\nextensions:\n    developer:\n        type: builtin   # built in\n';
    const added = setYamlValue('f', four, ['extensions', 'w'], { cmd: '/t', args: ['mcp', 'w'] });
    expect(added).toBe('# goose\nextensions:\n    developer:\n        type: builtin   # built in\n    w:\n        cmd: /t\n        args:\n            - mcp\n            - w\n');
    expect(removeYamlValue('f', added, ['extensions', 'w'])).toBe(four);
    const flow = 'GOOSE_MODEL: x\nextensions: {}\n';
    expect(parseYaml(setYamlValue('f', flow, ['extensions', 'w'], { cmd: '/t' }))).toEqual({ GOOSE_MODEL: 'x', extensions: { w: { cmd: '/t' } } });
    expect(parseYaml(setYamlValue('f', '# only a comment\n', ['mcpServers', 0], { name: 'w' }))).toEqual({ mcpServers: [{ name: 'w' }] });
    const unindented = 'mcpServers:\n- name: a\n  command: x\n';
    expect(setYamlValue('f', unindented, ['mcpServers', 1], { name: 'w', command: '/t' })).toBe('mcpServers:\n- name: a\n  command: x\n- name: w\n  command: /t\n');
  });

  it('JSON: a new entry goes on its own line after the last one; inline neighbours and trailing comments stay as they are', () => {
    const text = '{\n  "mcpServers": {\n    "a": { "url": "https://x.test" } // hosted\n  }\n}\n';
    expect(setJsonValue('f', text, ['mcpServers', 'w'], { command: '/t' }, true)).toBe('{\n  "mcpServers": {\n    "a": { "url": "https://x.test" }, // hosted\n    "w": {\n      "command": "/t"\n    }\n  }\n}\n');
    expect(setJsonValue('f', '{"mcpServers": {}}', ['mcpServers', 'w'], { command: '/t' }, false)).toBe('{"mcpServers": {\n  "w": {\n    "command": "/t"\n  }\n}}');
  });

  it('the nesting guard ignores brackets inside strings and comments', () => {
    const many = '['.repeat(600);
    expect(tooDeepAt(`{"a": "${many}"} // ${many}`, 'jsonc')).toBeNull();
    expect(tooDeepAt(`a = '${many}' # ${many}\nb = """\n${many}\n"""\n`, 'toml')).toBeNull();
    expect(tooDeepAt(`a: '${many}' # ${many}\n`, 'yaml')).toBeNull();
    // `{` is level 1, so the 512th `[` (at offset 6 + 511) is level 513.
    expect(tooDeepAt(`{"a": ${many}`, 'json')).toBe(6 + 511);
  });
});
