/** Picks the tray image from state: "ok", or "attention" with the reasons shown as the tooltip. */
import type { AppState } from '../../shared/app-state';

export type TrayIconKind = 'ok' | 'attention';

export interface TrayIconChoice {
  kind: TrayIconKind;
  /** One line per problem, for the tooltip; empty when all is well. */
  reasons: string[];
}

const PROFILE_PROBLEMS: Partial<Record<string, string>> = {
  revoked: 'token revoked',
  expired: 'token expired',
  expiring: 'token expiring soon',
  missing_token: 'token missing from keychain',
};

/** The icon for a state: attention for revoked/expiring/expired/missing tokens, agents taken over elsewhere, plaintext tokens. */
export function chooseTrayIcon(state: AppState): TrayIconChoice {
  const reasons: string[] = [];
  for (const profile of state.profiles) {
    const problem = PROFILE_PROBLEMS[profile.status];
    if (problem) reasons.push(`${profile.name}: ${problem}`);
  }
  for (const agent of state.agents) {
    if (agent.status === 'elsewhere') reasons.push(`${agent.display_name}: taken over elsewhere`);
  }
  if (state.findings.length > 0) reasons.push(`${state.findings.length} plaintext token(s) in editor configs`);
  return { kind: reasons.length > 0 ? 'attention' : 'ok', reasons };
}

/** The PNG file name for a kind: macOS gets monochrome template images, others colour ones. */
export function trayIconFile(kind: TrayIconKind, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `tray-${kind}Template.png` : `tray-${kind}.png`;
}

/** How many editors run tokentray's proxy now: one per editor process, however many profiles it uses. */
export function connectedEditorCount(state: AppState): number {
  return new Set(state.sessions.map((s) => s.parent_pid ?? `pid ${s.pid}`)).size;
}

/** Tooltip text: the app name and how many editors are connected now, then the reasons (if any). */
export function trayTooltip(choice: TrayIconChoice, connectedEditors: number): string {
  const editors = connectedEditors === 0 ? 'no editor connected now' : `${connectedEditors} editor${connectedEditors === 1 ? '' : 's'} connected now`;
  return choice.reasons.length === 0 ? `tokentray — all tokens ok, ${editors}` : [`tokentray — ${editors}`, ...choice.reasons].join('\n');
}
