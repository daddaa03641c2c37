import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseJsonc } from '../../electron/core/editors/jsonc';
import { BIN_DIR, type ClientWorld } from '../helpers/client-world';

/** The MCP clients whose CLIs install from npm (pinned in package.json) and judge our entries here. */
export const REAL_CLIENT_IDS = ['claude-code', 'gemini', 'codex', 'copilot', 'opencode', 'qwen'] as const;
export type RealClientId = (typeof REAL_CLIENT_IDS)[number];

/** A stdio server entry as a client reads it: the command, its arguments and the entry's own env. */
export interface StdioEntry {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** How a test drives one client CLI: where its file is, how it runs offline, which command starts servers. */
export interface RealClient {
  id: RealClientId;
  label: string;
  /** The npm package (pinned in package.json) and its command in node_modules/.bin. */
  pkg: string;
  bin: string;
  /** The clientInfo.name it sends in initialize on the run that starts servers (the proxy forwards it upstream). */
  clientInfoName: string;
  /** The user file tokentray writes for this client in the world. */
  configFile(world: ClientWorld): string;
  /** Variables that turn telemetry, update checks and other network traffic off (the client's documented ones). */
  env(world: ClientWorld): Record<string, string>;
  /** Options before the subcommand on every run (Codex takes its offline settings as `-c` overrides there). */
  globalArgs(world: ClientWorld): string[];
  /** Settings written before tokentray touches the file (telemetry off, folder trust off); tokentray must keep them. */
  prepare(world: ClientWorld): void;
  /** Arguments that list the configured servers (and, for clients that health-check, connect to each). */
  list: string[];
  /**
   * Arguments of a run that starts every stdio server (for the env probe and the proxy start): a
   * health-checking list, or for clients that only start servers with a session, a prompt the world's
   * dead model endpoint never answers (the run is stopped once the server has started).
   */
  startServers(world: ClientWorld): { args: string[]; endless: boolean };
  /** Writes a stdio entry by hand in this client's shape (for servers tokentray does not write, e.g. the env probe). */
  writeEntry(world: ClientWorld, name: string, entry: StdioEntry): void;
  /** Reads an entry from the file as written, normalised to command/args/env. */
  readEntry(world: ClientWorld, name: string): StdioEntry | undefined;
}

const readJsonc = (path: string): Record<string, any> => (existsSync(path) ? ((parseJsonc(readFileSync(path, 'utf8')) as Record<string, any>) ?? {}) : {});
const writeJson = (path: string, value: unknown): void => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
};

/** Sets `root[key][name] = value` in a JSON(C) file, keeping the rest (tests write plain JSON). */
function putServer(path: string, key: string, name: string, value: unknown): void {
  const root = readJsonc(path);
  root[key] = { ...(root[key] ?? {}), [name]: value };
  writeJson(path, root);
}

function plainEntry(raw: any): StdioEntry | undefined {
  if (!raw || typeof raw.command !== 'string') return undefined;
  return { command: raw.command, args: Array.isArray(raw.args) ? raw.args : [], env: raw.env ?? {} };
}

/** Gemini CLI and its fork Qwen Code: settings.json, telemetry, usage statistics, updates and folder trust off. */
function geminiFamily(id: 'gemini' | 'qwen', label: string, pkg: string, dir: string, env: Record<string, string>): RealClient {
  const file = (world: ClientWorld) => join(world.home, dir, 'settings.json');
  return {
    id,
    label,
    pkg,
    bin: id,
    // `mcp list` connects with its own SDK client, named so in both.
    clientInfoName: 'mcp-test-client',
    configFile: file,
    env: () => env,
    globalArgs: () => [],
    prepare(world) {
      writeJson(file(world), {
        general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
        privacy: { usageStatisticsEnabled: false },
        telemetry: { enabled: false },
        // Off, or stdio servers are refused in an untrusted folder (`gemini mcp list` says "Disconnected").
        security: { folderTrust: { enabled: false } },
      });
    },
    list: ['mcp', 'list'],
    startServers: () => ({ args: ['mcp', 'list'], endless: false }),
    writeEntry: (world, name, entry) => putServer(file(world), 'mcpServers', name, entry),
    readEntry: (world, name) => plainEntry(readJsonc(file(world)).mcpServers?.[name]),
  };
}

