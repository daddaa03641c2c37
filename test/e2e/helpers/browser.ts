import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, as the README installs it; Playwright downloads no browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Launches headless chromium with nothing that talks to the network by itself. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no browser at ${CHROMIUM_PATH}: the settings window tests drive Debian's chromium; install it with \`sudo apt-get install -y chromium\` (see README)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}
