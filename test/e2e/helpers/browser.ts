import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, as the README installs it; Playwright downloads no browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Launches headless chromium with nothing that talks to the network by itself. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}
