// The client the conformance suite's client scenarios run (`conformance client --command "node
// --no-warnings test/conformance/client-driver.ts <direct|proxy>"`; the suite appends the scenario
// server's URL and sets MCP_CONFORMANCE_SCENARIO). The same driver either talks to the scenario
// server directly (the SDK's StreamableHTTPClientTransport) or through tokentray: it stores a real
// keychain profile whose URL is the scenario server's (`tokentray profile add`, token on stdin) and
// spawns the built `dist/cli/tokentray mcp <profile>` over the SDK's StdioClientTransport. Its
// environment (TOKENTRAY_HOME, TOKENTRAY_KEYCHAIN_SERVICE, the D-Bus address) comes from the test.
// For 2026-07-28 (MCP_CONFORMANCE_PROTOCOL_VERSION) the SDK client has no stateless mode: the
// driver speaks the revision itself (stateless-client.ts).
// Node runs this file directly (type stripping): packages only, erasable TypeScript only.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolResultSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { httpWire, runStatelessScenario, statelessClient, stdioWire } from './stateless-client.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const cliJs = join(root, 'dist/cli/tokentray.js');
const launcher = join(root, 'dist/cli/tokentray');

type Mode = 'direct' | 'proxy';

/** Stores a keychain profile for `url` through the real CLI and returns its name. */
function addProfile(url: string): string {
  const name = `conformance-${randomBytes(4).toString('hex')}`;
  const token = `mp_${randomBytes(32).toString('base64url')}`; // the scenario servers ask for none; the proxy sends one anyway
  const add = spawnSync(process.execPath, [cliJs, 'profile', 'add', name, '--kind', 'mcp', '--url', url], { input: token, encoding: 'utf8' });
  if (add.status !== 0) throw new Error(`tokentray profile add failed (${add.status}): ${add.stderr}`);
  return name;
}

function removeProfile(name: string): void {
  spawnSync(process.execPath, [cliJs, 'profile', 'remove', name], { encoding: 'utf8' });
}

/** The SDK transport for `mode`: HTTP to the scenario server, or stdio to `tokentray mcp <profile>`. */
function sdkTransport(mode: Mode, url: string, profile: string | undefined, http: ConstructorParameters<typeof StreamableHTTPClientTransport>[1] = {}): Transport {
  if (mode === 'direct') return new StreamableHTTPClientTransport(new URL(url), http);
  const transport = new StdioClientTransport({ command: launcher, args: ['mcp', profile!], env: process.env as Record<string, string>, stderr: 'inherit' });
  return transport;
}

/** 2025-06-18 / 2025-11-25: the suite's own example client, scenario by scenario. */
async function runSdkScenario(scenario: string, mode: Mode, url: string, profile: string | undefined): Promise<void> {
  if (scenario === 'initialize' || scenario === 'tools_call') {
    const client = new Client({ name: 'tokentray-conformance-client', version: '1.0.0' }, { capabilities: {} });
    await client.connect(sdkTransport(mode, url, profile));
    const { tools } = await client.listTools();
    if (scenario === 'tools_call' && tools[0]) await client.callTool({ name: tools[0].name, arguments: { a: 2, b: 3 } });
    await client.close();
    return;
  }
  if (scenario === 'elicitation-sep1034-client-defaults') {
    const client = new Client({ name: 'tokentray-conformance-client', version: '1.0.0' }, { capabilities: { elicitation: { form: { applyDefaults: true } } } });
    client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: {} })); // the SDK fills in the defaults
    await client.connect(sdkTransport(mode, url, profile));
    await client.listTools();
    await client.callTool({ name: 'test_client_elicitation_defaults', arguments: {} });
    await client.close();
    return;
  }
  if (scenario === 'sse-retry') {
    const client = new Client({ name: 'tokentray-conformance-client', version: '1.0.0' }, { capabilities: {} });
    const reconnectionOptions = { initialReconnectionDelay: 1000, maxReconnectionDelay: 10000, reconnectionDelayGrowFactor: 1.5, maxRetries: 3 };
    await client.connect(sdkTransport(mode, url, profile, { reconnectionOptions }));
    await client.request({ method: 'tools/call', params: { name: 'test_reconnection', arguments: {} } }, CallToolResultSchema);
    await client.close();
    return;
  }
  throw new Error(`no handler for scenario ${scenario}`);
}

async function main(): Promise<void> {
  const mode = process.argv[2] as Mode;
  const url = process.argv.at(-1)!;
  const scenario = process.env.MCP_CONFORMANCE_SCENARIO;
  if ((mode !== 'direct' && mode !== 'proxy') || !scenario || !url.startsWith('http')) {
    process.stderr.write('usage: MCP_CONFORMANCE_SCENARIO=<scenario> client-driver.ts <direct|proxy> <server-url>\n');
    process.exit(2);
  }
  const version = process.env.MCP_CONFORMANCE_PROTOCOL_VERSION;
  const profile = mode === 'proxy' ? addProfile(url) : undefined;
  try {
    if (version === '2026-07-28') {
      const wire = mode === 'direct' ? httpWire(url) : stdioWire(launcher, ['mcp', profile!]);
      const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}') as Record<string, unknown>;
      try {
        await runStatelessScenario(scenario, statelessClient(wire, version, mode === 'direct'), context);
      } finally {
        await wire.close();
      }
    } else {
      await runSdkScenario(scenario, mode, url, profile);
    }
  } finally {
    if (profile) removeProfile(profile);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`client-driver: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
