import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Upstream } from '../mcp/fixtures/upstream';
import { describeRun, plain, runBounded, type BoundedResult } from '../helpers/bounded-run';
import { filesContaining } from '../helpers/cli';
import { addWorldProfile, inWorld, installWithTokentray, outsideRequests, useProxyTrap, useSharedUpstream, type ClientWorld, type TokentrayHomeMode } from '../helpers/client-world';
import { requireDesktopBus } from '../helpers/desktop-bus';
import { clientBin, clientEnv, clientTitle, REAL_CLIENTS, type RealClient, type RealClientId, type StdioEntry } from './clients';
import { clientPasses } from './passed-env';

const DUMP_SERVER = resolve(__dirname, 'fixtures/env-dump-server.mjs');

/** A client CLI run is bounded by this (the test's own limit is above it, so the message is ours). */
export const CLIENT_RUN_MS = 45_000;

/** What a judge gets: the world tokentray installed into, the entry as written, the upstream and how to run the client. */
export interface JudgeContext {
  client: RealClient;
  world: ClientWorld;
  entry: StdioEntry;
  upstream: Upstream;
  /** Runs the client's CLI with `args` in the world (bounded; `until` ends a run that would not end by itself). */
  run(args: string[], until?: () => boolean): Promise<BoundedResult>;
  /** Asserts a run exited 0, with the whole run in the message when it did not. */
  expectOk(run: BoundedResult, label: string): void;
  /** Starts the client's stdio servers the way a session does and waits until the proxy has initialized upstream. */
  startUntilInitialized(): Promise<BoundedResult>;
}

/** Runs a client CLI in a world with its offline settings. */
export function runClient(client: RealClient, world: ClientWorld, args: string[], options: { env?: Record<string, string>; until?: () => boolean } = {}): Promise<BoundedResult> {
  return runBounded(clientBin(client), [...client.globalArgs(world), ...args], { env: options.env ?? clientEnv(client, world), cwd: world.project, timeoutMs: CLIENT_RUN_MS, until: options.until });
}

const runLabel = (client: RealClient, args: string[]) => `\`${client.bin} ${args.join(' ')}\``;

/** Per-client choices of describeRealClient. */
export interface RealClientOptions {
  /** More environments to probe, beside the plain desktop one (e.g. Gemini CLI on GitHub Actions). */
  probes?: Array<{ label: string; env: Record<string, string> }>;
  /** Where tokentray keeps its files in the entry test's worlds; default: a custom TOKENTRAY_HOME only. */
  modes?: TokentrayHomeMode[];
}

/**
 * The tests every real client gets: (1) what it passes to a stdio server's environment, measured
 * with a server that dumps its env (README.md keeps the table), and (2) tokentray's own entry,
 * written by `tokentray editors install`, read by the client's CLI, with `judge` saying what the
 * client must report. Every run is offline and bounded.
 */
