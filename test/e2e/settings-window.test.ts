import { mkdirSync, statSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/sandbox';
import { fakeMolyPat, filesContaining, type TestEnv } from '../helpers/cli';
import { haveTestKeychain, secretToolLookup } from '../helpers/keychain';
import type { CoreBridge } from './helpers/core-bridge';
import { openCoreWindow, type CoreWindow } from './helpers/core-window';
import { findLeaks } from './helpers/leak-check';
import { clickAndSettle, openView, screenshot, waitForGone, waitForText } from './helpers/page-helpers';
import { makeWorkspace, readActors, staleAgentKey } from './helpers/workspace-fixture';
import { hasCliWords } from '../../shared/window-words';

// The settings window as built by Vite, in Debian's chromium, its preload API bridged to the real
// core (real keychain, real files, the sandbox mootup server). Steps run in order on one page.

describe.runIf(haveTestKeychain())('settings window on the real core', { timeout: 60_000 }, () => {
  let testEnv: TestEnv;
  let sandbox: Sandbox;
  let bridge: CoreBridge;
  let page: Page;
  let workspace: string;
  let pageProblems: string[] = [];
  // Every secret the run handled, including dead ones: none may ever reach the page.
  const secrets = new Set<string>();

  const card = (name: string) => page.getByTestId(`profile-${name}`);
  const badge = (scope: ReturnType<Page['getByTestId']>) => scope.getByTestId('status-badge').first();
  const agentRow = (actorId: string) => page.getByTestId(`agent-${actorId}`);
  const rememberSecrets = () => {
    for (const pat of sandbox.state.pats.values()) secrets.add(pat.token);
    for (const actor of sandbox.state.actors.values()) secrets.add(actor.api_key);
  };
  const expectNoLeaks = async () => {
    rememberSecrets();
    expect(await findLeaks(page, bridge.sent, [...secrets])).toEqual([]);
  };

  let world: CoreWindow;
  beforeAll(async () => {
    world = await openCoreWindow();
    ({ testEnv, sandbox, bridge, page } = world);
    pageProblems = world.problems;
  });

  afterAll(() => world?.close());

  it('first run: shows what to do, checks the token format as it is typed, stores a mootup profile and checks it', async () => {
    // With no profile the window opens on the first-run view; skipping it leads to the empty Profiles view.
    await page.getByRole('heading', { level: 1, name: 'Welcome to tokentray' }).waitFor();
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Profiles' }).waitFor();
    await page.getByText('No tokens yet').waitFor();
    await openView(page, 'Agents');
    await page.getByText('Add your mootup token first').waitFor();
    await openView(page, 'Activity');
    await page.getByText('Nothing yet').waitFor();
    await openView(page, 'Profiles');
    await screenshot(page, 'profiles-empty');

    const tokenField = page.getByLabel('Personal access token');
    await tokenField.fill(staleAgentKey());
    await waitForText(page.locator('.field-hint'), /agent API key/);
    await page.getByLabel('Name').fill('work');
    await page.getByLabel('mootup address').fill(sandbox.url);
    await tokenField.fill(sandbox.humanPat);
    await waitForText(page.locator('.field-hint'), /Format looks right/);
    await page.getByRole('button', { name: 'Save to keychain' }).click();

    const hint = `mootup_pat_${sandbox.humanPat.slice(11, 19)}…${sandbox.humanPat.slice(-4)}`;
    await waitForText(card('work').getByTestId('token-hint'), new RegExp(hint));
    expect(await tokenField.inputValue()).toBe('');
    expect(await page.getByLabel('Name').inputValue()).toBe('');
    await waitForText(badge(card('work')), /^not checked$/);
    expect(secretToolLookup(testEnv.service, 'work', process.env)).toBe(sandbox.humanPat);

    await clickAndSettle(card('work'), 'Check');
    await waitForText(badge(card('work')), /^ok$/);
    await screenshot(page, 'profiles');
    await expectNoLeaks();
  });

  it('agents: a folder added through the picker shows its agents grouped, each with its status', async () => {
    const { connectedHere: helper, connectedElsewhere: builder, available: reviewer } = sandbox.agents;
    workspace = makeWorkspace(testEnv.root, 'project-a', [
      { actor_id: helper.actor_id, display_name: helper.display_name, api_key: helper.api_key },
      // This installation's key for Builder is an old one: another installation took it over since.
      { actor_id: builder.actor_id, display_name: builder.display_name, api_key: staleAgentKey() },
    ]);
    await openView(page, 'Agents');
    await page.getByText('No project folders yet').waitFor();
    bridge.pickQueue.push(workspace);
    await page.getByRole('button', { name: 'Add a folder…' }).click();

    const section = page.getByTestId('workspace').filter({ has: page.getByRole('heading', { name: 'project-a' }) });
    await waitForText(badge(section.getByTestId(`agent-${helper.actor_id}`)), /^here$/);
    await waitForText(badge(agentRow(builder.actor_id)), /^elsewhere$/);
    await waitForText(badge(agentRow(reviewer.actor_id)), /^available$/);
    expect(await page.getByText("Bob's agent").count()).toBe(0);
    await expectNoLeaks();
  });

  it('take over: a 409 from mootup asks first, naming the agent and what happens to the other installation', async () => {
    const builder = sandbox.agents.connectedElsewhere;
    const row = agentRow(builder.actor_id);
    const dialog = page.getByRole('dialog', { name: `Take over ${builder.display_name}?` });
    // What main answered to each takeover request: the window's path through the one confirm loop (shared/confirm-loop.ts).
    const takeoverAnswers = () => bridge.sent.filter((s) => s.kind === 'response' && s.channel === 'agents:takeover').map((s) => JSON.parse(s.json) as { ok: boolean; remedy?: { kind: string } });

    await row.getByRole('button', { name: 'Take over' }).click();
    await dialog.waitFor();
    expect(takeoverAnswers()).toEqual([expect.objectContaining({ ok: false, remedy: { kind: 'confirm', action: 'takeover' } })]);
    expect(await dialog.textContent()).toMatch(/Builder is connected from another installation/);
    expect(await dialog.textContent()).toMatch(/stops working immediately/);
    await screenshot(page, 'takeover-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(takeoverAnswers()).toHaveLength(1); // declined: no forced call
    expect(sandbox.state.actors.get(builder.actor_id)?.installation_id).toBe(sandbox.elsewhereInstallationId);
    expect(sandbox.agentKey(builder.actor_id)).toBe(builder.api_key);

    await row.getByRole('button', { name: 'Take over' }).click();
    await dialog.getByRole('button', { name: `Take over ${builder.display_name}` }).click();
    await waitForText(badge(row), /^here$/);
    // Asked once more, then the forced call: question, then success.
    expect(takeoverAnswers().map((a) => a.ok)).toEqual([false, false, true]);
    expect(takeoverAnswers()[1]).toMatchObject({ remedy: { kind: 'confirm' } });
    const newKey = sandbox.agentKey(builder.actor_id);
    expect(newKey).not.toBe(builder.api_key);
    expect(sandbox.state.authenticate(builder.api_key)).toBeNull();
    expect(sandbox.state.actors.get(builder.actor_id)?.installation_id).not.toBe(sandbox.elsewhereInstallationId);
    expect(readActors(workspace).find((a) => a.actor_id === builder.actor_id)?.api_key).toBe(newKey);
    expect(bridge.unsavedKeys).toEqual([]);
    secrets.add(builder.api_key);
    await expectNoLeaks();
  });

  it('release: frees an agent that runs here', async () => {
    const helper = sandbox.agents.connectedHere;
    await clickAndSettle(agentRow(helper.actor_id), 'Release');
    await waitForText(badge(agentRow(helper.actor_id)), /^available$/);
    expect(sandbox.state.actors.get(helper.actor_id)?.connection_status).toBe('available');
  });

  it('take over a released agent that is in no folder here: no question, its key goes into the folder', async () => {
    const reviewer = sandbox.agents.available;
    await clickAndSettle(agentRow(reviewer.actor_id), 'Take over');
    const section = page.getByTestId('workspace').filter({ has: page.getByRole('heading', { name: 'project-a' }) });
    await waitForText(badge(section.getByTestId(`agent-${reviewer.actor_id}`)), /^here$/);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(readActors(workspace).find((a) => a.actor_id === reviewer.actor_id)?.api_key).toBe(sandbox.agentKey(reviewer.actor_id));
    secrets.add(reviewer.api_key);
    await expectNoLeaks();
  });

  it('hygiene: a world-readable actors.json is flagged and Fix makes it private again', async () => {
    const file = join(workspace, '.moot', 'actors.json');
    chmodSync(file, 0o644);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const section = page.getByTestId('workspace').filter({ has: page.getByRole('heading', { name: 'project-a' }) });
    await section.locator('.hygiene').waitFor();
    await section.getByRole('button', { name: 'Fix' }).click();
    await waitForGone(section.locator('.hygiene'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await screenshot(page, 'agents');
  });

  it('rotate: shows each step, and the card then shows the new token hint', async () => {
    await openView(page, 'Profiles');
    const before = await card('work').getByTestId('token-hint').textContent();
    await clickAndSettle(card('work'), 'Rotate');
    const steps = card('work').getByRole('list', { name: 'Steps' });
    await waitForText(steps.getByRole('listitem'), /./);
    expect(await steps.locator('.step-failed').count()).toBe(0);
    const rotated = await bridge.ctx.secrets.get('work');
    expect(rotated).not.toBeNull();
    expect(rotated).not.toBe(sandbox.humanPat);
    await waitForText(card('work').getByTestId('token-hint'), new RegExp(`${rotated!.slice(0, 19)}…${rotated!.slice(-4)}`));
    expect(await card('work').getByTestId('token-hint').textContent()).not.toBe(before);
    expect(sandbox.state.authenticate(sandbox.humanPat)).toBeNull();
    expect(sandbox.state.authenticate(rotated)?.actor.actor_id).toBe(sandbox.humanId);
    await screenshot(page, 'rotate-steps');
    await expectNoLeaks();
  });

  it('a token revoked on mootup shows the revoked badge after a check', async () => {
    const current = (await bridge.ctx.secrets.get('work'))!;
    sandbox.state.revokeToken(current);
    await clickAndSettle(card('work'), 'Check');
    await waitForText(badge(card('work')), /^revoked$/);
    await waitForText(card('work').locator('.status-detail'), /Replace token/);
    await waitForText(page.locator('.nav-count'), /^1$/);
    // The check's answer carries its remedy as data; the window makes it a button (no command, no flag) that opens the replace form.
    const remedy = card('work').getByTestId('remedy');
    await waitForText(remedy, /^Replace the token of work…$/);
    expect(await remedy.getAttribute('data-remedy')).toBe('replace-token');
    expect(hasCliWords(await card('work').innerText())).toBe(false);
    await remedy.click();
    await card('work').getByLabel('New token for work').waitFor();
    await card('work').getByRole('button', { name: 'Replace token…' }).click(); // closed again: the next step opens it itself
    await card('work').getByLabel('New token for work').waitFor({ state: 'hidden' });
    await expectNoLeaks();
  });

  it('replace: a token made on the website heals the revoked profile once mootup accepts it', async () => {
    const fresh = sandbox.state.issuePat(sandbox.humanId, 'made by hand').token;
    secrets.add(fresh);
    await card('work').getByRole('button', { name: 'Replace token…' }).click();
    const field = card('work').getByLabel('New token for work');
    await field.fill(fresh);
    await card('work').getByRole('button', { name: 'Replace token', exact: true }).click();
    await waitForText(card('work').getByTestId('token-hint'), new RegExp(`${fresh.slice(0, 19)}…${fresh.slice(-4)}`));
    await waitForText(badge(card('work')), /^ok$/);
    expect(await bridge.ctx.secrets.get('work')).toBe(fresh);
    expect(await card('work').locator('input[type=password]').count()).toBe(0);
    await expectNoLeaks();
  });

  it('edit: a new label is shown on the card', async () => {
    await card('work').getByRole('button', { name: 'Edit…' }).click();
    await card('work').getByLabel('Label').fill('Work laptop');
    await card('work').getByRole('button', { name: 'Save changes' }).click();
    await waitForText(card('work').getByRole('heading'), /^Work laptop \(work\)$/);
  });

  it('editors: a plaintext token in an editor config is listed by its hint and migrated into the keychain', async () => {
    const moly = fakeMolyPat();
    secrets.add(moly);
    const cursorFile = join(testEnv.home, '.cursor', 'mcp.json');
    mkdirSync(join(testEnv.home, '.cursor'), { recursive: true });
    writeFileSync(cursorFile, JSON.stringify({ mcpServers: { moly: { url: 'https://api.moly.so/mcp', headers: { Authorization: `Bearer ${moly}` } } } }, null, 2));
    await openView(page, 'Editors');
    await page.getByRole('button', { name: 'Scan again' }).click();
    const findings = page.locator('.finding-list');
    await waitForText(findings, new RegExp(`${moly.slice(0, 7)}…${moly.slice(-4)}`));
    await screenshot(page, 'editors-findings');
    await expectNoLeaks();

    await page.getByRole('button', { name: 'Migrate to keychain' }).click();
    await waitForGone(findings);
    expect(readFileSync(cursorFile, 'utf8')).not.toContain(moly);
    expect(await bridge.ctx.secrets.list()).toContain('moly');
    await waitForText(page.getByTestId('editor-cursor'), /moly/);
    await screenshot(page, 'editors');
    await expectNoLeaks();
  });

  it('activity: lists those actions newest first, filters by kind and profile, and updates live', async () => {
    await openView(page, 'Activity');
    const rows = page.getByTestId('activity-row');
    for (const what of [/Profile added/, /taken over|takeover/i, /releas/i, /rotat/i]) await waitForText(rows, what);
    const times = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-time') ?? ''));
    expect(times.length).toBeGreaterThan(3);
    expect(times).toEqual([...times].sort().reverse());
    await screenshot(page, 'activity');

    const kindFilter = page.getByRole('group', { name: 'Filter activity' }).getByLabel('What');
    const takeoverKind = (await kindFilter.locator('option').allTextContents()).find((t) => /taken over|takeover/i.test(t));
    expect(takeoverKind).toBeDefined();
    await kindFilter.selectOption({ label: takeoverKind! });
    await waitForText(rows, /taken over|takeover/i);
    expect((await rows.allTextContents()).every((t) => /taken over|takeover/i.test(t))).toBe(true);
    await kindFilter.selectOption({ label: 'Everything' });

    // Another host (the tray) acts: the open view shows it without a reload.
    const token = fakeMolyPat();
    secrets.add(token);
    const added = await bridge.handlers['profile:add']({ name: 'live-check', kind: 'mcp', url: 'https://api.moly.so/mcp', expires_at: null, token });
    expect(added.ok).toBe(true);
    await waitForText(rows.first(), /live-check/);
    await page.getByRole('group', { name: 'Filter activity' }).getByLabel('Profile').selectOption('live-check');
    expect(await rows.count()).toBe(1);
    await expectNoLeaks();
  });

  it('sign-in remedy: checking an OAuth profile that is not signed in offers "Sign in to …" as a button, no command, no flag', async () => {
    // Stored without contacting anyone; its check fails at once (no sign-in in the keychain), before any request.
    expect(await bridge.handlers['oauth:add']({ name: 'pre', url: 'https://mcp.example.com/mcp' })).toMatchObject({ ok: true });
    await openView(page, 'Profiles');
    await clickAndSettle(card('pre'), 'Check');
    const remedy = card('pre').getByTestId('remedy');
    await waitForText(remedy, /^Sign in to pre$/);
    expect(await remedy.getAttribute('data-remedy')).toBe('sign-in');
    expect(hasCliWords(await card('pre').innerText())).toBe(false);
    expect(await bridge.handlers['profile:remove']({ name: 'pre' })).toMatchObject({ ok: true });
    await card('pre').waitFor({ state: 'detached' });
  });

  it('dark mode: every view renders with the dark palette', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(21, 24, 30)');
    for (const view of ['Profiles', 'Agents', 'Editors', 'Activity'] as const) {
      await openView(page, view);
      await screenshot(page, `${view.toLowerCase()}-dark`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('the page ran under the app CSP without errors, and no token reached the page, its storage or any file', async () => {
    await expectNoLeaks();
    expect(pageProblems).toEqual([]);
    expect(world.web.misses).toEqual([]);
    for (const secret of secrets) expect(filesContaining(testEnv.tokentrayHome, secret)).toEqual([]);
    expect(bridge.sent.filter((p) => p.kind === 'push').length).toBeGreaterThan(0);
  });
});
