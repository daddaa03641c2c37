import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysUntil } from '../../shared/profile';
import { hasCliWords } from '../../shared/window-words';
import { fakeMolyPat } from '../helpers/cli';
import { expiryDate } from '../../renderer/src/lib/expiry';
import { launchChromium } from './helpers/browser';
import { attachFixture, type FixtureAnswer, type FixtureBridge } from './helpers/fixture-bridge';
import { findLeaks } from './helpers/leak-check';
import { openView, screenshot, waitForGone, waitForText } from './helpers/page-helpers';
import { serveStatic, type StaticServer } from './helpers/static-server';
import { BLOG, populatedState, SHOP } from './view-fixtures';

// How the built window renders states the real core cannot easily be driven into (every status at
// once), and what it sends for each control, against an in-memory stand-in for main.
describe('settings window views (fixture state)', { timeout: 60_000 }, () => {
  let web: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    web = await serveStatic(resolve(__dirname, '../../dist/renderer'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  async function open(answers: Record<string, FixtureAnswer> = {}, state = populatedState()): Promise<{ page: Page; bridge: FixtureBridge; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1040, height: 780 } });
    const problems: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
    page.on('pageerror', (e) => void problems.push(e.message));
    const bridge = await attachFixture(page, state, answers);
    await page.goto(web.url);
    await page.getByRole('heading', { level: 1, name: 'Profiles' }).waitFor();
    return { page, bridge, problems };
  }

  const badgeOf = (page: Page, testId: string) => page.getByTestId(testId).getByTestId('status-badge').first();

  it('profiles: one badge per status, attention count in the navigation', async () => {
    const { page, problems } = await open();
    const expiring = daysUntil(populatedState().profiles[1]!.expires_at!, new Date());
    const expected: Record<string, string> = {
      work: 'ok',
      moly: `expiring in ${expiring} days`,
      'old-moly': 'expired',
      side: 'revoked',
      lost: 'keychain missing',
      fresh: 'not checked',
    };
    for (const [name, label] of Object.entries(expected)) expect(await badgeOf(page, `profile-${name}`).textContent()).toBe(label);
    expect(await page.getByTestId('profile-lost').textContent()).toMatch(/no longer in your keychain/);
    expect(await page.locator('.nav-count').first().textContent()).toBe('4');
    await screenshot(page, 'gallery-profiles');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('add an MCP token: expiry choice becomes a date, the token goes once to main and the field is cleared', async () => {
    const { page, bridge } = await open({ 'profile:add': () => ({ ok: true, message: 'Stored moly2 (mp_AbCd…wxyz) in the keychain.' }) });
    const token = fakeMolyPat();
    await page.getByRole('button', { name: 'Add another token…' }).click();
    await page.getByLabel('An MCP service (e.g. Moly)').check();
    await page.getByLabel('Name').fill('moly2');
    await page.getByLabel('MCP server URL').fill('https://api.moly.so/mcp');
    await page.getByLabel('Token', { exact: true }).fill('notatoken123');
    await waitForText(page.locator('.field-hint'), /shape not recognised/);
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByLabel('Expires after').selectOption({ label: '30 days' });
    await waitForText(page.locator('.field-hint'), new RegExp(expiryDate('30d', new Date())!));
    await page.getByRole('button', { name: 'Save to keychain' }).click();
    await waitForText(page.getByTestId('action-message'), /Stored moly2/);

    const adds = bridge.calls.filter((c) => c.channel === 'profile:add');
    expect(adds).toHaveLength(1);
    expect(adds[0]!.request).toEqual({ name: 'moly2', kind: 'mcp', url: 'https://api.moly.so/mcp', expires_at: expiryDate('30d', new Date()), token });
    // Saved: the form starts over (a mootup token by default) with an empty token field.
    expect(await page.locator('input[type=password]').inputValue()).toBe('');
    expect(await findLeaks(page, [], [token])).toEqual([]);
    await page.close();
  });

  it('a refused save keeps the form, says why, and never sends a mootup token of the wrong shape', async () => {
    const { page, bridge } = await open();
    await page.getByRole('button', { name: 'Add another token…' }).click();
    await page.getByLabel('Name').fill('Bad Name');
    await page.getByLabel('Personal access token').fill('mootup_pat_tooshort');
    await page.getByRole('button', { name: 'Save to keychain' }).click();
    await waitForText(page.getByRole('alert'), /lowercase letters, digits and dashes/);
    await page.getByLabel('Name').fill('good');
    await page.getByRole('button', { name: 'Save to keychain' }).click();
    await waitForText(page.getByRole('alert'), /cannot be used: this is not a mootup personal access token/);
    expect(bridge.calls.filter((c) => c.channel === 'profile:add')).toEqual([]);
    await page.close();
  });

  it('rotate shows the step-by-step answer; remove asks first', async () => {
    const steps = [
      { step: 'Create a new token on mootup', status: 'ok' },
      { step: 'Store it in the keychain', status: 'ok' },
      { step: 'Revoke the old token', status: 'failed', message: 'mootup did not answer; revoke it on the website' },
    ];
    const { page, bridge } = await open({
      'pat:rotate': () => ({ ok: false, message: 'rotated, but the old token is still valid', steps }),
      'profile:remove': () => ({ ok: true, message: 'Removed work.' }),
    });
    const card = page.getByTestId('profile-work');
    await card.getByRole('button', { name: 'Rotate' }).click();
    const list = card.getByRole('list', { name: 'Steps' });
    await waitForText(list.getByRole('listitem'), /Revoke the old token/);
    expect(await list.getByRole('listitem').allTextContents()).toEqual([
      '✓Create a new token on mootup: ok',
      '✓Store it in the keychain: ok',
      '✗Revoke the old token: failed — mootup did not answer; revoke it on the website',
    ]);
    await screenshot(page, 'gallery-rotate');

    await card.getByRole('button', { name: 'Remove…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove work?' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(bridge.calls.filter((c) => c.channel === 'profile:remove')).toEqual([]);
    await card.getByRole('button', { name: 'Remove…' }).click();
    await dialog.getByRole('button', { name: 'Remove work' }).click();
    await waitForText(card.getByTestId('action-message'), /Removed work/);
    expect(bridge.calls.filter((c) => c.channel === 'profile:remove').map((c) => c.request)).toEqual([{ name: 'work' }]);
    await page.close();
  });

  it('edit: label and a new MCP expiry go to main as profile:set', async () => {
    const { page, bridge } = await open({ 'profile:set': () => ({ ok: true, message: 'Saved.' }) });
    const card = page.getByTestId('profile-moly');
    await card.getByRole('button', { name: 'Edit…' }).click();
    await card.getByLabel('Label').fill('Moly (laptop)');
    await card.getByLabel('Expires after').selectOption({ label: '1 year from today' });
    await card.getByRole('button', { name: 'Save changes' }).click();
    await waitForText(card.getByTestId('action-message'), /Saved/);
    expect(bridge.calls.filter((c) => c.channel === 'profile:set').map((c) => c.request)).toEqual([{ name: 'moly', label: 'Moly (laptop)', expires_at: expiryDate('1y', new Date()) }]);
    expect(await card.getByRole('form').count()).toBe(0);
    await page.close();
  });

  it('agents: grouped by folder with hygiene warnings; takeover asks after a 409, then retries with force', async () => {
    const { page, bridge } = await open({
      'agents:takeover': (req) =>
        req.force ? { ok: true, message: 'Builder now runs here.' } : { ok: false, code: 'needs_confirmation', remedy: { kind: 'confirm', action: 'takeover' }, message: 'Builder is connected to another installation.' },
      'workspace:fix': () => ({ ok: true, message: 'Fixed: mode 0600, added to .gitignore.' }),
      'workspace:remove': (req, b) => {
        void b.setState({ ...b.state, workspaces: b.state.workspaces.filter((w) => w.dir !== req.dir), agents: b.state.agents.filter((a) => a.workspace !== req.dir) });
        return { ok: true, message: `Stopped watching ${String(req.dir)}.` };
      },
    });
    await openView(page, 'Agents');
    const shop = page.getByTestId('workspace').filter({ has: page.getByRole('heading', { name: 'shop' }) });
    expect(await shop.getByTestId('agent-agt_helper').getByTestId('status-badge').textContent()).toBe('here');
    expect(await shop.getByTestId('agent-agt_builder').getByTestId('status-badge').textContent()).toBe('elsewhere');
    expect(await badgeOf(page, 'agent-agt_writer')).toBeTruthy();
    expect(await badgeOf(page, 'agent-agt_writer').textContent()).toBe('unknown');
    expect(await badgeOf(page, 'agent-agt_reviewer').textContent()).toBe('available');
    expect(await badgeOf(page, 'agent-agt_scout').textContent()).toBe('not here');
    expect(await shop.locator('.hygiene li').count()).toBe(2);
    const blog = page.getByTestId('workspace').filter({ has: page.getByRole('heading', { name: 'blog' }) });
    expect(await blog.getByRole('button', { name: 'Fix' }).count()).toBe(0);
    await shop.getByRole('button', { name: 'Fix' }).click();
    await waitForText(shop.getByTestId('action-message'), /Fixed/);
    expect(bridge.calls.filter((c) => c.channel === 'workspace:fix').map((c) => c.request)).toEqual([{ dir: SHOP }]);
    await screenshot(page, 'gallery-agents');

    const builder = page.getByTestId('agent-agt_builder');
    await builder.getByRole('button', { name: 'Take over' }).click();
    const dialog = page.getByRole('dialog', { name: 'Take over Builder?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/key the other installation uses\s+stops working immediately/);
    await screenshot(page, 'gallery-takeover-confirm');
    await dialog.getByRole('button', { name: 'Take over Builder' }).click();
    await waitForText(builder.getByTestId('action-message'), /Builder now runs here/);
    expect(bridge.calls.filter((c) => c.channel === 'agents:takeover').map((c) => c.request)).toEqual([
      { actor_id: 'agt_builder', force: false, workspace: SHOP },
      { actor_id: 'agt_builder', force: true, workspace: SHOP },
    ]);

    await blog.getByRole('button', { name: 'Remove from list' }).click();
    await waitForGone(page.getByRole('heading', { name: 'blog' }));
    expect(bridge.calls.filter((c) => c.channel === 'workspace:remove').map((c) => c.request)).toEqual([{ dir: BLOG }]);
    await page.close();
  });

  it('editors: findings with Migrate, the connected session, entries and install per profile', async () => {
    const snippet = '{"servers": {"moly": {"type": "stdio", "command": "/opt/tokentray/tokentray", "args": ["mcp", "moly"]}}}';
    const { page, bridge } = await open({
      'editors:install': () => ({ ok: true, message: 'Installed moly in VS Code.' }),
      'profile:mcp-config': () => ({ ok: true, message: 'MCP config for vscode', snippet }),
    });
    await openView(page, 'Editors');
    await waitForText(page.locator('.finding-list'), /mp_ZZzz…9876/);
    await waitForText(page.locator('.session-list'), /Cursor with profile work/);
    expect(await page.getByTestId('editor-claude-desktop').count()).toBe(0);
    await waitForText(page.getByTestId('editor-cursor'), /mootup uses profile work/);
    const vscode = page.getByTestId('editor-vscode');
    await vscode.getByLabel('Profile').selectOption('moly');
    await vscode.getByRole('button', { name: 'Install in VS Code' }).click();
    await waitForText(vscode.getByTestId('action-message'), /Installed moly/);
    expect(bridge.calls.filter((c) => c.channel === 'editors:install').map((c) => c.request)).toEqual([{ editor: 'vscode', profile: 'moly', scope: 'user' }]);
    await vscode.getByRole('button', { name: 'Show config' }).click();
    await waitForText(vscode.locator('pre'), /"args": \["mcp", "moly"\]/);
    expect(bridge.calls.filter((c) => c.channel === 'profile:mcp-config').map((c) => c.request)).toEqual([{ name: 'moly', editor: 'vscode' }]);
    await page.getByRole('button', { name: 'Migrate to keychain' }).click();
    await waitForText(page.getByRole('alert'), /not available in this version/);
    await screenshot(page, 'gallery-editors');
    await page.close();
  });

  it('activity: newest first, filtered by profile and kind, and new entries appear as main pushes them', async () => {
    const { page, bridge } = await open();
    await openView(page, 'Activity');
    const rows = page.getByTestId('activity-row');
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-time')))).toEqual([
      '2026-11-22T09:10:00Z',
      '2026-11-22T09:08:00Z',
      '2026-11-22T09:07:00Z',
      '2026-11-22T09:05:00Z',
      '2026-11-22T09:00:00Z',
    ]);
    await screenshot(page, 'gallery-activity');
    await page.getByLabel('Profile').selectOption('moly');
    expect(await rows.allTextContents()).toEqual([expect.stringMatching(/MCP call.*tools\/call search · 231 ms · token revoked/)]);
    await page.getByLabel('Profile').selectOption('');
    await page.getByLabel('What').selectOption({ label: 'Agent released' });
    expect(await rows.count()).toBe(1);
    await page.getByLabel('What').selectOption({ label: 'Everything' });

    const next = populatedState();
    next.audit = [{ time: '2026-11-22T09:30:00Z', kind: 'token.revoked', profile: 'side', status: 'error', message: '401 seen by profile-check' }, ...next.audit];
    await bridge.setState(next);
    await waitForText(rows.first(), /Token refused as revoked/);
    await page.close();
  });

  it('is usable from the keyboard: navigation, actions and dialogs', async () => {
    const { page } = await open({ 'agents:takeover': () => ({ ok: false, code: 'needs_confirmation', remedy: { kind: 'confirm', action: 'takeover' }, message: 'connected elsewhere' }) });
    await page.keyboard.press('Tab'); // Refresh
    await page.keyboard.press('Tab'); // Profiles
    await page.keyboard.press('Tab'); // Agents
    expect(await page.getByRole('navigation').getByRole('button', { name: /^Agents\b.*2 need attention/ }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Agents' }).waitFor();
    await page.getByTestId('agent-agt_builder').getByRole('button', { name: 'Take over' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Take over Builder?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.close();
  });

  it('a part of the state that failed to load is reported in its own view only, the rest still shows', async () => {
    const { page, bridge } = await open();
    await bridge.setState({ ...populatedState(), errors: [{ source: 'agents', message: 'mootup did not answer within 10 s; check your connection' }] });
    await openView(page, 'Agents');
    await waitForText(page.locator('.source-errors'), /Could not load agents: mootup did not answer within 10 s/);
    expect(await page.getByTestId('agent-agt_helper').count()).toBe(1);
    await openView(page, 'Profiles');
    expect(await page.locator('.source-errors').count()).toBe(0);
    await page.close();
  });

  it('opened outside tokentray (no preload bridge), the window says so instead of failing silently', async () => {
    const page = await browser.newPage();
    await page.goto(web.url);
    await waitForText(page.getByRole('alert'), /no connection to tokentray/);
    await page.close();
  });

  // Each remedy kind an answer can carry (shared/remedy.ts): a button in the window's words that does what the remedy says.
  // The real core produces each kind in test/cli/remedies.test.ts and settings-window.test.ts; a locked keyring cannot be made
  // for the in-process core (keytar talks to the one shared test keyring), so `unlock-keychain` is driven here.
  const card = (page: Page, name: string) => page.getByTestId(`profile-${name}`);

  it('unlock-keychain: "I unlocked it: try again" runs the same request again', async () => {
    let locked = true;
    const { page, bridge } = await open({
      'profile:check': () => (locked ? { ok: false, code: 'keychain_locked', message: 'Your keyring is locked: unlock it (log in again, or open Passwords and Keys) and retry', remedy: { kind: 'unlock-keychain' } } : { ok: true, message: 'token works' }),
    });
    await card(page, 'work').getByRole('button', { name: 'Check', exact: true }).click();
    const remedy = card(page, 'work').getByTestId('remedy');
    await waitForText(remedy, /^I unlocked it: try again$/);
    expect(hasCliWords(await card(page, 'work').innerText())).toBe(false);
    locked = false;
    await remedy.click();
    await waitForText(card(page, 'work').getByTestId('action-message'), /^Token works$/);
    expect(bridge.calls.filter((c) => c.channel === 'profile:check').map((c) => c.request)).toEqual([{ name: 'work' }, { name: 'work' }]);
    await page.close();
  });

  // An `action` remedy (another action of the app) on an answer and on the state's sentences: a button where the window
  // has that action there (Rotate, Remove from list), else the hint saying where it lives. The real core's remedies of
  // this kind are produced in test/cli/action-remedies.test.ts.
  it('action remedies: "Rotate the token of work" on an answer, "Remove from list" on a gone folder, a hint on a tracked file', async () => {
    const state = populatedState();
    const blog = state.workspaces.find((ws) => ws.dir === BLOG)!;
    blog.error = `folder ${BLOG} no longer exists`;
    blog.remedy = { kind: 'action', action: 'workspace-remove', subject: BLOG };
    blog.hygiene = [{ kind: 'tracked', message: `${BLOG}/.moot/actors.json is tracked by git, so its agent keys are in the history`, fixable: false, remedy: { kind: 'action', action: 'workspace-untrack', subject: BLOG } }];
    const { page, bridge, problems } = await open(
      {
        'profile:check': () => ({ ok: false, code: 'server', message: 'could not create a new PAT: mootup failed (HTTP 503). Nothing changed.', remedy: { kind: 'action', action: 'pat-rotate', subject: 'work' } }),
        'pat:rotate': () => ({ ok: true, message: 'rotated work' }),
        'workspace:remove': () => ({ ok: true, message: `Removed workspace ${BLOG} (its files were not touched).` }),
      },
      state,
    );
    await card(page, 'work').getByRole('button', { name: 'Check', exact: true }).click();
    const rotate = card(page, 'work').getByTestId('remedy');
    await waitForText(rotate, /^Rotate the token of work$/);
    expect(hasCliWords(await card(page, 'work').innerText())).toBe(false);
    await rotate.click();
    await waitForText(card(page, 'work').getByTestId('action-message'), /rotated work/i);
    expect(bridge.calls.filter((c) => c.channel === 'pat:rotate').map((c) => c.request)).toEqual([{ name: 'work' }]);

    await openView(page, 'Agents');
    const section = page.getByTestId('workspace').filter({ hasText: BLOG });
    await waitForText(section.getByTestId('remedy-hint'), /Take over each of its agents .*then have git stop tracking \.moot\/actors\.json/);
    const remove = section.getByTestId('remedy');
    await waitForText(remove, /^Remove from list$/);
    expect(hasCliWords(await page.locator('body').innerText())).toBe(false);
    await remove.click();
    await waitForText(section.getByTestId('action-message'), /Removed workspace/);
    expect(bridge.calls.filter((c) => c.channel === 'workspace:remove').map((c) => c.request)).toEqual([{ dir: BLOG }]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('replace-token from another card opens the named profile\'s replace form; sign-in signs that profile in', async () => {
    const { page, bridge } = await open({
      'profile:check': (req) =>
        req.name === 'work'
          ? { ok: false, code: 'unauthorized', message: 'token revoked or invalid: mootup.io refused it (401)', remedy: { kind: 'replace-token', profile: 'side' } }
          : { ok: false, code: 'unauthorized', message: 'profile "moly" is not signed in', remedy: { kind: 'sign-in', profile: 'moly' } },
      'oauth:login': () => ({ ok: true, message: 'moly: signed in as alice' }),
    });
    await card(page, 'work').getByRole('button', { name: 'Check', exact: true }).click();
    const replace = card(page, 'work').getByTestId('remedy');
    await waitForText(replace, /^Replace the token of side…$/);
    await replace.click();
    await card(page, 'side').getByLabel('New token for side').waitFor();

    await card(page, 'moly').getByRole('button', { name: 'Check', exact: true }).click();
    const signIn = card(page, 'moly').getByTestId('remedy');
    await waitForText(signIn, /^Sign in to moly$/);
    expect(hasCliWords(await page.locator('body').innerText())).toBe(false);
    await signIn.click();
    await waitForText(card(page, 'moly').getByTestId('action-message'), /signed in as alice/);
    expect(bridge.calls.filter((c) => c.channel === 'oauth:login').map((c) => c.request)).toEqual([{ name: 'moly' }]);
    await page.close();
  });
});
