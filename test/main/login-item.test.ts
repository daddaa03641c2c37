import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths, isOpenableExternalUrl } from '../../electron/main/app-paths';
import { takeoverDialogOptions } from '../../electron/main/confirm-takeover';
import { autostartDesktopEntry, createLoginItem, linuxAutostartFile } from '../../electron/main/login-item';

const noApp = {
  getLoginItemSettings: () => {
    throw new Error('Electron login items are not used on Linux');
  },
  setLoginItemSettings: () => {
    throw new Error('Electron login items are not used on Linux');
  },
} as never;

describe('Start at login on Linux (XDG autostart)', () => {
  it('writes and removes ~/.config/autostart/tokentray.desktop', () => {
    const home = mkdtempSync(join(tmpdir(), 'tokentray-login-'));
    const env = { HOME: home };
    const item = createLoginItem(noApp, 'linux', env, ['/opt/tokentray/tokentray']);
    const file = join(home, '.config', 'autostart', 'tokentray.desktop');
    expect(linuxAutostartFile(env)).toBe(file);
    expect(item.isEnabled()).toBe(false);
    item.setEnabled(true);
    expect(item.isEnabled()).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/tokentray/tokentray"');
    item.setEnabled(false);
    expect(existsSync(file)).toBe(false);
    expect(item.isEnabled()).toBe(false);
  });

  it('follows XDG_CONFIG_HOME and quotes Exec arguments as the Desktop Entry spec asks', () => {
    expect(linuxAutostartFile({ HOME: '/h', XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/autostart/tokentray.desktop');
    expect(autostartDesktopEntry(['/a b/electron', '/app "x"/$HOME'])).toContain('Exec="/a b/electron" "/app \\"x\\"/\\$HOME"');
  });

  it('uses Electron\'s login item settings on macOS and Windows', () => {
    let openAtLogin = false;
    const app = { getLoginItemSettings: () => ({ openAtLogin }), setLoginItemSettings: (s: { openAtLogin?: boolean }) => void (openAtLogin = !!s.openAtLogin) } as never;
    const item = createLoginItem(app, 'darwin', {}, []);
    item.setEnabled(true);
    expect(item.isEnabled()).toBe(true);
  });
});

describe('app paths', () => {
  it('finds the tray icons and the page inside resources when packaged', () => {
    const linux = appPaths({ isPackaged: true, resourcesPath: '/opt/tokentray/resources', appPath: '/opt/tokentray/resources/app.asar', platform: 'linux' });
    expect(linux).toEqual({
      preload: '/opt/tokentray/resources/app.asar/dist/preload/preload.js',
      rendererDir: '/opt/tokentray/resources/app.asar/dist/renderer',
      indexHtml: '/opt/tokentray/resources/app.asar/dist/renderer/index.html',
      trayIconDir: '/opt/tokentray/resources/tray',
    });
    const dev = appPaths({ isPackaged: false, resourcesPath: '/x', appPath: '/repo', platform: 'linux' });
    expect(dev.trayIconDir).toBe('/repo/build/tray');
  });

  it('lets the OS open https links only', () => {
    expect(isOpenableExternalUrl('https://mootup.io/settings/tokens')).toBe(true);
    for (const url of ['http://mootup.io', 'file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'https://user:pw@mootup.io/', 'nonsense']) {
      expect(isOpenableExternalUrl(url), url).toBe(false);
    }
  });
});

describe('takeover confirm dialog', () => {
  it('names the agent and says the other installation\'s key stops working immediately; Cancel is the default', () => {
    const options = takeoverDialogOptions({ actor_id: 'act_1', display_name: 'Ada' }, 'Ada is connected from another installation.');
    expect(options.message).toBe('Take over Ada on this machine?');
    expect(options.detail).toContain('Ada is connected from another installation.');
    expect(options.detail).toContain('Ada (act_1)');
    expect(options.detail).toContain('stops working immediately');
    expect(options.buttons).toEqual(['Cancel', 'Take over']);
    expect(options).toMatchObject({ defaultId: 0, cancelId: 0 });
  });
});
