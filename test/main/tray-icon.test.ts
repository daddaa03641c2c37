import { describe, expect, it } from 'vitest';
import { EMPTY_APP_STATE } from '../../shared/app-state';
import { chooseTrayIcon, connectedEditorCount, trayIconFile, trayTooltip } from '../../electron/main/tray-icon';
import { agent, profile, state } from './state-fixtures';

describe('chooseTrayIcon', () => {
  it('is ok on first run and when every profile and agent is fine', () => {
    expect(chooseTrayIcon(EMPTY_APP_STATE)).toEqual({ kind: 'ok', reasons: [] });
    const fine = state({ profiles: [profile('a'), profile('b', { status: 'unchecked', last_check: undefined })], agents: [agent('x', 'here', '/w'), agent('y', 'available', '/w')] });
    expect(chooseTrayIcon(fine).kind).toBe('ok');
    expect(trayTooltip(chooseTrayIcon(fine), 0)).toBe('tokentray — all tokens ok, no editor connected now');
  });

  it.each([
    ['revoked', 'token revoked'],
    ['expiring', 'token expiring soon'],
    ['expired', 'token expired'],
    ['missing_token', 'token missing from keychain'],
  ] as const)('asks for attention for a %s profile', (status, reason) => {
    expect(chooseTrayIcon(state({ profiles: [profile('ok'), profile('bad', { status })] }))).toEqual({ kind: 'attention', reasons: [`bad: ${reason}`] });
  });

  it('asks for attention when an agent was taken over elsewhere, and for plaintext tokens in editor configs', () => {
    const choice = chooseTrayIcon(
      state({
        agents: [agent('a1', 'elsewhere', '/w'), agent('a2', 'unknown', '/w')],
        findings: [{ file: '/f', json_path: 'a', token_hint: 'mp_x…1234', kind: 'moly_pat' }],
      }),
    );
    expect(choice).toEqual({ kind: 'attention', reasons: ['Agent a1: taken over elsewhere', '1 plaintext token(s) in editor configs'] });
    expect(trayTooltip(choice, 1)).toBe('tokentray — 1 editor connected now\nAgent a1: taken over elsewhere\n1 plaintext token(s) in editor configs');
  });

  it('says how many editors are connected now: one per editor process, whatever the number of its proxies', () => {
    const session = (pid: number, parent_pid: number) => ({ pid, parent_pid, profile: 'work', started_at: '2026-06-01T10:00:00Z', calls: 0 });
    const busy = state({ sessions: [session(11, 100), session(12, 100), session(13, 200)] });
    expect(connectedEditorCount(busy)).toBe(2);
    expect(trayTooltip(chooseTrayIcon(busy), connectedEditorCount(busy))).toBe('tokentray — all tokens ok, 2 editors connected now');
    expect(connectedEditorCount(state())).toBe(0);
  });

  it('picks macOS template images and colour PNGs elsewhere, for files that exist in build/tray', async () => {
    const { existsSync } = await import('node:fs');
    expect(trayIconFile('ok', 'darwin')).toBe('tray-okTemplate.png');
    expect(trayIconFile('attention', 'linux')).toBe('tray-attention.png');
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      for (const kind of ['ok', 'attention'] as const) {
        const file = trayIconFile(kind, platform);
        expect(existsSync(`build/tray/${file}`), file).toBe(true);
        if (platform === 'darwin') expect(existsSync(`build/tray/${file.replace('.png', '@2x.png')}`), `${file} @2x`).toBe(true);
      }
    }
  });
});
