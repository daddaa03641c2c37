import { mkdirSync, rmSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startUpstream, type Upstream } from '../mcp/fixtures/upstream';
import { fakeMolyPat, makeTestEnv, runCli, type TestEnv } from './cli';
import { startForwardProxy, type ForwardProxy } from './forward-proxy';

/** node_modules/.bin of this checkout: the pinned client CLIs and Node 24. */
export const BIN_DIR = resolve(__dirname, '../../node_modules/.bin');

/** Where tokentray's metadata lives in a world: its own TOKENTRAY_HOME, or (unset) under XDG_CONFIG_HOME. */
export type TokentrayHomeMode = 'custom' | 'xdg';

/** A desktop user's machine in a temp folder, for running real MCP clients against what tokentray writes. */
export interface ClientWorld extends TestEnv {
  /** The folder clients run in (not a git repository, not trusted by any client). */
  project: string;
  tmp: string;
  xdgConfig: string;
  /** A port on 127.0.0.1 where nothing listens: the "model API" of clients that need one to start a session. */
  deadEnd: string;
}

export interface WorldOptions {
  /** HTTP(S)_PROXY of the world (see makeClientWorld). */
  proxy?: string;
}

/**
 * A temp HOME with its XDG folders inside it at non-default places (HOME/.xdg/…), a non-default
 * keychain service, and TOKENTRAY_HOME either set to a folder outside HOME (`custom`) or unset so
 * tokentray keeps its files in XDG_CONFIG_HOME/tokentray (`xdg`). `env` is the login environment a
 * desktop gives the user's programs: the tokentray CLI and the clients both run with it. Built from
 * nothing (never this process's environment), so no CI variable or proxy setting of the machine leaks
 * in. HTTP(S)_PROXY point at `options.proxy` (a recording proxy that refuses every non-loopback
 * target, or by default a port where nothing listens; NO_PROXY keeps 127.0.0.1 direct): whatever a
 * client would send past its disabled telemetry and update checks cannot leave the machine.
 */
export function makeClientWorld(mode: TokentrayHomeMode = 'custom', options: WorldOptions = {}): ClientWorld {
  const t = makeTestEnv();
  const xdg = (name: string) => join(t.home, '.xdg', name);
  const tmp = join(t.root, 'tmp');
  const project = join(t.root, 'project');
  for (const dir of [t.home, tmp, project, xdg('config'), xdg('data'), xdg('cache'), xdg('state')]) mkdirSync(dir, { recursive: true });
  const deadEnd = 'http://127.0.0.1:9';
  const proxy = options.proxy ?? 'http://127.0.0.1:1';
  const env: Record<string, string> = {
    HOME: t.home,
    USER: process.env.USER || 'tester',
    LOGNAME: process.env.LOGNAME || process.env.USER || 'tester',
    PATH: [BIN_DIR, process.env.PATH || '/usr/local/bin:/usr/bin:/bin'].join(delimiter),
    SHELL: '/bin/sh',
    TERM: 'dumb',
    LANG: 'C.UTF-8',
    TMPDIR: tmp,
    XDG_CONFIG_HOME: xdg('config'),
    XDG_DATA_HOME: xdg('data'),
    XDG_CACHE_HOME: xdg('cache'),
    XDG_STATE_HOME: xdg('state'),
    TOKENTRAY_KEYCHAIN_SERVICE: t.service,
    NO_COLOR: '1',
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    NO_PROXY: '127.0.0.1,localhost,::1',
  };
  // A desktop session has its bus address in the environment; clients may or may not pass it on.
  if (process.env.DBUS_SESSION_BUS_ADDRESS) env.DBUS_SESSION_BUS_ADDRESS = process.env.DBUS_SESSION_BUS_ADDRESS;
  const tokentrayHome = mode === 'custom' ? t.tokentrayHome : join(xdg('config'), 'tokentray');
  if (mode === 'custom') env.TOKENTRAY_HOME = t.tokentrayHome;
  return { ...t, tokentrayHome, env, project, tmp, xdgConfig: xdg('config'), deadEnd };
}

/** Removes a world's folder (client caches in it run to hundreds of MB: Copilot unpacks itself there). */
export function disposeWorld(world: ClientWorld): void {
  rmSync(world.root, { recursive: true, force: true });
}

/** Runs `body` in a fresh world and removes the world afterwards, whatever happened. */
export async function inWorld<T>(mode: TokentrayHomeMode, body: (world: ClientWorld) => Promise<T>, options: WorldOptions = {}): Promise<T> {
  const world = makeClientWorld(mode, options);
  try {
    return await body(world);
  } finally {
    disposeWorld(world);
  }
}

/** Stores profile `name` (an MCP profile for `url`, token in the real keychain) through the real CLI. */
export async function addWorldProfile(world: ClientWorld, name: string, url: string, token: string): Promise<void> {
  const res = await runCli(['profile', 'add', name, '--kind', 'mcp', '--url', url, '--expires', 'never'], { env: world.env, input: token, cwd: world.project });
  expect(res.code, `tokentray profile add failed:\n${res.stderr}`).toBe(0);
}

/** `tokentray editors install <client> <profile>` (user scope) as the user runs it; returns its --json result. */
export async function installWithTokentray(world: ClientWorld, client: string, profile: string): Promise<Record<string, unknown>> {
  const res = await runCli(['editors', 'install', client, profile, '--json'], { env: world.env, cwd: world.project });
  expect(res.code, `tokentray editors install ${client} ${profile} failed (exit ${res.code}):\n${res.stderr}${res.stdout}`).toBe(0);
  return JSON.parse(res.stdout) as Record<string, unknown>;
}

/** Registers beforeAll/afterAll hooks that start one `T` for the whole test file and close it; the getter reads it inside tests. */
export function useShared<T extends { close(): Promise<void> }>(what: string, start: () => Promise<T>): () => T {
  let value: T | undefined;
  beforeAll(async () => {
    value = await start();
  });
  afterAll(async () => {
    await value?.close();
  });
  return () => {
    if (!value) throw new Error(`${what} is not started yet (read it inside a test)`);
    return value;
  };
}

/** One MCP server for a whole test file (a real SDK server demanding `token`), started before its tests. */
export interface SharedUpstream {
  readonly upstream: Upstream;
  readonly token: string;
}

/** A SharedUpstream for this test file. */
export function useSharedUpstream(): SharedUpstream {
  const token = fakeMolyPat();
  const upstream = useShared('the shared upstream', () => startUpstream({ token }));
  return {
    token,
    get upstream() {
      return upstream();
    },
  };
}

/**
 * A recording HTTP(S) proxy for the worlds of this test file: a client that tries to reach anything
 * but loopback through HTTP(S)_PROXY gets 403 and shows up in `requests` (test/helpers/forward-proxy.ts).
 */
export function useProxyTrap(): () => ForwardProxy {
  return useShared('the proxy trap', startForwardProxy);
}

/** The requests a client sent towards the internet through the world's proxy (none expected). */
export function outsideRequests(trap: ForwardProxy): string[] {
  return trap.requests.map((r) => `${r.method} ${r.target}`);
}
