// A world for measuring what one state refresh reads (bundled and run by scripts/bench-refresh.mjs):
// a sandbox on 127.0.0.1, a mootup profile, two workspaces (one a git repo), user and project
// editor configs with a plaintext token. Prints markers on stderr around each refresh so a
// syscall trace (strace) can be cut to one refresh, and the sandbox's request count per refresh.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as appState from '../electron/core/app/app-state';
import { createCoreContext } from '../electron/core/context';
import { addProfile } from '../electron/core/profiles/profiles';
import { startSandbox } from '../test/sandbox/sandbox';

const FAKE_TOKEN = `mcp_${'a1B2c3D4e5F6g7H8'.repeat(2)}`;

async function main(): Promise<void> {
  const sb = await startSandbox();
  const root = mkdtempSync(join(tmpdir(), 'tokentray-bench-'));
  const home = join(root, 'home');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...(process.env.DBUS_SESSION_BUS_ADDRESS && { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS }),
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    TOKENTRAY_HOME: join(root, 'tokentray'),
    TOKENTRAY_KEYCHAIN_SERVICE: `tokentray-bench-${process.pid}`,
    NO_PROXY: '*',
  };
  const ctx = createCoreContext(env);
  try {
    await addProfile(ctx, { name: 'work', kind: 'mootup', url: sb.url }, sb.humanPat);
    const entry = (a: { actor_id: string; display_name: string; api_key: string }) => ({ actor_id: a.actor_id, display_name: a.display_name, api_key: a.api_key });
    const dirs: string[] = [];
    for (const [name, actors, git] of [
      ['repo', [sb.agents.connectedHere, sb.agents.connectedElsewhere], true],
      ['plain', [sb.agents.available, sb.createAgent({ displayName: 'Unheld' })], false],
    ] as const) {
      const dir = join(root, name);
      mkdirSync(join(dir, '.moot'), { recursive: true });
      writeFileSync(join(dir, '.moot', 'actors.json'), JSON.stringify({ actors: actors.map(entry) }, null, 2));
      chmodSync(join(dir, '.moot', 'actors.json'), 0o600);
      mkdirSync(join(dir, '.cursor'), { recursive: true });
      writeFileSync(join(dir, '.cursor', 'mcp.json'), JSON.stringify({ mcpServers: { p: { url: 'https://example.invalid/mcp', headers: { Authorization: `Bearer ${FAKE_TOKEN}` } } } }));
      writeFileSync(join(dir, '.env'), `API_TOKEN=${FAKE_TOKEN}\n`);
      if (git) {
        spawnSync('git', ['init', '-q'], { cwd: dir });
        writeFileSync(join(dir, '.gitignore'), '.moot/\n');
      }
      dirs.push(dir);
    }
    mkdirSync(join(env.TOKENTRAY_HOME!), { recursive: true });
    writeFileSync(join(env.TOKENTRAY_HOME!, 'workspaces.json'), JSON.stringify({ version: 1, workspaces: dirs.map((dir) => ({ dir, profile: 'work', added_at: new Date().toISOString() })) }));
    mkdirSync(join(home, '.cursor'), { recursive: true });
    writeFileSync(join(home, '.cursor', 'mcp.json'), JSON.stringify({ mcpServers: { u: { url: 'https://example.invalid/mcp', headers: { Authorization: `Bearer ${FAKE_TOKEN}` } } } }));

    // Old code has only buildAppState; new code offers a builder that keeps caches between refreshes.
    const api = appState as unknown as Record<string, unknown>;
    const builder = typeof api.createStateBuilder === 'function' ? (api.createStateBuilder as (c: typeof ctx) => (r?: unknown) => Promise<unknown>)(ctx) : null;
    const rounds: Array<{ label: string; request?: unknown }> = [
      { label: 'first' },
      { label: 'second-unchanged', request: { agents: 'reuse' } },
      { label: 'after-action', request: { agents: 'reuse' } },
      { label: 'timer', request: { agents: 'fetch' } },
    ];
    for (const round of rounds) {
      if (round.label === 'after-action') writeFileSync(join(dirs[0]!, '.gitignore'), '.moot/\nnode_modules/\n');
      const before = sb.state.requests.length;
      process.stderr.write(`REFRESH-BEGIN ${round.label}\n`);
      const started = performance.now();
      const state = (await (builder ? builder(round.request) : appState.buildAppState(ctx))) as { errors: unknown[]; findings: unknown[]; agents: unknown[] };
      const ms = performance.now() - started;
      process.stderr.write(`REFRESH-END ${round.label}\n`);
      const paths = sb.state.requests.slice(before).map((r) => `${r.method} ${r.path}`);
      console.log(JSON.stringify({ round: round.label, ms: Math.round(ms), mootup_requests: paths.length, paths, errors: state.errors, findings: state.findings.length, agents: state.agents.length }));
    }
  } finally {
    for (const account of await ctx.secrets.list().catch(() => [] as string[])) await ctx.secrets.delete(account).catch(() => undefined);
    await sb.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
