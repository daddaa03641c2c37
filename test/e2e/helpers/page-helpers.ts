import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** Where the E2E run leaves its screenshots (git-ignored): test-results/screenshots/<name>.png. */
export const SCREENSHOT_DIR = resolve(__dirname, '../../../test-results/screenshots');

/** A full-page screenshot of the window as it is now. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Waits until one of `locator`'s elements shows `expected`; on timeout, fails with what the elements
 * showed and every action message on the page, so a failing step says why.
 */
export async function waitForText(locator: Locator, expected: RegExp, timeout = 15_000): Promise<void> {
  try {
    await locator.filter({ hasText: expected }).first().waitFor({ timeout });
  } catch {
    throw new Error(`expected ${expected} but found ${JSON.stringify(await locator.allTextContents().catch(() => []))}; ${await pageMessages(locator.page())}`);
  }
}

/** Waits until `locator` is gone from the page; on timeout, fails with what it still shows and the page's messages. */
export async function waitForGone(locator: Locator, timeout = 15_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'detached', timeout });
  } catch {
    throw new Error(`expected ${locator} to go, but it still shows ${JSON.stringify(await locator.allTextContents().catch(() => []))}; ${await pageMessages(locator.page())}`);
  }
}

/** Every answer and alert on the page, for failure messages. */
async function pageMessages(page: Page): Promise<string> {
  const messages = await page.getByTestId('action-message').allTextContents().catch(() => []);
  const alerts = await page.getByRole('alert').allTextContents().catch(() => []);
  return `action messages: ${JSON.stringify(messages)}; alerts: ${JSON.stringify(alerts)}`;
}

/** Opens one of the four views from the navigation. */
export async function openView(page: Page, name: 'Profiles' | 'Agents' | 'Editors' | 'Activity'): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Clicks a button and waits until the control's "Working…" indicator is gone again. */
export async function clickAndSettle(scope: Locator, name: string | RegExp): Promise<void> {
  await scope.getByRole('button', { name, exact: typeof name === 'string' }).click();
  await scope.getByText('Working…').waitFor({ state: 'detached', timeout: 15_000 });
}