export function describeRealClient(id: RealClientId, judge: (ctx: JudgeContext) => Promise<void>, options: RealClientOptions = {}): void {
  const client = REAL_CLIENTS[id];
  const probes = [{ label: 'a desktop session', env: {} }, ...(options.probes ?? [])];
  const modes: Array<[TokentrayHomeMode, string]> = (options.modes ?? ['custom']).map((mode) => [mode, mode === 'custom' ? 'TOKENTRAY_HOME set' : 'no TOKENTRAY_HOME, XDG_CONFIG_HOME moved']);
  describe(clientTitle(client), { timeout: 90_000 }, () => {
    const trap = useProxyTrap();
    const expectNoOutsideTraffic = () => {
      const sent = outsideRequests(trap());
      trap().requests.length = 0;
      expect(sent, `${clientTitle(client)} tried to reach beyond 127.0.0.1 through HTTP(S)_PROXY: its offline settings miss something`).toEqual([]);
    };

    it.each(probes)('started from $label, passes a stdio server what README.md lists, and the entry’s own env on top', ({ env: probeEnv }) =>
      inWorld('custom', async (world) => {
        client.prepare(world);
        const dump = join(world.root, 'server-env.json');
        const entryEnv = { PROBE_FROM_ENTRY: 'entry', PROBE_ENTRY_TOKEN: 'entry' };
        client.writeEntry(world, 'probe', { command: process.execPath, args: [DUMP_SERVER, dump], env: entryEnv });
        const env = clientEnv(client, world, { PROBE_PLAIN: 'plain', PROBE_SECRET_TOKEN: 'not-a-secret', SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt', ...probeEnv });
        const start = client.startServers(world);
        const run = await runClient(client, world, start.args, { env, until: start.endless ? () => existsSync(dump) : undefined });
        expect(existsSync(dump), `${clientTitle(client)} never started the probe server\n${describeRun(runLabel(client, start.args), run)}`).toBe(true);
        const seen = JSON.parse(readFileSync(dump, 'utf8')) as Record<string, string>;
        const wrong = Object.keys(env)
          .filter((name) => (name in seen) !== clientPasses(id, name, env))
          .map((name) => `${name}: ${name in seen ? 'passed' : 'dropped'}, passed-env.ts says ${clientPasses(id, name, env) ? 'passed' : 'dropped'}`);
        expect(wrong, `${clientTitle(client)} passes a different environment than test/clients/passed-env.ts (and README.md) say`).toEqual([]);
        expect({ PROBE_FROM_ENTRY: seen.PROBE_FROM_ENTRY, PROBE_ENTRY_TOKEN: seen.PROBE_ENTRY_TOKEN }, 'the entry’s own env block reaches the server').toEqual(entryEnv);
        expectNoOutsideTraffic();
      }, { proxy: trap().url }));

    describe('tokentray’s entry', () => {
      const shared = useSharedUpstream();

      it.each(modes)('(%s: %s) is read by the client, and the proxy it starts reaches the MCP server with the keychain’s token', (mode) =>
        inWorld(mode, async (world) => {
          requireDesktopBus();
          const { upstream, token } = shared;
          await addWorldProfile(world, 'work', upstream.url, token);
          client.prepare(world);
          await installWithTokentray(world, id, 'work');
          const entry = client.readEntry(world, 'work');
          expect(entry, `no entry "work" in ${client.configFile(world)} after tokentray editors install ${id} work`).toBeDefined();
          expect(entry!.args.slice(-2)).toEqual(['mcp', 'work']);

          const ctx: JudgeContext = {
            client,
            world,
            entry: entry!,
            upstream,
            run: (args, until) => runClient(client, world, args, { until }),
            expectOk(run, label) {
              expect(run.code, describeRun(label, run)).toBe(0);
            },
            async startUntilInitialized() {
              const before = upstream.log.initializeParams.length;
              const start = client.startServers(world);
              const run = await runClient(client, world, start.args, { until: () => upstream.log.initializeParams.length > before });
              expect(upstream.log.initializeParams.length, `${clientTitle(client)} started no proxy that reached the MCP server\n${describeRun(runLabel(client, start.args), run)}`).toBeGreaterThan(before);
              return run;
            },
          };
          const before = upstream.log.initializeParams.length;
          await judge(ctx);
          // Whichever command the judge ran, the proxy the client started reached the MCP server.
          expect(upstream.log.initializeParams.length, `${clientTitle(client)}: no proxy it started reached the MCP server`).toBeGreaterThan(before);
          expect(lastClientInfo(upstream).name, 'the client that connected through the proxy').toBe(client.clientInfoName);
          // Whatever the client logged or cached while it ran, the token is in none of it.
          expect(filesContaining(world.root, token)).toEqual([]);
          expectNoOutsideTraffic();
        }, { proxy: trap().url }));
    });
  });
}

/** The client name the proxy forwarded in its last initialize upstream (which client really connected). */
export function lastClientInfo(upstream: Upstream): { name?: string; version?: string } {
  const params = upstream.log.initializeParams.at(-1) as { clientInfo?: { name?: string; version?: string } } | undefined;
  return params?.clientInfo ?? {};
}

/** Asserts a line of the client's output matches, quoting the whole output when it does not. */
export function expectLine(run: BoundedResult, pattern: RegExp, label: string): void {
  expect(plain(run.stdout + run.stderr), `${label} did not print a line matching ${pattern}\n${describeRun(label, run)}`).toMatch(pattern);
}
