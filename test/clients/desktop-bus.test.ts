import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectEditor, resultText } from '../mcp/helpers';
import { addWorldProfile, inWorld, useSharedUpstream } from '../helpers/client-world';
import { desktopBusPath, requireDesktopBus } from '../helpers/desktop-bus';

// MCP clients start servers without DBUS_SESSION_BUS_ADDRESS (Codex passes none). On a desktop the
// session bus sits at /run/user/<uid>/bus and the proxy falls back to that address; the test
// keychain's bus listens there too (scripts/with-keychain.mjs), so the client tests see a desktop.

const WITH_KEYCHAIN = resolve(__dirname, '../../scripts/with-keychain.mjs');

describe.skipIf(!desktopBusPath())('the test keychain at the desktop bus address', () => {
  const shared = useSharedUpstream();

  it('listens at /run/user/<uid>/bus', () => {
    requireDesktopBus();
    expect(process.env.DBUS_SESSION_BUS_ADDRESS).toMatch(new RegExp(`^unix:path=${desktopBusPath()}(,|$)`));
    expect(existsSync(desktopBusPath()!)).toBe(true);
  });

  it('is reached by a proxy whose environment has no D-Bus variable at all', () =>
    inWorld('custom', async (world) => {
      requireDesktopBus();
      const { upstream, token } = shared;
      await addWorldProfile(world, 'work', upstream.url, token);
      // Only what finds the profile; no DBUS_SESSION_BUS_ADDRESS, no XDG_RUNTIME_DIR.
      const env = {
        HOME: world.home,
        PATH: world.env.PATH!,
        TOKENTRAY_HOME: world.tokentrayHome,
        TOKENTRAY_KEYCHAIN_SERVICE: world.service,
        LOGNAME: world.env.LOGNAME!,
        USER: world.env.USER!,
        SHELL: '/bin/sh',
        TERM: 'dumb',
      };
      const editor = await connectEditor(world, 'work', { env });
      try {
        expect(resultText(await editor.client.callTool({ name: 'echo', arguments: { text: 'no bus variable' } }))).toBe('no bus variable');
        const environ = readFileSync(`/proc/${editor.pid}/environ`, 'utf8');
        expect(environ).not.toMatch(/(^|\0)(DBUS_SESSION_BUS_ADDRESS|XDG_RUNTIME_DIR)=/);
        expect(upstream.log.tokens.at(-1)).toBe(token);
      } finally {
        await editor.close();
      }
    }));

  it('is not taken over by a second test run: that one gets a private bus and says why', () => {
    requireDesktopBus();
    const probe = 'console.log(JSON.stringify({ desktop: process.env.TOKENTRAY_TEST_DESKTOP_BUS, reason: process.env.TOKENTRAY_TEST_DESKTOP_BUS_REASON, bus: process.env.DBUS_SESSION_BUS_ADDRESS }))';
    const second = spawnSync(process.execPath, [WITH_KEYCHAIN, process.execPath, '-e', probe], { encoding: 'utf8', timeout: 30_000 });
    expect(second.status, second.stderr).toBe(0);
    const seen = JSON.parse(second.stdout.trim().split('\n').at(-1)!) as { desktop: string; reason: string; bus: string };
    expect(seen.desktop).toBe('0');
    expect(seen.reason).toMatch(new RegExp(`^unix:path=${desktopBusPath()} \\(another test run, pid \\d+`));
    expect(seen.bus).not.toContain(desktopBusPath()!);
    // Ours is still there and still answers.
    expect(existsSync(desktopBusPath()!)).toBe(true);
    const lookup = spawnSync('secret-tool', ['search', 'service', 'tokentray-none'], { env: { PATH: process.env.PATH!, DBUS_SESSION_BUS_ADDRESS: `unix:path=${desktopBusPath()}` }, encoding: 'utf8' });
    expect(lookup.error).toBeUndefined();
    expect(lookup.stderr).not.toMatch(/Cannot autolaunch|Could not connect/);
  });
});
