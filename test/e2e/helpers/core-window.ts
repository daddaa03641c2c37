import { rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CLI_PATH, makeTestEnv, type TestEnv } from '../../helpers/cli';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox';
import { launchChromium } from './browser';
import { createCoreBridge, type CoreBridge } from './core-bridge';
import { serveStatic, type StaticServer } from './static-server';

/** The built renderer the tests serve. */
export const RENDERER = resolve(__dirname, '../../../dist/renderer');

/** The built window in chromium on the real core: test world, sandbox mootup, bridge, page, and what the page complained about. */
export interface CoreWindow {
  testEnv: TestEnv;
  sandbox: Sandbox;
  bridge: CoreBridge;
  web: StaticServer;
  browser: Browser;
  page: Page;
  /** Console errors and page errors, as they happened. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Starts a world (editor entries point at the built CLI, as Electron main sets TOKENTRAY_LAUNCHER),
 * lets `prepare` put files in place before core first looks, then opens the window on it.
 */
export async function openCoreWindow(options: { height?: number; prepare?: (testEnv: TestEnv, sandbox: Sandbox) => void } = {}): Promise<CoreWindow> {
  if (!statSync(join(RENDERER, 'index.html'), { throwIfNoEntry: false })) throw new Error('dist/renderer is missing: run `node scripts/build.mjs` first');
  const testEnv = makeTestEnv({ TOKENTRAY_LAUNCHER: CLI_PATH });
  const sandbox = await startSandbox();
  options.prepare?.(testEnv, sandbox);
  const bridge = createCoreBridge(testEnv.env);
  await bridge.store.refresh();
  const web = await serveStatic(RENDERER);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1040, height: options.height ?? 780 } });
  const problems: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
  page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
  await bridge.attach(page);
  await page.goto(web.url);
  return {
    testEnv,
    sandbox,
    bridge,
    web,
    browser,
    page,
    problems,
    async close() {
      await browser.close();
      await web.close();
      await sandbox.close();
      for (const account of await bridge.ctx.secrets.list().catch(() => [])) await bridge.ctx.secrets.delete(account);
      rmSync(testEnv.root, { recursive: true, force: true });
    },
  };
}
