import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { CLIENT_IDS, type ClientId } from '../../shared/clients';
import { parse as parseJsonc } from '../../electron/core/editors/jsonc';
import type { TestEnv } from '../helpers/cli';

/**
 * Every client as its documentation (or its own CLI) shows it: where its user and project files
 * live in a test HOME (Linux layout, XDG_CONFIG_HOME = HOME/.config), the stdio entry tokentray must
 * write there, and a config file shaped like the docs' own example, with comments where the format
 * allows them. `doc(token)` adds a remote server holding a pasted token in that client's remote shape.
 * Written by hand from the docs, not from core, so these tests judge what core writes.
 */

export type Format = 'json' | 'jsonc' | 'toml' | 'yaml';

export interface ClientFixture {
  id: ClientId;
  format: Format;
  /** Path of the servers container in the file, and whether it is a list (Continue). */
  servers: string[];
  list?: boolean;
  user(t: TestEnv): string;
  /** The project file install writes for a server name; absent when the client has no project scope. */
  project?(dir: string, name: string): string;
  /** A file shaped as the docs show it; with `token`, plus a server `remote` holding it the way users paste it. */
  doc(token?: string): string;
  /** Text in `doc()` that must survive every edit (comments, formatting). */
  keep: string[];
}

export const MOLY_URL = 'https://api.moly.so/mcp';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const bearer = (token: string) => `Bearer ${token}`;