const claudeCode: RealClient = {
  id: 'claude-code',
  label: 'Claude Code',
  pkg: '@anthropic-ai/claude-code',
  bin: 'claude',
  clientInfoName: 'claude-code',
  configFile: (world) => join(world.home, '.claude.json'),
  env: () => ({
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_BUG_COMMAND: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  }),
  globalArgs: () => [],
  prepare: () => undefined,
  list: ['mcp', 'list'],
  startServers: () => ({ args: ['mcp', 'list'], endless: false }),
  writeEntry: (world, name, entry) => putServer(claudeCode.configFile(world), 'mcpServers', name, entry),
  readEntry: (world, name) => plainEntry(readJsonc(claudeCode.configFile(world)).mcpServers?.[name]),
};

/**
 * Codex's settings that keep it offline, as `-c key=value` overrides (config.toml stays tokentray's
 * to write): no update check, analytics or feedback, no plugins (a session otherwise runs `git clone
 * https://github.com/openai/plugins.git`), and a model provider at the world's dead end.
 */
function codexOffline(world: ClientWorld): string[] {
  const provider = `{ name = "tt-local", base_url = "${world.deadEnd}/v1", wire_api = "responses", request_max_retries = 0, stream_max_retries = 0 }`;
  return [
    ['check_for_update_on_startup', 'false'],
    ['analytics.enabled', 'false'],
    ['feedback.enabled', 'false'],
    ['features.plugins', 'false'],
    ['model_provider', '"tt-local"'],
    ['model', '"test-model"'],
    ['model_providers.tt-local', provider],
  ].flatMap(([key, value]) => ['-c', `${key}=${value}`]);
}

