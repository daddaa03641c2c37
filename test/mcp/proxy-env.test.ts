import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, type TestEnv } from '../helpers/cli';
import { startForwardProxy } from '../helpers/forward-proxy';
import { startUpstream } from './fixtures/upstream';
import { addProfile, connectEditor, initializeRequest, resultText, spawnRawProxy, useProxyTest } from './helpers';

const s = useProxyTest();

describe('the environment the editor gives the proxy', () => {
  it('sends upstream traffic through HTTP_PROXY, and around it for NO_PROXY hosts', async () => {
    const forward = await startForwardProxy();
    try {
      await addProfile(s.t, 'moly', s.upstream.url, s.token);
      const upstreamHost = new URL(s.upstream.url).host;

      s.editor = await connectEditor(s.t, 'moly', { env: { ...s.t.env, HTTP_PROXY: forward.url, NO_PROXY: '' } });
      expect(resultText(await s.editor.client.callTool({ name: 'echo', arguments: { text: 'via proxy' } }))).toBe('via proxy');
      expect(forward.requests.some((r) => r.target.includes(upstreamHost))).toBe(true);
      await s.editor.close();

      forward.requests.length = 0;
      s.editor = await connectEditor(s.t, 'moly', { env: { ...s.t.env, HTTP_PROXY: forward.url, NO_PROXY: '127.0.0.1' } });
      expect(resultText(await s.editor.client.callTool({ name: 'echo', arguments: { text: 'direct' } }))).toBe('direct');
      expect(forward.requests).toEqual([]);
    } finally {
      await forward.close();
    }
  });

  const haveOpenssl = spawnSync('openssl', ['version']).status === 0;
  it.skipIf(!haveOpenssl)('reaches an HTTPS endpoint through an HTTPS_PROXY tunnel, trusting NODE_EXTRA_CA_CERTS', async () => {
    const dir = mkdtempSync(join(s.t.root, 'tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
    expect(made.status, String(made.stderr)).toBe(0);
    const secure = await startUpstream({ token: s.token, tls: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') } });
    const forward = await startForwardProxy();
    try {
      await addProfile(s.t, 'secure', secure.url, s.token);
      s.editor = await connectEditor(s.t, 'secure', { env: { ...s.t.env, HTTPS_PROXY: forward.url, NO_PROXY: '', NODE_EXTRA_CA_CERTS: cert } });
      expect(resultText(await s.editor.client.callTool({ name: 'echo', arguments: { text: 'over TLS' } }))).toBe('over TLS');
      expect(forward.requests).toContainEqual(expect.objectContaining({ method: 'CONNECT', target: new URL(secure.url).host }));
      expect(new Set(secure.log.tokens)).toEqual(new Set([s.token]));
    } finally {
      await s.editor?.close();
      s.editor = undefined;
      await forward.close();
      await secure.close();
    }
  });

  it.skipIf(!haveOpenssl)('reaches an HTTPS server that offers HTTP/2 first in ALPN (it speaks HTTP/1.1 to it)', async () => {
    const dir = mkdtempSync(join(s.t.root, 'tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
    expect(made.status, String(made.stderr)).toBe(0);
    const secure = await startUpstream({ token: s.token, tls: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8'), h2: true } });
    try {
      await addProfile(s.t, 'h2', secure.url, s.token);
      s.editor = await connectEditor(s.t, 'h2', { env: { ...s.t.env, NODE_EXTRA_CA_CERTS: cert } });
      expect(resultText(await s.editor.client.callTool({ name: 'echo', arguments: { text: 'h2 offered' } }))).toBe('h2 offered');
    } finally {
      await s.editor?.close();
      s.editor = undefined;
      await secure.close();
    }
  });

  it('answers with a clear keychain error when the stripped environment leaves no D-Bus to reach', async () => {
    await addProfileUnderHome(s.t);
    const env = strippedEnv(s.t);
    const proxy = spawnRawProxy(s.t, 'moly', env);
    proxy.send(initializeRequest());
    const reply = (await proxy.next((m) => m.id === 1)) as { error?: { code: number; message: string }; result?: unknown };
    if (reply.result) {
      // This machine has a real user bus at /run/user/<uid>/bus and the proxy found a keychain there.
      expect(readFileSync(`/proc/${proxy.pid}/environ`, 'utf8')).not.toContain('DBUS_SESSION_BUS_ADDRESS');
    } else {
      expect(reply.error!.code).toBe(-32005);
      expect(reply.error!.message).toMatch(/Secret Service|D-Bus|no token in the keychain/);
    }
    await proxy.end();
  });

  const bus = /^unix:path=([^,]+)/.exec(process.env.DBUS_SESSION_BUS_ADDRESS ?? '')?.[1];
  const canNamespace = process.platform === 'linux' && process.getuid?.() === 0 && !!bus && spawnSync('unshare', ['-m', 'true']).status === 0;
  it.skipIf(!canNamespace)('reaches the keychain through /run/user/<uid>/bus with only HOME, LOGNAME, PATH, SHELL, TERM, USER set', async () => {
    // Stand-in for a desktop session: in a private mount namespace, /run/user/<uid>/bus is the test
    // keyring's bus, and the proxy gets the SDK's default environment (no DBUS_SESSION_BUS_ADDRESS,
    // no TOKENTRAY_HOME, no XDG_CONFIG_HOME): it must find both the bus and its config by itself.
    await addProfileUnderHome(s.t);
    // (When scripts/with-keychain.mjs already put the bus at the desktop address, it is there as it is.)
    const script = '{ [ "$1" = "/run/user/$(id -u)/bus" ] || { mount -t tmpfs tmpfs /run/user && mkdir -p "/run/user/$(id -u)" && ln -s "$1" "/run/user/$(id -u)/bus"; }; } && shift && exec env -u PWD "$@"';
    const env = strippedEnv(s.t);
    s.editor = await connectEditor(s.t, 'moly', { env, command: 'unshare', args: ['-m', 'sh', '-c', script, 'sh', bus!, process.execPath, CLI_PATH, 'mcp', 'moly'] });
    expect(resultText(await s.editor.client.callTool({ name: 'echo', arguments: { text: 'stripped' } }))).toBe('stripped');
    const environ = readFileSync(`/proc/${s.editor.pid}/environ`, 'utf8').split('\0').filter(Boolean).map((kv) => kv.split('=')[0]).sort();
    expect(environ).toEqual(['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'TOKENTRAY_KEYCHAIN_SERVICE', 'USER']);
    expect(readFileSync(`/proc/${s.editor.pid}/cmdline`, 'utf8')).toContain('tokentray.js');
  });
});

/** Stores the profile where a default install keeps it: ~/.config/tokentray (no TOKENTRAY_HOME). */
async function addProfileUnderHome(test: TestEnv): Promise<void> {
  const env = { ...test.env };
  delete env.TOKENTRAY_HOME;
  await addProfile({ ...test, env }, 'moly', s.upstream.url, s.token);
}

/**
 * What an editor passes by default (the MCP SDK's list), plus the keychain service name that keeps
 * this test's secrets apart (a real install uses the default and would not need it). Profiles are
 * found through HOME alone: TOKENTRAY_HOME and XDG_CONFIG_HOME are absent.
 */
function strippedEnv(test: TestEnv): Record<string, string> {
  return {
    HOME: test.home,
    LOGNAME: process.env.LOGNAME ?? 'tester',
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    SHELL: process.env.SHELL ?? '/bin/sh',
    TERM: process.env.TERM ?? 'dumb',
    USER: process.env.USER ?? 'tester',
    TOKENTRAY_KEYCHAIN_SERVICE: test.service,
  };
}
