/** Small builders for AppState snapshots, so each tray/notification test states only what it is about. */
import type { AgentView, AppState } from '../../shared/app-state';
import { EMPTY_APP_STATE } from '../../shared/app-state';
import type { ProfileView } from '../../shared/profile';

export const NOW = new Date('2026-06-01T12:00:00Z');

export function profile(name: string, overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    name,
    kind: 'mootup',
    url: 'https://mootup.io',
    created_at: '2026-01-01T00:00:00Z',
    token_hint: 'mootup_pat_0123abcd…beef',
    has_token: true,
    status: 'ok',
    last_check: { at: '2026-05-31T00:00:00Z', result: 'ok' },
    ...overrides,
  };
}

export function agent(actor_id: string, status: AgentView['status'], workspace: string | null, overrides: Partial<AgentView> = {}): AgentView {
  return { actor_id, display_name: `Agent ${actor_id}`, status, workspace, profile: 'work', ...overrides };
}

export function state(overrides: Partial<AppState> = {}): AppState {
  return { ...EMPTY_APP_STATE, refreshed_at: NOW.toISOString(), ...overrides };
}
