import { expect } from 'vitest';
import { describeRealClient } from './client-suite';

// `codex mcp list` / `codex mcp get` read the entry without starting it; a `codex exec` session then
// starts it with Codex's stripped environment, and the proxy must reach the MCP server from there.
describeRealClient(
  'codex',
  async ({ run, expectOk, entry, startUntilInitialized }) => {
    const list = await run(['mcp', 'list', '--json']);
    expectOk(list, '`codex mcp list --json`');
    const listed = (JSON.parse(list.stdout) as Array<Record<string, any>>).find((s) => s.name === 'work');
    expect(listed, `\`codex mcp list --json\` does not show "work":\n${list.stdout}`).toMatchObject({ enabled: true, transport: { type: 'stdio', command: entry.command, args: entry.args } });

    const get = await run(['mcp', 'get', 'work', '--json']);
    expectOk(get, '`codex mcp get work --json`');
    // Codex reads the entry's env block too: the only way the proxy learns TOKENTRAY_HOME & co. from Codex.
    expect(JSON.parse(get.stdout)).toMatchObject({ name: 'work', enabled: true, transport: { type: 'stdio', command: entry.command, args: entry.args, env: entry.env } });

    await startUntilInitialized();
  },
  // Codex passes neither TOKENTRAY_* nor XDG_CONFIG_HOME: install with each moved.
  { modes: ['custom', 'xdg'] },
);
