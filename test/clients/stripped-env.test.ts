import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { addWorldProfile, inWorld, installWithTokentray, useSharedUpstream, type TokentrayHomeMode } from '../helpers/client-world';
import { requireDesktopBus } from '../helpers/desktop-bus';
import { clientEnv, REAL_CLIENT_IDS, REAL_CLIENTS, type RealClientId, type StdioEntry } from './clients';
import { passedEnv, serverEnv } from './passed-env';

// Issue 14 item 5: clients start stdio servers with a stripped environment. With a non-default
// TOKENTRAY_HOME (or, without one, a non-default XDG_CONFIG_HOME) and a non-default keychain
// service, the entry tokentray installs must still let the proxy find its profile and its token.
// Each case spawns the proxy exactly as the client would: the entry's command and args as written
// in the client's file, and the environment the client gives it (test/clients/passed-env.ts, which
// each client's own test checks against the real CLI).

type Attempt = { ok: true; tools: string[]; environ: string[] } | { ok: false; error: string; stderr: string };

/** Starts the entry with exactly `env` and lists the tools through it (bounded), or says how it failed. */
async function tryEntry(entry: StdioEntry, env: Record<string, string>): Promise<Attempt> {
  const transport = new StdioClientTransport({ command: entry.command, args: entry.args, env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const client = new Client({ name: 'stripped-env-test', version: '1.0.0' });
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer within 20 s')), 20_000);
  });
  try {
    await Promise.race([client.connect(transport), bound]);
    // The SDK fills HOME, LOGNAME, PATH, SHELL, TERM and USER from this process where `env` lacks
    // them: read what the proxy really got (sh's own PWD and the like aside).
    const environ = readFileSync(`/proc/${transport.pid}/environ`, 'utf8').split('\0').filter(Boolean).map((kv) => kv.slice(0, kv.indexOf('=')));
    const { tools } = await Promise.race([client.listTools(), bound]);
    return { ok: true, tools: tools.map((t) => t.name), environ: environ.filter((k) => !['PWD', 'OLDPWD', 'SHLVL', '_'].includes(k)).sort() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), stderr };
  } finally {
    clearTimeout(timer);
    await client.close().catch(() => undefined);
  }
}

/** Clients that pass the tokentray variables on by themselves: the entry's env is not what saves them. */
const PASSES_EVERYTHING = new Set(['claude-code', 'opencode', 'copilot', 'qwen']);

const shared = useSharedUpstream();

const MODES: Array<[TokentrayHomeMode, string]> = [
  ['custom', 'TOKENTRAY_HOME outside HOME'],
  ['xdg', 'no TOKENTRAY_HOME, XDG_CONFIG_HOME outside ~/.config'],
];

/** Each client as a desktop starts it, and Gemini CLI on GitHub Actions too, where it passes least of all. */
const CASES: Array<{ name: string; id: RealClientId; extra: Record<string, string> }> = [
  ...REAL_CLIENT_IDS.map((id) => ({ name: id, id, extra: {} })),
  { name: 'gemini on GitHub Actions (GITHUB_SHA set)', id: 'gemini', extra: { GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567' } },
];

describe.each(MODES)('a stripped environment, %s (%s), non-default keychain service', (mode) => {
  it.each(CASES)('$name: the installed entry starts a proxy that finds its profile and token', ({ id, extra }) =>
    inWorld(mode, async (world) => {
      requireDesktopBus();
      const client = REAL_CLIENTS[id];
      await addWorldProfile(world, 'work', shared.upstream.url, shared.token);
      client.prepare(world);
      await installWithTokentray(world, id, 'work');
      const entry = client.readEntry(world, 'work');
      expect(entry, `no entry "work" in ${client.configFile(world)}`).toBeDefined();

      const desktop = clientEnv(client, world, extra);
      const env = serverEnv(id, desktop, entry!.env);
      const attempt = await tryEntry(entry!, env);
      expect(attempt, `the proxy started as ${client.label} starts it failed: ${JSON.stringify(attempt, null, 2)}`).toMatchObject({ ok: true });
      if (!attempt.ok) return;
      expect(attempt.tools).toContain('echo');
      expect(attempt.environ, 'the proxy got exactly the stripped environment').toEqual(Object.keys(env).sort());

      // The control: without the entry's env block, clients that strip the tokentray variables
      // start a proxy that looks in the wrong place. Only the entry can carry what it needs.
      if (!PASSES_EVERYTHING.has(id)) {
        const bare = await tryEntry(entry!, passedEnv(id, desktop));
        expect(bare.ok, `${client.label} without the entry's env should not find the profile`).toBe(false);
        if (!bare.ok) expect(`${bare.error}\n${bare.stderr}`).toMatch(/no profile named|keychain/i);
      }
    }),
  );
});
