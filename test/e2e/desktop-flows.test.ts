import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../electron/core/audit/audit-log';
import type { AppState } from '../../shared/app-state';
import { hasCliWords } from '../../shared/window-words';
import { put, readJson, userFile } from '../editors/editor-fixtures';
import { CLI_PATH, fakeMolyPat, type TestEnv } from '../helpers/cli';
import { haveTestKeychain, secretToolLookup } from '../helpers/keychain';
import type { Sandbox } from '../sandbox/sandbox';
import { launchChromium } from './helpers/browser';
import type { CoreBridge, PageHooks } from './helpers/core-bridge';
import { openCoreWindow, RENDERER, type CoreWindow } from './helpers/core-window';
import { attachFixture } from './helpers/fixture-bridge';
import { findLeaks } from './helpers/leak-check';
import { openView, screenshot, waitForGone, waitForText } from './helpers/page-helpers';
import { serveStatic, type StaticServer } from './helpers/static-server';
import { makeWorkspace } from './helpers/workspace-fixture';
import { populatedState } from './view-fixtures';

// The desktop experience in the built window, in Debian's chromium, on the real core (real keychain,
// files and the sandbox mootup server): first run, launcher repair, the Activity chart, window words.

describe.runIf(haveTestKeychain())('the desktop experience on the real core', { timeout: 90_000 }, () => {
  let t: TestEnv;
  let sandbox: Sandbox;
  let bridge: CoreBridge;
  let page: Page;
  let problems: string[] = [];
  const secrets = new Set<string>();
  const step = (id: string) => page.getByTestId(id);

  /** No text the window shows tells a person to type a command or a flag. */
  const expectWindowWords = async () => {
    const text = await page.locator('body').innerText();
    expect(hasCliWords(text), text).toBe(false);
  };
  const expectNoLeaks = async () => {
    for (const pat of sandbox.state.pats.values()) secrets.add(pat.token);
    expect(await findLeaks(page, bridge.sent, [...secrets])).toEqual([]);
  };

  let world: CoreWindow;
  beforeAll(async () => {
    world = await openCoreWindow({
      height: 820,
      // A fresh machine with a habit: Alice's PAT pasted into Cursor's MCP config; VS Code installed too.
      prepare: (testEnv, sb) => {
        put(userFile(testEnv, 'cursor'), `${JSON.stringify({ mcpServers: { mootup: { url: `${sb.url}/mcp`, headers: { Authorization: `Bearer ${sb.humanPat}` } } } }, null, 2)}\n`);
        mkdirSync(join(testEnv.home, '.config', 'Code', 'User'), { recursive: true });
      },
    });
    ({ testEnv: t, sandbox, bridge, page, problems } = world);
  });

  afterAll(() => world?.close());

  it('first run: the window opens on the four steps; the plaintext token moves into the keychain and is rotated with one click each', async () => {
    await page.getByRole('heading', { level: 1, name: 'Welcome to tokentray' }).waitFor();
    await waitForText(step('step-tokens').getByRole('heading'), /^Found 1 plaintext token in your editor configs$/);
    expect(await page.getByLabel('An MCP service with sign-in (OAuth)').count()).toBe(1);
    await expectWindowWords();
    await screenshot(page, 'first-run');

    await step('step-tokens').getByRole('button', { name: 'Move them into the keychain' }).click();
    const exposed = page.getByTestId('exposed-mootup');
    await waitForText(exposed, /sat in plain text in .*mcp\.json: treat it as exposed/);
    expect(secretToolLookup(t.service, 'mootup')).toBe(sandbox.humanPat);
    expect(readFileSync(userFile(t, 'cursor'), 'utf8')).not.toContain(sandbox.humanPat);
    await waitForText(step('step-tokens').getByRole('heading'), /^No plaintext tokens in your editor configs$/);

    await exposed.getByRole('button', { name: 'Rotate mootup' }).click();
    await waitForText(exposed.getByRole('button'), /^Rotated$/);
    const stored = secretToolLookup(t.service, 'mootup');
    expect(stored).not.toBe(sandbox.humanPat);
    expect([...sandbox.state.pats.values()].find((p) => p.token === sandbox.humanPat)?.revoked_at).toBeTruthy();
    await expectWindowWords();
    await expectNoLeaks();
  });

  it('first run: adds an MCP token, connects every editor found with one click, adds a project folder', async () => {
    const token = step('step-token');
    await token.getByRole('button', { name: 'Add another token…' }).click();
    await token.getByLabel('An MCP service (e.g. Moly)').check();
    await token.getByLabel('Name').fill('moly');
    await token.getByLabel('MCP server URL').fill('https://api.moly.so/mcp');
    const moly = fakeMolyPat();
    secrets.add(moly);
    await token.getByLabel('Token', { exact: true }).fill(moly);
    await token.getByRole('button', { name: 'Save to keychain' }).click();
    await waitForText(token, /In the keychain now: mootup, moly\./);
    expect(secretToolLookup(t.service, 'moly')).toBe(moly);

    const editors = step('step-editors');
    await waitForText(editors, /Found Cursor, VS Code\b/);
    await editors.getByLabel('Profile').selectOption('mootup');
    await editors.getByRole('button', { name: 'Connect all editors' }).click();
    await waitForText(editors.getByTestId('action-message'), /Connected Cursor, VS Code\b.* to mootup\./);
    expect(readJson(userFile(t, 'cursor')).mcpServers.mootup).toMatchObject({ command: CLI_PATH, args: ['mcp', 'mootup'] });
    expect(readJson(userFile(t, 'vscode')).servers.mootup).toMatchObject({ type: 'stdio', command: CLI_PATH, args: ['mcp', 'mootup'] });
    await waitForText(editors.getByRole('button'), /^All editors connected$/);

    const helper = sandbox.agents.connectedHere;
    const dir = makeWorkspace(t.root, 'shop', [{ actor_id: helper.actor_id, display_name: helper.display_name, api_key: helper.api_key }]);
    secrets.add(helper.api_key);
    bridge.pickQueue.push(dir);
    await step('step-folder').getByRole('button', { name: 'Add a folder…' }).click();
    await waitForText(step('step-folder'), new RegExp(`Watching: ${dir}`));
    await expectWindowWords();
    await screenshot(page, 'first-run-done');
    await expectNoLeaks();

    // Once a profile exists, the window no longer opens on the first-run view.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Profiles' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Get started' }).count()).toBe(0);
  });

  it('a clicked notification opens the window on its subject', async () => {
    await openView(page, 'Agents');
    await page.evaluate(() => (window as PageHooks).__tokentrayNavigate!({ view: 'profiles', profile: 'moly' }));
    await page.getByRole('heading', { level: 1, name: 'Profiles' }).waitFor();
    expect(await page.getByTestId('profile-moly').getAttribute('aria-current')).toBe('true');
    expect(await page.getByTestId('profile-mootup').getAttribute('aria-current')).toBeNull();
  });

  it('launcher repair: an entry whose command is gone is flagged in Editors and repaired with one click', async () => {
    // What an AppImage run left behind: its temporary mount, gone since.
    const gone = '/tmp/.mount_tokentGONE/resources/bin/tokentray';
    const file = userFile(t, 'cursor');
    writeFileSync(file, readFileSync(file, 'utf8').replace(JSON.stringify(CLI_PATH), JSON.stringify(gone)));
    await bridge.store.refresh();
    await openView(page, 'Editors');
    const repair = page.getByTestId('repair-section');
    await waitForText(repair.getByRole('heading'), /^Editor entries that cannot start tokentray \(1\)$/);
    await waitForText(page.getByTestId('editor-cursor').getByTestId('command-missing'), new RegExp(`${gone.replace(/[.]/g, '\\.')} no longer exists`));
    await expectWindowWords();
    await screenshot(page, 'editors-repair');

    await repair.getByRole('button', { name: 'Repair editor entries' }).click();
    await waitForText(repair.getByTestId('action-message'), /Repaired 1 editor entry/);
    await waitForGone(page.getByTestId('command-missing'));
    expect(readJson(file).mcpServers.mootup).toMatchObject({ command: CLI_PATH, args: ['mcp', 'mootup'] });
  });

  it('activity: the chart shows calls per profile per hour, failures marked; clicking a bar filters the table to that hour', async () => {
    // Proxied calls as the proxy's audit writes them: two hours ago through mootup (one failed), now through moly.
    const hour = 3_600_000;
    const twoHoursAgo = new Date(Date.now() - 2 * hour);
    const earlier = [0, 1, 2].map((i) => new Date(twoHoursAgo.getTime() - i * 60_000).toISOString());
    for (const [i, time] of earlier.entries()) {
      appendAudit(t.tokentrayHome, { time, kind: 'mcp.call', profile: 'mootup', method: 'tools/call', tool: 'whoami', status: i === 0 ? 'error' : 'ok', duration_ms: 40, bytes: 300, ...(i === 0 && { message: 'network' }) });
    }
    for (const i of [0, 1]) appendAudit(t.tokentrayHome, { kind: 'mcp.call', profile: 'moly', method: 'tools/list', status: 'ok', duration_ms: 12 + i, bytes: 200 });
    const state: AppState = await bridge.store.refresh();
    const series = state.activity!.day;
    const bucket = series.starts.findIndex((start, i) => start <= earlier[2]! && earlier[0]! < (series.starts[i + 1] ?? series.end));
    expect(bucket).toBeGreaterThanOrEqual(0);

    await openView(page, 'Activity');
    const chart = page.getByTestId('activity-chart');
    await chart.locator('canvas').waitFor();
    await waitForText(page.getByRole('list', { name: 'Calls by profile' }), /mootup: 3 calls · 1 failed/);
    await waitForText(page.getByRole('list', { name: 'Calls by profile' }), /moly: 2 calls/);
    await expectWindowWords();
    await screenshot(page, 'activity-chart');

    // Click that hour's bar, on the plot itself.
    const over = await chart.locator('.u-over').boundingBox();
    if (!over) throw new Error('the chart has no plotting area');
    await page.mouse.click(over.x + ((bucket + 0.5) / series.starts.length) * over.width, over.y + over.height - 4);
    await page.getByTestId('bucket-filter').waitFor();
    const rows = page.getByTestId('activity-row');
    await waitForText(page.getByTestId('bucket-filter'), /Showing the hour .* only\./);
    expect((await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-time')))).sort()).toEqual([...earlier].sort());
    await screenshot(page, 'activity-chart-filtered');

    await page.getByRole('button', { name: 'Show all times' }).click();
    await waitForGone(page.getByTestId('bucket-filter'));
    expect(await rows.count()).toBeGreaterThan(3);

    await page.getByRole('button', { name: 'Last 30 days' }).click();
    await waitForText(page.getByRole('heading', { name: /Editor calls per/ }), /per day/);
    await waitForText(page.getByRole('list', { name: 'Calls by profile' }), /mootup: 3 calls · 1 failed/);
    expect(problems).toEqual([]);
  });
});

describe('the desktop pieces on a fixture state', { timeout: 60_000 }, () => {
  let web: StaticServer;
  let browser: Browser;
  beforeAll(async () => {
    web = await serveStatic(RENDERER);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('with no tray: says how to get the icon, and start at login and quit are in the window', async () => {
    const page = await browser.newPage({ viewport: { width: 1040, height: 780 } });
    const state: AppState = { ...populatedState(), desktop: { tray: 'missing', start_at_login: false, platform: 'linux' } };
    const bridge = await attachFixture(page, state, {
      'app:start-at-login': async (request, b) => {
        await b.setState({ ...b.state, refreshed_at: new Date().toISOString(), desktop: { ...b.state.desktop!, start_at_login: request.enabled === true } });
        return { ok: true, message: 'tokentray starts when you log in.' };
      },
      'app:quit': () => ({ ok: true, message: 'Quitting tokentray.' }),
    });
    await page.goto(web.url);
    const notice = page.getByTestId('no-tray-notice');
    await waitForText(notice, /Your desktop shows no tray icons/);
    await waitForText(notice, /AppIndicator and KStatusNotifierItem Support/);
    expect(hasCliWords(await notice.innerText())).toBe(false);
    await screenshot(page, 'no-tray');

    // The box follows main's state (pushed after the IPC answer), so click and wait rather than check().
    await page.getByLabel('Start at login').click();
    await waitForText(page.locator('.app-controls'), /Start at login/);
    await expect.poll(() => page.getByLabel('Start at login').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Quit tokentray' }).click();
    await expect.poll(() => bridge.calls.map((c) => c.channel)).toEqual(expect.arrayContaining(['app:start-at-login', 'app:quit']));
    expect(bridge.calls.find((c) => c.channel === 'app:start-at-login')?.request).toEqual({ enabled: true });
    await page.close();
  });

  it('the add form offers OAuth profiles: no token field, Sign in… adds the profile and signs it in', async () => {
    const page = await browser.newPage({ viewport: { width: 1040, height: 780 } });
    const bridge = await attachFixture(page, populatedState(), {
      'oauth:add': () => ({ ok: true, message: 'Added moly-oauth; sign in to use it.' }),
      'oauth:login': () => ({ ok: true, message: 'Signed in to api.moly.so.' }),
    });
    await page.goto(web.url);
    await page.getByRole('heading', { level: 1, name: 'Profiles' }).waitFor();
    await page.getByRole('button', { name: 'Add another token…' }).click();
    await page.getByLabel('An MCP service with sign-in (OAuth)').check();
    expect(await page.getByLabel('Token', { exact: true }).count()).toBe(0);
    await page.getByLabel('Name').fill('moly-oauth');
    await page.getByLabel('MCP server URL').fill('https://api.moly.so/mcp');
    await page.getByRole('button', { name: 'Sign in…' }).click();
    await waitForText(page.getByTestId('action-message'), /Signed in to api\.moly\.so\./);
    expect(bridge.calls.filter((c) => c.channel.startsWith('oauth:')).map((c) => [c.channel, c.request])).toEqual([
      ['oauth:add', { name: 'moly-oauth', url: 'https://api.moly.so/mcp' }],
      ['oauth:login', { name: 'moly-oauth' }],
    ]);
    await page.close();
  });
  it('an OAuth profile card signs in again and out (never "Replace token"); the Editors view connects every client present with one click', async () => {
    const page = await browser.newPage({ viewport: { width: 1040, height: 780 } });
    const base = populatedState();
    const oauthProfile = { ...base.profiles[1]!, name: 'moly-oauth', auth: 'oauth' as const, token_hint: undefined, expires_at: null, status: 'ok' as const, oauth: { issuer: 'https://auth.moly.so', scopes: ['mcp'], expires_at: '2026-12-31T00:00:00Z' } };
    const bridge = await attachFixture(page, { ...base, profiles: [...base.profiles, oauthProfile] }, {
      'oauth:login': () => ({ ok: true, message: 'Signed in to moly-oauth.' }),
      'oauth:logout': () => ({ ok: true, message: 'Signed out of moly-oauth.' }),
      'editors:install-all': () => ({ ok: true, message: 'Connected Cursor, VS Code to work.' }),
    });
    await page.goto(web.url);
    await page.getByRole('heading', { level: 1, name: 'Profiles' }).waitFor();
    const card = page.getByTestId('profile-moly-oauth');
    expect(await card.getByRole('button', { name: 'Replace token…' }).count()).toBe(0);
    await waitForText(card.getByTestId('token-hint'), /signed in · until .* · scopes: mcp/);
    await card.getByRole('button', { name: 'Sign in again…' }).click();
    await waitForText(card.getByTestId('action-message'), /Signed in to moly-oauth\./);
    await card.getByRole('button', { name: 'Sign out' }).click();
    await waitForText(card.getByTestId('action-message'), /Signed out of moly-oauth\./);

    await page.locator('.nav-item', { hasText: 'Editors' }).click();
    await page.getByRole('heading', { level: 1, name: 'Editors' }).waitFor();
    const connect = page.getByTestId('connect-all');
    await waitForText(connect, /Cursor, VS Code/);
    await waitForText(page.getByTestId('clients-not-found'), /^Not found on this computer: Claude Desktop\./);
    await connect.getByRole('button', { name: 'Connect all' }).click();
    await waitForText(connect.getByTestId('action-message'), /Connected Cursor, VS Code to work\./);
    expect(bridge.calls.filter((c) => c.channel.startsWith('oauth:') || c.channel === 'editors:install-all').map((c) => [c.channel, c.request])).toEqual([
      ['oauth:login', { name: 'moly-oauth' }],
      ['oauth:logout', { name: 'moly-oauth' }],
      ['editors:install-all', { profile: 'work' }],
    ]);
    expect(hasCliWords(await page.locator('body').innerText())).toBe(false);
    await page.close();
  });
});
