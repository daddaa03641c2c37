import { describe, expect, it } from 'vitest';
import { EMPTY_APP_STATE } from '../../shared/app-state';
import { buildTrayMenu, MENU_EDITORS, type TrayMenuItem } from '../../electron/main/tray-menu';
import { agent, NOW, profile, state } from './state-fixtures';
import { CLIENT_IDS } from '../../shared/clients';
import type { ProfileView } from '../../shared/profile';
import { profileActions } from '../../shared/profile-actions';

const build = (s = state(), startAtLogin = false) => buildTrayMenu(s, { startAtLogin, now: NOW });
const labels = (items: TrayMenuItem[] | undefined) => (items ?? []).filter((i) => i.type !== 'separator').map((i) => i.label);
const find = (items: TrayMenuItem[] | undefined, prefix: string) => (items ?? []).find((i) => i.label?.startsWith(prefix));

describe('buildTrayMenu', () => {
  it('first run (empty state): offers to add a profile and keeps the app items', () => {
    const menu = build(EMPTY_APP_STATE);
    expect(labels(menu)).toEqual(['Profiles', 'No profiles yet — add one…', 'Open tokentray…', 'Refresh', 'Start at login', 'Quit']);
    expect(find(menu, 'No profiles')?.action).toEqual({ type: 'open-window' });
    expect(find(menu, 'Quit')?.action).toEqual({ type: 'quit' });
    expect(find(menu, 'Refresh')?.action).toEqual({ type: 'refresh' });
  });

  it('reflects the login item in the "Start at login" checkbox', () => {
    expect(find(build(state(), true), 'Start at login')).toMatchObject({ type: 'checkbox', checked: true, action: { type: 'toggle-start-at-login' } });
    expect(find(build(state(), false), 'Start at login')).toMatchObject({ checked: false });
  });

  it('an ok mootup profile: status, Check, Rotate PAT, Replace token…, Copy MCP config for every editor', () => {
    const menu = build(state({ profiles: [profile('work', { label: 'Work' })] }));
    const item = find(menu, 'Work (work)');
    expect(item?.label).toBe('Work (work) — ok');
    expect(labels(item?.submenu)).toEqual(['mootup · mootup_pat_0123abcd…beef · ok', 'Check', 'Rotate PAT', 'Replace token…', 'Copy MCP config']);
    expect(find(item?.submenu, 'Check')?.action).toEqual({ type: 'profile-check', profile: 'work' });
    expect(find(item?.submenu, 'Rotate PAT')?.action).toEqual({ type: 'pat-rotate', profile: 'work' });
    expect(find(item?.submenu, 'Replace token')?.action).toEqual({ type: 'profile-replace', profile: 'work' });
    const copy = find(item?.submenu, 'Copy MCP config');
    expect(copy?.enabled).toBe(true);
    expect(copy?.submenu?.map((i) => i.action)).toEqual(MENU_EDITORS.map((editor) => ({ type: 'copy-mcp-config', profile: 'work', editor })));
    expect(MENU_EDITORS).toEqual([...CLIENT_IDS]);
  });

  it('an OAuth profile: Sign in… (named as waiting while a proxy waits for it) and Sign out, never Replace token…', () => {
    const oauth = (overrides: Partial<ProfileView>) => profile('moly', { kind: 'mcp', auth: 'oauth', oauth: { issuer: 'https://auth.example' }, ...overrides });
    const signedIn = find(build(state({ profiles: [oauth({})] })), 'moly');
    expect(labels(signedIn?.submenu)).toEqual(expect.arrayContaining(['Check', 'Sign in to moly…', 'Sign out']));
    expect(labels(signedIn?.submenu)).not.toContain('Replace token…');
    expect(find(signedIn?.submenu, 'Sign in')?.action).toEqual({ type: 'oauth-login', profile: 'moly' });
    expect(find(signedIn?.submenu, 'Sign out')?.action).toEqual({ type: 'oauth-logout', profile: 'moly' });
    const sign_in = { since: '2026-06-01T11:59:00Z', until: '2026-06-01T12:04:00Z', pid: 1, reason: 'no_token' as const };
    const waiting = find(build(state({ profiles: [oauth({ has_token: false, oauth: { issuer: 'https://auth.example', sign_in } })] })), 'moly');
    expect(labels(waiting?.submenu)).toContain('Sign in to moly… (waiting)');
    expect(labels(waiting?.submenu)).not.toContain('Sign out');
  });

  it('uses the editors\' display names from state when known', () => {
    const s = state({ profiles: [profile('work')], editors: [{ editor: 'vscode', display_name: 'VS Code', present: true, files: [] }] });
    const copy = find(find(build(s), 'work')?.submenu, 'Copy MCP config');
    expect(labels(copy?.submenu)).toEqual(CLIENT_IDS.map((id) => (id === 'vscode' ? 'for VS Code' : `for ${id}`)));
  });

  it('offers Rotate PAT only where the window does (shared/profile-actions.ts): not for a revoked or missing token', () => {
    for (const p of [profile('side', { status: 'revoked', revoked_at: '2026-05-30T00:00:00Z' }), profile('lost', { has_token: false, status: 'missing_token' })]) {
      const sub = build(state({ profiles: [p] })).find((i) => i.label?.includes(`${p.name} —`))?.submenu;
      expect(labels(sub)).not.toContain('Rotate PAT');
      expect(labels(sub)).toContain('Replace token…');
      expect(profileActions(p)).toMatchObject({ rotate: false, replace: true });
    }
  });

  it('an mcp profile has no Rotate PAT (only mootup PATs rotate through the API)', () => {
    const menu = build(state({ profiles: [profile('moly', { kind: 'mcp', expires_at: null })] }));
    expect(labels(find(menu, 'moly')?.submenu)).not.toContain('Rotate PAT');
  });

  it('revoked, expiring, expired and missing-token profiles are flagged with their status in words', () => {
    const menu = build(
      state({
        profiles: [
          profile('gone', { status: 'revoked', revoked_at: '2026-05-30T10:00:00Z' }),
          profile('soon', { kind: 'mcp', status: 'expiring', expires_at: '2026-06-05' }),
          profile('old', { kind: 'mcp', status: 'expired', expires_at: '2026-05-01' }),
          profile('lost', { status: 'missing_token', has_token: false, token_hint: undefined }),
        ],
      }),
    );
    expect(labels(menu).slice(1, 5)).toEqual([
      '⚠ gone — revoked (refused since 2026-05-30)',
      '⚠ soon — expires in 3 days',
      '⚠ old — expired on 2026-05-01',
      '⚠ lost — token missing from keychain',
    ]);
    // Without a token there is nothing to configure an editor for, but it can still be replaced.
    const lost = find(menu, '⚠ lost');
    expect(find(lost?.submenu, 'Copy MCP config')?.enabled).toBe(false);
    expect(find(lost?.submenu, 'Replace token')?.enabled).toBe(true);
    expect(labels(lost?.submenu)[0]).toBe('mootup · no token · token missing from keychain');
  });

  it('groups agents by workspace, with the actions each status allows', () => {
    const menu = build(
      state({
        agents: [
          agent('a1', 'here', '/home/me/zeta'),
          agent('a2', 'elsewhere', '/home/me/alpha', { message: 'local key refused: taken over elsewhere' }),
          agent('a3', 'available', '/home/me/zeta'),
          agent('a4', 'unknown', '/home/me/alpha'),
          agent('a5', 'not_here', null),
        ],
      }),
    );
    const all = labels(menu);
    expect(all.slice(all.indexOf('Agents'), all.indexOf('Agents') + 4)).toEqual(['Agents', '/home/me/alpha', '/home/me/zeta', 'Not on this machine']);

    const alpha = find(menu, '/home/me/alpha')?.submenu;
    expect(labels(alpha)).toEqual(['Agent a2 — taken over elsewhere', 'Agent a4 — status unknown (offline?)']);
    const a2 = find(alpha, 'Agent a2')?.submenu;
    expect(labels(a2)).toEqual(['local key refused: taken over elsewhere', 'Release', 'Take over…']);
    expect(find(a2, 'Take over')?.action).toEqual({ type: 'agent-takeover', actor_id: 'a2', display_name: 'Agent a2', workspace: '/home/me/alpha' });
    expect(labels(find(alpha, 'Agent a4')?.submenu)).toEqual(['status unknown (offline?)', 'Release', 'Take over…']);

    const zeta = find(menu, '/home/me/zeta')?.submenu;
    const a1 = find(zeta, 'Agent a1')?.submenu;
    expect(labels(a1)).toEqual(['connected here', 'Release']);
    expect(find(a1, 'Release')?.action).toEqual({ type: 'agent-release', actor_id: 'a1', display_name: 'Agent a1' });
    expect(labels(find(zeta, 'Agent a3')?.submenu)).toEqual(['released (available)', 'Take over…']);

    // An agent in no local workspace is shown, but there is no folder to take it over into from the tray.
    const elsewhere = find(menu, 'Not on this machine')?.submenu;
    expect(labels(find(elsewhere, 'Agent a5')?.submenu)).toEqual(['not on this machine']);
  });

  it('lists connected editors from the proxy sessions, as information', () => {
    const menu = build(
      state({
        sessions: [
          { pid: 4242, profile: 'work', parent_name: 'Cursor', started_at: NOW.toISOString(), calls: 1 },
          { pid: 4343, profile: 'moly', started_at: NOW.toISOString(), calls: 12, last_error: 'upstream timed out' },
        ],
      }),
    );
    const all = labels(menu);
    const at = all.indexOf('Connected editors');
    expect(all.slice(at, at + 3)).toEqual(['Connected editors', 'Cursor → work (1 call)', 'pid 4343 → moly (12 calls, last error: upstream timed out)']);
    expect(find(menu, 'Cursor →')?.enabled).toBe(false);
  });

  it('points at plaintext tokens found in editor configs', () => {
    const finding = { file: '/home/me/.cursor/mcp.json', json_path: 'mcpServers.moot.env.TOKEN', token_hint: 'mootup_pat_0123abcd…beef', kind: 'mootup_pat' };
    const item = find(build(state({ findings: [finding, { ...finding, json_path: 'x' }] })), '⚠ 2 plaintext tokens');
    expect(item?.action).toEqual({ type: 'open-window' });
  });

  it('one failing source never blanks the menu: the rest stays and the error shows as a disabled item', () => {
    const menu = build(
      state({
        profiles: [profile('work')],
        agents: [agent('a1', 'here', '/w')],
        errors: [{ source: 'agents', subject: 'moly', message: 'mootup.io did not answer (timeout)' }],
      }),
    );
    expect(find(menu, 'work')).toBeDefined();
    expect(find(menu, '/w')).toBeDefined();
    expect(find(menu, '⚠ agents (moly)')).toEqual({ label: '⚠ agents (moly): mootup.io did not answer (timeout)', enabled: false });
    expect(labels(menu).slice(-4)).toEqual(['Open tokentray…', 'Refresh', 'Start at login', 'Quit']);
  });

  it('when profiles cannot be read at all, says so instead of offering a first-run "add one"', () => {
    const menu = build(state({ errors: [{ source: 'profiles', message: 'profiles.json is not valid JSON' }] }));
    expect(labels(menu)).toContain('Profiles could not be read (see below)');
    expect(labels(menu)).not.toContain('No profiles yet — add one…');
    expect(labels(menu)).toContain('⚠ profiles: profiles.json is not valid JSON');
  });

  it('every enabled leaf item has an action, and every action-less item is disabled or a submenu', () => {
    const everything = build(
      state({ profiles: [profile('work')], agents: [agent('a1', 'here', '/w'), agent('a2', 'elsewhere', '/w')], errors: [{ source: 'audit', message: 'x' }] }),
    );
    const walk = (items: TrayMenuItem[]): TrayMenuItem[] => items.flatMap((i) => [i, ...walk(i.submenu ?? [])]);
    for (const item of walk(everything)) {
      if (item.type === 'separator' || item.submenu) continue;
      expect(item.enabled === false || item.action !== undefined, `item "${item.label}"`).toBe(true);
    }
  });
});
