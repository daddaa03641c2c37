import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_PATH } from '../helpers/cli';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): Record<string, any> };
const config = yaml.load(readFileSync('electron-builder.yml', 'utf8'));

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage + deb, dmg (menu-bar only), nsis; unpacks keytar; installs the launcher and tray images; flips fuses', () => {
    expect(config).toMatchObject({ appId: 'io.tokentray.app', productName: 'tokentray', afterPack: 'build/after-pack.cjs' });
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Utility', executableName: 'tokentray' });
    expect(config.mac).toMatchObject({ target: 'dmg', extendInfo: { LSUIElement: true } });
    expect(config.win).toMatchObject({ target: 'nsis' });
    expect(config.asarUnpack).toContain('node_modules/keytar/**');
    expect(config.extraResources).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'build/launcher', to: 'bin' }), expect.objectContaining({ from: 'build/tray', to: 'tray' })]));
  });
});

/** A file that looks like an Electron binary to @electron/fuses: the sentinel, wire version 1, 8 fuses at Electron's defaults. */
function fakeElectronBinary(path: string): void {
  const { SENTINEL } = require('@electron/fuses/dist/constants');
  writeFileSync(path, Buffer.concat([Buffer.from('\x7fELF…'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001'), Buffer.from('…rest')]));
}

describe('afterPack hook (build/after-pack.cjs) with the real @electron/fuses', () => {
  it('flips the fuses in the Linux binary, keeping RunAsNode for the CLI launcher, and keeps the launcher executable', async () => {
    const { FuseV1Options, FuseState, getCurrentFuseWire } = { ...require('@electron/fuses'), ...require('@electron/fuses/dist/constants') };
    const appOutDir = mkdtempSync(join(tmpdir(), 'tokentray-pack-'));
    fakeElectronBinary(join(appOutDir, 'tokentray'));
    mkdirSync(join(appOutDir, 'resources', 'bin'), { recursive: true });
    writeFileSync(join(appOutDir, 'resources', 'bin', 'tokentray'), '#!/bin/sh\n', { mode: 0o644 });

    const afterPack = require(resolve('build/after-pack.cjs'));
    await afterPack({ appOutDir, electronPlatformName: 'linux', arch: 1, packager: { executableName: 'tokentray', appInfo: { productFilename: 'tokentray' } } });

    const wire = await getCurrentFuseWire(join(appOutDir, 'tokentray'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    // The page comes from app:// (electron/main/app-protocol.ts): file:// keeps no extra privileges.
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    expect(statSync(join(appOutDir, 'resources', 'bin', 'tokentray')).mode & 0o111).toBe(0o111);
  });

  it('finds the binary electron-builder produced on each platform', () => {
    const { electronBinaryPath } = require(resolve('build/after-pack.cjs'));
    const packager = { executableName: 'tokentray', appInfo: { productFilename: 'tokentray' } };
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe('/o/tokentray');
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe('/o/tokentray.app');
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe('/o/tokentray.exe');
  });
});

describe.skipIf(process.platform === 'win32')('the packaged `tokentray` launcher (build/launcher/tokentray)', () => {
  it('runs the CLI inside resources/app.asar with the app binary in Node mode, also through a symlink', () => {
    // A packaged Linux layout, with a stand-in for the Electron binary that records how it was started
    // and then behaves as Electron does with ELECTRON_RUN_AS_NODE=1: as node.
    const root = mkdtempSync(join(tmpdir(), 'tokentray-launcher-'));
    const app = join(root, 'opt', 'tokentray');
    mkdirSync(join(app, 'resources', 'bin'), { recursive: true });
    mkdirSync(join(app, 'resources', 'app.asar', 'dist', 'cli'), { recursive: true });
    symlinkSync(CLI_PATH, join(app, 'resources', 'app.asar', 'dist', 'cli', 'tokentray.js'));
    const record = join(root, 'started-with');
    writeFileSync(join(app, 'tokentray'), `#!/bin/sh\nprintf '%s\\n' "RUN_AS_NODE=$ELECTRON_RUN_AS_NODE" "LAUNCHER=$TOKENTRAY_LAUNCHER" "$@" > '${record}'\nexec '${process.execPath}' "$@"\n`);
    chmodSync(join(app, 'tokentray'), 0o755);
    copyFileSync('build/launcher/tokentray', join(app, 'resources', 'bin', 'tokentray'));
    chmodSync(join(app, 'resources', 'bin', 'tokentray'), 0o755);
    mkdirSync(join(root, 'bin'));
    symlinkSync(join(app, 'resources', 'bin', 'tokentray'), join(root, 'bin', 'tokentray'));

    for (const launcher of [join(app, 'resources', 'bin', 'tokentray'), join(root, 'bin', 'tokentray')]) {
      const run = spawnSync(launcher, ['--help'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root } });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('tokentray');
      expect(readFileSync(record, 'utf8').split('\n')).toEqual(['RUN_AS_NODE=1', `LAUNCHER=${join(app, 'resources', 'bin', 'tokentray')}`, join(app, 'resources', 'app.asar', 'dist', 'cli', 'tokentray.js'), '--help', '']);
    }
  });
});