const codex: RealClient = {
  id: 'codex',
  label: 'Codex CLI',
  pkg: '@openai/codex',
  bin: 'codex',
  clientInfoName: 'codex-mcp-client',
  configFile: (world) => join(world.home, '.codex', 'config.toml'),
  env: (world) => ({ CODEX_HOME: join(world.home, '.codex') }),
  globalArgs: codexOffline,
  prepare: () => undefined,
  list: ['mcp', 'list'],
  // Codex starts its MCP servers with a session only: `codex exec` against the dead model endpoint.
  startServers: () => ({ args: ['exec', '--skip-git-repo-check', 'say hi'], endless: true }),
  writeEntry(world, name, entry) {
    const path = codex.configFile(world);
    const lines = [
      `[mcp_servers.${name}]`,
      `command = ${JSON.stringify(entry.command)}`,
      `args = ${JSON.stringify(entry.args)}`,
      '',
      `[mcp_servers.${name}.env]`,
      ...Object.entries(entry.env).map(([k, v]) => `${k} = ${JSON.stringify(v)}`),
      '',
    ];
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${existsSync(path) ? readFileSync(path, 'utf8') : ''}${lines.join('\n')}`);
  },
  readEntry(world, name) {
    const path = codex.configFile(world);
    if (!existsSync(path)) return undefined;
    const root = parseToml(readFileSync(path, 'utf8')) as Record<string, any>;
    return plainEntry(root.mcp_servers?.[name]);
  },
};

const copilot: RealClient = {
  id: 'copilot',
  label: 'GitHub Copilot CLI',
  pkg: '@github/copilot',
  bin: 'copilot',
  clientInfoName: 'copilot-cli',
  configFile: (world) => join(world.home, '.copilot', 'mcp-config.json'),
  env: (world) => ({
    // "skips all network access: GitHub authentication, telemetry, web tools, GitHub MCP server, and auto-update"
    COPILOT_OFFLINE: 'true',
    COPILOT_AUTO_UPDATE: 'false',
    // Offline mode needs a local model provider: the world's dead end.
    COPILOT_PROVIDER_BASE_URL: `${world.deadEnd}/v1`,
    COPILOT_MODEL: 'test-model',
  }),
  globalArgs: () => [],
  prepare: () => undefined,
  list: ['mcp', 'list'],
  startServers: () => ({ args: ['-p', 'say hi', '--allow-all-tools', '--disable-client-telemetry', '--no-auto-update'], endless: true }),
  writeEntry: (world, name, entry) => putServer(copilot.configFile(world), 'mcpServers', name, { type: 'local', ...entry, tools: ['*'] }),
  readEntry: (world, name) => plainEntry(readJsonc(copilot.configFile(world)).mcpServers?.[name]),
};

const opencodeFile = (world: ClientWorld) => {
  const dir = join(world.xdgConfig, 'opencode');
  return existsSync(join(dir, 'opencode.json')) ? join(dir, 'opencode.json') : join(dir, 'opencode.jsonc');
};

const opencode: RealClient = {
  id: 'opencode',
  label: 'opencode',
  pkg: 'opencode-ai',
  bin: 'opencode',
  clientInfoName: 'opencode',
  configFile: opencodeFile,
  env: () => ({
    OPENCODE_DISABLE_AUTOUPDATE: '1',
    OPENCODE_DISABLE_MODELS_FETCH: '1',
    OPENCODE_DISABLE_SHARE: '1',
    OPENCODE_DISABLE_DEFAULT_PLUGINS: '1',
    OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
    // The config's `autoupdate: false` / `share: "disabled"`, without writing the file tokentray creates.
    OPENCODE_CONFIG_CONTENT: JSON.stringify({ autoupdate: false, share: 'disabled' }),
    // At start opencode installs @opencode-ai/plugin into its config folder from the npm registry, and
    // no variable of its own turns that off: npm's `offline` setting makes the install fail at once.
    npm_config_offline: 'true',
  }),
  globalArgs: () => [],
  // Nothing: tokentray creates the file a new user lacks (opencode.jsonc), and opencode must read it.
  prepare: () => undefined,
  list: ['mcp', 'list'],
  startServers: () => ({ args: ['mcp', 'list'], endless: false }),
  writeEntry: (world, name, entry) =>
    putServer(opencodeFile(world), 'mcp', name, { type: 'local', command: [entry.command, ...entry.args], environment: entry.env, enabled: true }),
  readEntry(world, name) {
    const mcp = readJsonc(opencodeFile(world)).mcp ?? {};
    const raw = mcp[name] ?? mcp.servers?.[name];
    if (!raw || !Array.isArray(raw.command)) return undefined;
    const [command, ...args] = raw.command as string[];
    return { command: command!, args, env: raw.environment ?? {} };
  },
};

/** Every real client, by id. */
export const REAL_CLIENTS: Record<RealClientId, RealClient> = {
  'claude-code': claudeCode,
  gemini: geminiFamily('gemini', 'Gemini CLI', '@google/gemini-cli', '.gemini', { GEMINI_CLI_NO_RELAUNCH: 'true' }),
  codex,
  copilot,
  opencode,
  qwen: geminiFamily('qwen', 'Qwen Code', '@qwen-code/qwen-code', '.qwen', { QWEN_CODE_NO_RELAUNCH: 'true' }),
};

/** The client's package and pinned version, for test names and messages ("Codex CLI (@openai/codex 0.171.0)"). */
export function clientTitle(client: RealClient): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return `${client.label} (${client.pkg} ${pkg.devDependencies[client.pkg] ?? '?'})`;
}

/** The client's CLI in node_modules/.bin. */
export function clientBin(client: RealClient): string {
  return join(BIN_DIR, client.bin);
}

/** The world's login environment plus the client's offline settings: what the client runs with. */
export function clientEnv(client: RealClient, world: ClientWorld, extra: Record<string, string> = {}): Record<string, string> {
  return { ...world.env, ...client.env(world), ...extra };
}