export const FIXTURES: Record<ClientId, ClientFixture> = {
  cursor: {
    id: 'cursor',
    format: 'json',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.cursor', 'mcp.json'),
    project: (dir) => join(dir, '.cursor', 'mcp.json'),
    doc: (token) => json({ mcpServers: { 'server-name': { command: 'npx', args: ['-y', 'mcp-server'], env: { API_KEY: 'value' } }, ...(token && { remote: { url: MOLY_URL, headers: { Authorization: bearer(token) } } }) } }),
    keep: ['"server-name"'],
  },
  vscode: {
    id: 'vscode',
    format: 'jsonc',
    servers: ['servers'],
    user: (t) => join(t.home, '.config', 'Code', 'User', 'mcp.json'),
    project: (dir) => join(dir, '.vscode', 'mcp.json'),
    doc: (token) =>
      [
        '{',
        '  // 💡 Inputs are prompted on first server start, then stored securely by VS Code.',
        '  "inputs": [',
        '    { "type": "promptString", "id": "perplexity-key", "description": "Perplexity API Key", "password": true },',
        '  ],',
        '  "servers": {',
        '    // https://github.com/ppl-ai/modelcontextprotocol/',
        '    "Perplexity": {',
        '      "type": "stdio",',
        '      "command": "npx",',
        '      "args": ["-y", "server-perplexity-ask"],',
        '      "env": { "PERPLEXITY_API_KEY": "${input:perplexity-key}" }',
        `    },${token ? `\n    "remote": { "type": "http", "url": "${MOLY_URL}", "headers": { "Authorization": "Bearer ${token}" } },` : ''}`,
        '  },',
        '}',
        '',
      ].join('\n'),
    keep: ['// 💡 Inputs are prompted', '// https://github.com/ppl-ai/modelcontextprotocol/', '"args": ["-y", "server-perplexity-ask"],'],
  },
  'claude-code': {
    id: 'claude-code',
    format: 'json',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.claude.json'),
    project: (dir) => join(dir, '.mcp.json'),
    doc: (token) => json({ numStartups: 3, mcpServers: { airtable: { type: 'stdio', command: 'npx', args: ['-y', 'airtable-mcp-server'], env: {} }, ...(token && { remote: { type: 'http', url: MOLY_URL, headers: { Authorization: bearer(token) } } }) }, projects: { '/work/app': { allowedTools: [] } } }),
    keep: ['"numStartups": 3', '"/work/app"'],
  },
  'claude-desktop': {
    id: 'claude-desktop',
    format: 'json',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.config', 'Claude', 'claude_desktop_config.json'),
    doc: (token) => json({ mcpServers: { filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/username/Desktop'] }, ...(token && { remote: { command: 'npx', args: ['mcp-remote', MOLY_URL, '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: bearer(token) } } }) } }),
    keep: ['"/Users/username/Desktop"'],
  },
  windsurf: {
    id: 'windsurf',
    format: 'json',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.codeium', 'windsurf', 'mcp_config.json'),
    doc: (token) => json({ mcpServers: { github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: '<YOUR_PERSONAL_ACCESS_TOKEN>' } }, ...(token && { remote: { serverUrl: MOLY_URL, headers: { Authorization: bearer(token) } } }) } }),
    keep: ['"<YOUR_PERSONAL_ACCESS_TOKEN>"'],
  },
  codex: {
    id: 'codex',
    format: 'toml',
    servers: ['mcp_servers'],
    user: (t) => join(t.home, '.codex', 'config.toml'),
    project: (dir) => join(dir, '.codex', 'config.toml'),
    doc: (token) =>
      [
        '# ~/.codex/config.toml',
        'model = "gpt-5-codex"',
        '',
        '# MCP servers',
        '[mcp_servers.context7]',
        'command = "npx"            # run through npx',
        'args = ["-y", "@upstash/context7-mcp"]',
        '',
        '[mcp_servers.context7.env]',
        'MY_ENV_VAR = "MY_ENV_VALUE"',
        '',
        '[mcp_servers.figma]',
        'url = "https://mcp.figma.com/mcp"',
        'bearer_token_env_var = "FIGMA_OAUTH_TOKEN"',
        ...(token ? ['', '[mcp_servers.remote]', `url = "${MOLY_URL}"`, `http_headers = { "Authorization" = "Bearer ${token}" }   # pasted`] : []),
        '',
        '[tui]',
        'notifications = true',
        '',
      ].join('\n'),
    keep: ['# ~/.codex/config.toml', 'command = "npx"            # run through npx', '# MCP servers', '[tui]\nnotifications = true'],
  },
  gemini: {
    id: 'gemini',
    format: 'jsonc',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.gemini', 'settings.json'),
    project: (dir) => join(dir, '.gemini', 'settings.json'),
    doc: (token) =>
      [
        '{',
        '  // Gemini CLI settings',
        '  "theme": "GitHub",',
        '  "mcpServers": {',
        '    "pythonTools": {',
        '      "command": "python",',
        '      "args": ["-m", "my_mcp_server", "--port", "8080"],',
        '      "cwd": "./mcp-servers/python",',
        '      "env": { "DATABASE_URL": "$DB_CONNECTION_STRING", "API_KEY": "${EXTERNAL_API_KEY}" },',
        '      "timeout": 15000',
        `    }${token ? `,\n    "remote": { "httpUrl": "${MOLY_URL}", "headers": { "Authorization": "Bearer ${token}" }, "timeout": 5000 }` : ''}`,
        '  }',
        '}',
        '',
      ].join('\n'),
    keep: ['// Gemini CLI settings', '"args": ["-m", "my_mcp_server", "--port", "8080"],'],
  },
  copilot: {
    id: 'copilot',
    format: 'json',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.copilot', 'mcp-config.json'),
    project: (dir) => join(dir, '.mcp.json'),
    doc: (token) => json({ mcpServers: { playwright: { type: 'local', command: 'npx', args: ['@playwright/mcp@latest'], env: {}, tools: ['*'] }, ...(token && { remote: { type: 'http', url: MOLY_URL, headers: { Authorization: bearer(token) }, tools: ['*'] } }) } }),
    keep: ['"@playwright/mcp@latest"'],
  },
  opencode: {
    id: 'opencode',
    format: 'jsonc',
    servers: ['mcp'],
    user: (t) => join(t.home, '.config', 'opencode', 'opencode.jsonc'),
    project: (dir) => join(dir, 'opencode.json'),
    doc: (token) =>
      [
        '{',
        '  "$schema": "https://opencode.ai/config.json",',
        '  "mcp": {',
        '    "my-local-mcp-server": {',
        '      "type": "local",',
        '      // Or ["bun", "x", "my-mcp-command"]',
        '      "command": ["npx", "-y", "my-mcp-command"],',
        '      "enabled": true,',
        '      "environment": {',
        '        "MY_ENV_VAR": "my_env_var_value",',
        '      },',
        `    },${token ? `\n    "remote": { "type": "remote", "url": "${MOLY_URL}", "enabled": true, "headers": { "Authorization": "Bearer ${token}" } },` : ''}`,
        '  },',
        '}',
        '',
      ].join('\n'),
    keep: ['// Or ["bun", "x", "my-mcp-command"]', '"command": ["npx", "-y", "my-mcp-command"],'],
  },
  qwen: {
    id: 'qwen',
    format: 'jsonc',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.qwen', 'settings.json'),
    project: (dir) => join(dir, '.qwen', 'settings.json'),
    doc: (token) =>
      [
        '{',
        '  // Qwen Code settings',
        '  "mcpServers": {',
        '    "myNodeServer": { "command": "node", "args": ["dist/server.js", "--verbose"], "env": { "API_KEY": "$MY_API_TOKEN" }, "trust": false }' +
          (token ? `,\n    "remote": { "httpUrl": "${MOLY_URL}", "headers": { "Authorization": "Bearer ${token}" } }` : ''),
        '  },',
        '  "$version": 4',
        '}',
        '',
      ].join('\n'),
    keep: ['// Qwen Code settings', '"$version": 4'],
  },
  zed: {
    id: 'zed',
    format: 'jsonc',
    servers: ['context_servers'],
    user: (t) => join(t.home, '.config', 'zed', 'settings.json'),
    project: (dir) => join(dir, '.zed', 'settings.json'),
    doc: (token) =>
      [
        '// Zed settings',
        '//',
        '// For information on how to configure Zed, see the Zed',
        '// documentation: https://zed.dev/docs/configuring-zed',
        '{',
        '  "theme": "One Dark",',
        '  "context_servers": {',
        '    "local-mcp-server": {',
        '      "command": "some-command",',
        '      "args": ["arg-1", "arg-2"],',
        '      "env": {}',
        '    },',
        `    "remote-mcp-server": { "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer <token>" } },${token ? `\n    "remote": { "url": "${MOLY_URL}", "headers": { "Authorization": "Bearer ${token}" } },` : ''}`,
        '  },',
        '}',
        '',
      ].join('\n'),
    keep: ['// documentation: https://zed.dev/docs/configuring-zed', '"args": ["arg-1", "arg-2"],', '"theme": "One Dark",'],
  },
  cline: {
    id: 'cline',
    format: 'json',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.cline', 'data', 'settings', 'cline_mcp_settings.json'),
    doc: (token) => json({ mcpServers: { 'local-server': { command: 'node', args: ['/path/to/server.js'], env: { API_KEY: 'your_api_key' }, disabled: false, autoApprove: [] }, ...(token && { remote: { url: MOLY_URL, type: 'streamableHttp', headers: { Authorization: bearer(token) }, disabled: false, autoApprove: ['search'] } }) } }),
    keep: ['"/path/to/server.js"'],
  },
  roo: {
    id: 'roo',
    format: 'json',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.config', 'Code', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline', 'settings', 'mcp_settings.json'),
    project: (dir) => join(dir, '.roo', 'mcp.json'),
    doc: (token) => json({ mcpServers: { server1: { command: 'python', args: ['/path/to/server.py'], env: { API_KEY: 'your_api_key' }, alwaysAllow: ['tool1', 'tool2'], disabled: false }, ...(token && { remote: { type: 'streamable-http', url: MOLY_URL, headers: { Authorization: bearer(token) }, alwaysAllow: ['search'] } }) } }),
    keep: ['"/path/to/server.py"'],
  },
  continue: {
    id: 'continue',
    format: 'yaml',
    servers: ['mcpServers'],
    list: true,
    user: (t) => join(t.home, '.continue', 'config.yaml'),
    project: (dir, name) => join(dir, '.continue', 'mcpServers', `${name}.yaml`),
    doc: (token) =>
      [
        'name: My Config',
        'version: 0.0.1',
        'schema: v1',
        '',
        'models:',
        '  - name: GPT-4o',
        '    provider: openai',
        '    model: gpt-4o',
        '    apiKey: ${{ secrets.OPENAI_API_KEY }}',
        '',
        '# MCP servers',
        'mcpServers:',
        '  - name: SQLite MCP   # local database',
        '    command: npx',
        '    args:',
        '      - "-y"',
        '      - "mcp-sqlite"',
        '      - "/path/to/your/database.db"',
        ...(token ? ['  - name: remote', '    type: streamable-http', `    url: ${MOLY_URL}`, '    requestOptions:', '      headers:', `        Authorization: "Bearer ${token}"`] : []),
        '',
        '# context providers below',
        'context:',
        '  - provider: code',
        '',
      ].join('\n'),
    keep: ['# MCP servers', '  - name: SQLite MCP   # local database', '      - "mcp-sqlite"', '# context providers below', '    apiKey: ${{ secrets.OPENAI_API_KEY }}'],
  },
  goose: {
    id: 'goose',
    format: 'yaml',
    servers: ['extensions'],
    user: (t) => join(t.home, '.config', 'goose', 'config.yaml'),
    doc: (token) =>
      [
        '# Model Configuration',
        'active_provider: anthropic',
        'GOOSE_TEMPERATURE: 0.7',
        '',
        '# Extensions Configuration',
        'extensions:',
        '  developer:',
        '    bundled: true',
        '    enabled: true',
        '    name: developer',
        '    timeout: 300',
        '    type: builtin',
        '',
        '  filesystem:',
        '    type: stdio',
        '    name: filesystem',
        '    enabled: true',
        '    cmd: npx',
        '    args: ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]',
        '    env_keys: []',
        '    envs: {}',
        '    timeout: 300',
        ...(token ? ['', '  remote:', '    type: streamable_http', '    name: remote', '    enabled: true', `    uri: "${MOLY_URL}"`, `    headers: { Authorization: "Bearer ${token}" }`, '    env_keys: []', '    envs: {}', '    timeout: 300'] : []),
        '',
        '# Search Path Configuration',
        'GOOSE_SEARCH_PATHS:',
        '  - "/usr/local/bin"',
        '',
      ].join('\n'),
    keep: ['# Model Configuration', '# Extensions Configuration', '    args: ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]', '# Search Path Configuration', 'GOOSE_TEMPERATURE: 0.7'],
  },
  kiro: {
    id: 'kiro',
    format: 'json',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.kiro', 'settings', 'mcp.json'),
    project: (dir) => join(dir, '.kiro', 'settings', 'mcp.json'),
    doc: (token) =>
      json({
        mcpServers: {
          'local-server-name': { command: 'command-to-run-server', args: ['arg1', 'arg2'], env: { ENV_VAR1: 'hard-coded-variable', ENV_VAR2: '${EXPANDED_VARIABLE}' }, disabled: false, autoApprove: ['tool_name1', 'tool_name2'], disabledTools: ['tool_name3'] },
          ...(token && { remote: { url: MOLY_URL, headers: { Authorization: bearer(token) }, disabled: false, autoApprove: ['search'] } }),
        },
      }),
    keep: ['"hard-coded-variable"'],
  },
  amazonq: {
    id: 'amazonq',
    format: 'json',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.aws', 'amazonq', 'mcp.json'),
    project: (dir) => join(dir, '.amazonq', 'mcp.json'),
    doc: (token) => json({ mcpServers: { 'awslabs.core-mcp-server': { command: 'uvx', args: ['awslabs.core-mcp-server@latest'], env: { FASTMCP_LOG_LEVEL: 'ERROR' }, autoApprove: [], disabled: false }, ...(token && { remote: { url: MOLY_URL, headers: { Authorization: bearer(token) } } }) } }),
    keep: ['"awslabs.core-mcp-server@latest"'],
  },
  lmstudio: {
    id: 'lmstudio',
    format: 'json',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.lmstudio', 'mcp.json'),
    doc: (token) => json({ mcpServers: { 'hf-mcp-server': { url: 'https://huggingface.co/mcp', headers: { Authorization: 'Bearer <YOUR_HF_TOKEN>' } }, ...(token && { remote: { url: MOLY_URL, headers: { Authorization: bearer(token) } } }) } }),
    keep: ['"https://huggingface.co/mcp"'],
  },
  junie: {
    id: 'junie',
    format: 'json',
    servers: ['mcpServers'],
    user: (t) => join(t.home, '.junie', 'mcp', 'mcp.json'),
    project: (dir) => join(dir, '.junie', 'mcp', 'mcp.json'),
    // Junie runs stdio servers only: a remote one goes through mcp-remote, the token in its arguments.
    doc: (token) => json({ mcpServers: { 'mcp-server-name': { command: 'npx', args: ['-y', 'mcp-server'], env: {} }, ...(token && { remote: { command: 'npx', args: ['mcp-remote', MOLY_URL, '--header', `Authorization:Bearer ${token}`] } }) } }),
    keep: ['"mcp-server-name"'],
  },
};

