/** The tray check against a real private D-Bus session bus, with and without a registered StatusNotifierWatcher. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectTray, hasStatusNotifierWatcher, STATUS_NOTIFIER_WATCHER } from '../../electron/main/tray-host';
import { ownBusName, startPrivateBus } from './bus-name';

describe('is there a tray host on the session bus?', () => {
  let bus: { address: string; close(): Promise<void> };
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    bus = await startPrivateBus(mkdtempSync(join(tmpdir(), 'tokentray-bus-')));
    env = { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: bus.address };
  });
  afterAll(() => bus?.close());

  it('no watcher: false, and on Linux the tray counts as missing', async () => {
    expect(await hasStatusNotifierWatcher(env)).toBe(false);
    expect(await detectTray('linux', env)).toBe('missing');
  });

  it('a watcher registered: true and shown; gone again: missing again', async () => {
    const held = await ownBusName(STATUS_NOTIFIER_WATCHER, env);
    try {
      expect(await hasStatusNotifierWatcher(env)).toBe(true);
      expect(await detectTray('linux', env)).toBe('shown');
    } finally {
      await held.release();
    }
    expect(await hasStatusNotifierWatcher(env)).toBe(false);
  });

  it('gdbus answers when dbus-send is not there', async () => {
    const held = await ownBusName(STATUS_NOTIFIER_WATCHER, env);
    try {
      // A PATH with gdbus but without dbus-send.
      const { mkdirSync, symlinkSync } = await import('node:fs');
      const bin = mkdtempSync(join(tmpdir(), 'tokentray-bin-'));
      mkdirSync(bin, { recursive: true });
      symlinkSync('/usr/bin/gdbus', join(bin, 'gdbus'));
      expect(await hasStatusNotifierWatcher({ ...env, PATH: bin })).toBe(true);
    } finally {
      await held.release();
    }
  });

  it('without a bus address it asks the user bus in XDG_RUNTIME_DIR, and never lets the tools autolaunch one', async () => {
    const { mkdirSync, symlinkSync } = await import('node:fs');
    const runtime = mkdtempSync(join(tmpdir(), 'tokentray-runtime-'));
    mkdirSync(runtime, { recursive: true });
    symlinkSync(bus.address.replace(/^unix:path=/, '').replace(/,guid=.*$/, ''), join(runtime, 'bus'));
    expect(await hasStatusNotifierWatcher({ PATH: process.env.PATH, XDG_RUNTIME_DIR: runtime })).toBe(false);
    // No address and no user bus: nothing is started, the answer is unknown.
    expect(await hasStatusNotifierWatcher({ PATH: process.env.PATH, DISPLAY: ':0', XDG_RUNTIME_DIR: join(runtime, 'none') })).toBeNull();
  });

  it('no bus to ask: unknown, which counts as shown (and other systems always show one)', async () => {
    expect(await hasStatusNotifierWatcher({ PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' })).toBeNull();
    expect(await detectTray('linux', { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' })).toBe('shown');
    expect(await detectTray('darwin', env)).toBe('shown');
  });
});
