import { expect } from 'vitest';
import { describeRealClient, expectLine } from './client-suite';

// `copilot mcp list` / `copilot mcp get` read the entry without starting it; a prompt run (offline,
// against the world's dead model endpoint) starts it, and the proxy must reach the MCP server.
describeRealClient('copilot', async ({ run, expectOk, entry, startUntilInitialized }) => {
  const list = await run(['mcp', 'list', '--json']);
  expectOk(list, '`copilot mcp list --json`');
  expect(list.stdout).toContain('"work"');

  const get = await run(['mcp', 'get', 'work']);
  expectOk(get, '`copilot mcp get work`');
  expectLine(get, new RegExp(`Command: ${entry.command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} mcp work`), '`copilot mcp get work`');

  await startUntilInitialized();
});
