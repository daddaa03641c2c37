/**
 * Launches the real app with Playwright's Electron driver: the tray comes up, a second launch opens
 * the settings window in the first instance, and the page logs no errors. Runs wherever the Electron
 * binary is installed; where it is not (CI here), prints "skipped: no Electron binary" and skips.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { makeTestEnv } from '../helpers/cli';

/**
 * The binary `require('electron')` would return, found the way the electron package's index.js finds
 * it but without calling it: that require() starts a download when the binary is missing.
 */
function electronBinary(): string | null {
  const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8');
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(pkg, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) console.log('skipped: no Electron binary');

describe('Electron smoke test', () => {
  it.skipIf(!binary)('launches, creates the tray, opens the settings window on a second launch, with no console errors', async () => {
    const { _electron } = await import('playwright-core');
    const appRoot = resolve('.');
    const { env } = makeTestEnv({ ...(process.env.DISPLAY && { DISPLAY: process.env.DISPLAY }), ...(process.env.WAYLAND_DISPLAY && { WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY }) });
    const app = await _electron.launch({ executablePath: binary!, args: [appRoot], env, cwd: appRoot });
    try {
      const stderr: string[] = [];
      app.process().stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
      await expect.poll(() => stderr.join(''), { timeout: 20_000 }).toContain('tokentray: tray ready');
      expect(app.windows()).toHaveLength(0);

      const errors: string[] = [];
      const windowOpened = app.waitForEvent('window', { timeout: 20_000 });
      // A second launch must not start a second app: it asks the first one to show its window.
      const second = spawn(binary!, [appRoot], { env, stdio: 'ignore' });
      const secondExit = new Promise<number | null>((done) => second.on('exit', done));
      const page = await windowOpened;
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      await page.waitForLoadState('load');
      expect(await secondExit).toBe(0);
      expect(await page.evaluate(() => typeof window.tokentray)).toBe('object');
      expect(await page.evaluate(() => typeof (window as Window & { require?: unknown }).require)).toBe('undefined');
      // The React app has rendered: any error it logged on the way is in `errors` by now.
      await page.waitForFunction(() => (document.getElementById('root') ?? document.body).children.length > 0, undefined, { timeout: 20_000 });
      expect(errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