export const ALL_CLIENTS = [...CLIENT_IDS];

/** Parses a client file as the client would. */
export function parseFile(format: Format, text: string): Record<string, any> {
  if (format === 'toml') return parseToml(text) as Record<string, any>;
  if (format === 'yaml') return (parseYaml(text) as Record<string, any>) ?? {};
  return parseJsonc(text, [], { allowTrailingComma: format === 'jsonc' }) ?? {};
}

export function readClientFile(fixture: ClientFixture, path: string): Record<string, any> {
  return parseFile(fixture.format, readFileSync(path, 'utf8'));
}

/** The servers of a parsed file: an object by name (a list is keyed by each item's `name`). */
export function serversOf(fixture: ClientFixture, value: Record<string, any>): Record<string, any> {
  let node: any = value;
  for (const key of fixture.servers) node = node?.[key];
  if (fixture.list) return Object.fromEntries(((node as any[]) ?? []).map((item) => [item.name, item]));
  return node ?? {};
}

/** The stdio entry each client's docs (or its own `mcp add`) show, launching `tokentray mcp <profile>`. */
export function expectedEntry(id: ClientId, name: string, profile: string, command: string, env?: Record<string, string>): Record<string, unknown> {
  const args = ['mcp', profile];
  const withEnv = (key: string) => (env ? { [key]: env } : {});
  switch (id) {
    case 'vscode':
      return { type: 'stdio', command, args, ...withEnv('env') };
    case 'copilot':
      return { type: 'local', command, args, ...withEnv('env'), tools: ['*'] };
    case 'opencode':
      return { type: 'local', command: [command, ...args], ...withEnv('environment') };
    case 'zed':
      return { source: 'custom', command, args, ...withEnv('env') };
    case 'goose':
      return { type: 'stdio', name, enabled: true, cmd: command, args, envs: env ?? {}, env_keys: [], timeout: 300 };
    case 'continue':
      return { name, command, args, ...withEnv('env') };
    default:
      return { command, args, ...withEnv('env') };
  }
}

/** What a test HOME's entries carry for the proxy: its non-default TOKENTRAY_HOME and keychain service. */
export function proxyEnvOf(t: TestEnv): Record<string, string> {
  return { TOKENTRAY_HOME: t.tokentrayHome, TOKENTRAY_KEYCHAIN_SERVICE: t.service };
}
