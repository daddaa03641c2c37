import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_APP_STATE } from '../../shared/app-state';
import type { ActionResult, IpcRequest } from '../../shared/ipc';
import { createIpcHandlers, type IpcHandlers } from '../../electron/core/app/ipc-handlers';
import { createStateStore } from '../../electron/core/app/state-store';
import { resolveLauncher } from '../../electron/core/editors/launcher';
import { mcpConfigSnippet } from '../../electron/core/editors/proxy-entry';
import { runTrayAction, type TrayActionDeps } from '../../electron/main/tray-actions';
import type { TrayNotification } from '../../electron/main/notifications';
import { createCoreWorld } from '../helpers/core-world';

/** The handles the tray lends its actions, as plain recording objects around the real core handler table. */
function makeDeps(overrides: Partial<IpcHandlers> = {}, confirmAnswer = true, launcherEnv: Record<string, string> = { TOKENTRAY_LAUNCHER: '/opt/tokentray/resources/bin/tokentray' }) {
  // The tray's own logic is under test, not the keychain: a private world, tokens in memory.
  const { ctx } = createCoreWorld();
  const store = createStateStore({ build: async () => ({ ...EMPTY_APP_STATE, refreshed_at: new Date().toISOString() }) });
  const log = { notified: [] as TrayNotification[], copied: [] as string[], confirms: [] as string[], opened: 0, refreshed: 0, toggled: 0, quit: 0 };
  const deps: TrayActionDeps = {
    handlers: { ...createIpcHandlers({ ctx, store, pickFolder: async () => null, openExternal: async () => undefined, showUnsavedKey: async () => undefined }), ...overrides },
    refresh: async () => void log.refreshed++,
    openWindow: () => void log.opened++,
    copyText: (text) => void log.copied.push(text),
    mcpConfigSnippet: (profile, editor) => mcpConfigSnippet(editor, profile, resolveLauncher(launcherEnv, { packagedLauncher: null, script: 'vitest.mjs' })),
    confirmTakeover: async (agent, message) => (log.confirms.push(`${agent.display_name}: ${message}`), confirmAnswer),
    notify: (n) => void log.notified.push(n),
    toggleStartAtLogin: () => void log.toggled++,
    quit: () => void log.quit++,
  };
  return { deps, log };
}

describe('runTrayAction', () => {
  let takeoverCalls: Array<IpcRequest<'agents:takeover'>>;
  beforeEach(() => {
    takeoverCalls = [];
  });
  const connectedAgentTakeover = async (req: IpcRequest<'agents:takeover'>): Promise<ActionResult> => {
    takeoverCalls.push(req);
    return req.force
      ? { ok: true, message: 'Agent Ada now runs here.' }
      : { ok: false, code: 'needs_confirmation', remedy: { kind: 'confirm', action: 'takeover' }, message: 'Ada is connected from another installation (agent_connected).' };
  };
  const takeoverAction = { type: 'agent-takeover', actor_id: 'act_1', display_name: 'Ada', workspace: '/home/me/p' } as const;

  it('takeover of a connected agent asks first, then forces it', async () => {
    const { deps, log } = makeDeps({ 'agents:takeover': connectedAgentTakeover });
    await runTrayAction(takeoverAction, deps);
    expect(log.confirms).toEqual(['Ada: Ada is connected from another installation (agent_connected).']);
    expect(takeoverCalls).toEqual([
      { actor_id: 'act_1', force: false, workspace: '/home/me/p' },
      { actor_id: 'act_1', force: true, workspace: '/home/me/p' },
    ]);
    // Success is announced from the audit log, so the tray does not say it twice.
    expect(log.notified).toEqual([]);
  });

  it('takeover declined in the dialog does nothing more', async () => {
    const { deps, log } = makeDeps({ 'agents:takeover': connectedAgentTakeover }, false);
    await runTrayAction(takeoverAction, deps);
    expect(takeoverCalls).toHaveLength(1);
    expect(log.notified).toEqual([]);
  });

  it('a failing action becomes a notification with core\'s message', async () => {
    const { deps, log } = makeDeps({ 'profile:check': async () => ({ ok: false, code: 'unauthorized', message: 'mootup refused the token (401): it was revoked. Replace it.' }) });
    await runTrayAction({ type: 'profile-check', profile: 'work' }, deps);
    expect(log.notified).toEqual([{ title: 'Check work failed', body: 'mootup refused the token (401): it was revoked. Replace it.' }]);
  });

  it('a handler that throws still ends in a notification, never an unhandled rejection', async () => {
    const { deps, log } = makeDeps({ 'agents:release': async () => Promise.reject(new Error('socket hang up')) });
    await runTrayAction({ type: 'agent-release', actor_id: 'act_1', display_name: 'Ada' }, deps);
    expect(log.notified).toEqual([{ title: 'tokentray action failed', body: 'socket hang up' }]);
  });

  it('copies the editor\'s MCP config, which runs the launcher and holds no token', async () => {
    const { deps, log } = makeDeps();
    await runTrayAction({ type: 'copy-mcp-config', profile: 'work', editor: 'cursor' }, deps);
    expect(log.copied).toHaveLength(1);
    const config = JSON.parse(log.copied[0]!);
    expect(config.mcpServers.work).toMatchObject({ command: '/opt/tokentray/resources/bin/tokentray', args: ['mcp', 'work'] });
    expect(log.notified.map((n) => n.title)).toEqual(['MCP config copied']);

    await runTrayAction({ type: 'copy-mcp-config', profile: 'work', editor: 'vscode' }, deps);
    expect(JSON.parse(log.copied[1]!).servers.work).toMatchObject({ type: 'stdio', command: '/opt/tokentray/resources/bin/tokentray' });
  });

  it('when the launcher cannot be found, says how to fix it instead of copying a broken config', async () => {
    const { deps, log } = makeDeps({}, true, {});
    await runTrayAction({ type: 'copy-mcp-config', profile: 'work', editor: 'cursor' }, deps);
    expect(log.copied).toEqual([]);
    expect(log.notified).toHaveLength(1);
    expect(log.notified[0]?.title).toBe('Copy MCP config failed');
    expect(log.notified[0]?.body).toContain('TOKENTRAY_LAUNCHER');
  });

  it('a response carrying a token never reaches a notification: the tray goes through dispatchIpc\'s guard', async () => {
    const token = `mootup_pat_${'b'.repeat(60)}`;
    const { deps, log } = makeDeps({ 'pat:rotate': async () => ({ ok: true, message: `new token ${token}` }) });
    await runTrayAction({ type: 'pat-rotate', profile: 'work' }, deps);
    expect(JSON.stringify(log.notified)).not.toContain(token);
    expect(log.notified).toEqual([{ title: 'Rotate PAT of work failed', body: 'internal error: the answer contained a secret and was withheld' }]);
  });

  it('window, refresh, login item and quit items call their handles', async () => {
    const { deps, log } = makeDeps();
    await runTrayAction({ type: 'open-window' }, deps);
    await runTrayAction({ type: 'profile-replace', profile: 'work' }, deps);
    await runTrayAction({ type: 'refresh' }, deps);
    await runTrayAction({ type: 'toggle-start-at-login' }, deps);
    await runTrayAction({ type: 'quit' }, deps);
    expect(log).toMatchObject({ opened: 2, refreshed: 1, toggled: 1, quit: 1 });
  });
});
