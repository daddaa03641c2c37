/**
 * The tray menu as plain data, built from AppState alone so it can be tested without Electron.
 * tray.ts turns the model into an Electron Menu and runs each item's action.
 */
import { agentActions } from '../../shared/agent-actions';
import { profileActions } from '../../shared/profile-actions';
import type { AgentView, AppState, EditorSessionView } from '../../shared/app-state';
import { IPC_REQUEST_SCHEMAS } from '../../shared/ipc';
import { describeProfileStatus, type ProfileView } from '../../shared/profile';

/** Editor ids the 'profile:mcp-config' channel accepts, taken from the contract itself. */
export const MENU_EDITORS = IPC_REQUEST_SCHEMAS['profile:mcp-config'].shape.editor.options;
export type MenuEditor = (typeof MENU_EDITORS)[number];

/** What a menu item does when clicked; data, so tests can compare it. */
export type TrayAction =
  | { type: 'profile-check'; profile: string }
  | { type: 'pat-rotate'; profile: string }
  | { type: 'oauth-login'; profile: string }
  | { type: 'oauth-logout'; profile: string }
  | { type: 'profile-replace'; profile: string }
  | { type: 'copy-mcp-config'; profile: string; editor: MenuEditor }
  | { type: 'agent-release'; actor_id: string; display_name: string }
  | { type: 'agent-takeover'; actor_id: string; display_name: string; workspace?: string }
  | { type: 'open-window' }
  | { type: 'refresh' }
  | { type: 'toggle-start-at-login' }
  | { type: 'quit' };

/** One menu entry: Electron's MenuItemConstructorOptions reduced to what we use. */
export interface TrayMenuItem {
  type?: 'normal' | 'separator' | 'checkbox';
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  action?: TrayAction;
  submenu?: TrayMenuItem[];
}

/** Facts the menu needs that are not part of AppState. */
export interface TrayMenuContext {
  startAtLogin: boolean;
  now?: Date;
}

const SEPARATOR: TrayMenuItem = { type: 'separator' };
const info = (label: string): TrayMenuItem => ({ label, enabled: false });
const item = (label: string, action: TrayAction): TrayMenuItem => ({ label, enabled: true, action });

const AGENT_STATUS_WORDS: Record<AgentView['status'], string> = {
  here: 'connected here',
  elsewhere: 'taken over elsewhere',
  available: 'released (available)',
  not_here: 'not on this machine',
  unknown: 'status unknown (offline?)',
};

function editorLabel(state: AppState, editor: MenuEditor): string {
  return state.editors.find((e) => e.editor === editor)?.display_name ?? editor;
}

function profileItem(state: AppState, profile: ProfileView, now: Date): TrayMenuItem {
  const status = describeProfileStatus(profile, now);
  const submenu: TrayMenuItem[] = [
    info(`${profile.kind} · ${profile.token_hint ?? 'no token'} · ${status}`),
    SEPARATOR,
    item('Check', { type: 'profile-check', profile: profile.name }),
  ];
  const allowed = profileActions(profile);
  if (allowed.rotate) submenu.push(item('Rotate PAT', { type: 'pat-rotate', profile: profile.name }));
  // A sign-in waiting in the browser (a proxy asked for it) is named, so the person knows a tab wants them.
  if (allowed.signIn) submenu.push(item(profile.oauth?.sign_in ? `Sign in to ${profile.name}… (waiting)` : `Sign in to ${profile.name}…`, { type: 'oauth-login', profile: profile.name }));
  if (allowed.signOut) submenu.push(item('Sign out', { type: 'oauth-logout', profile: profile.name }));
  if (allowed.replace) submenu.push(item('Replace token…', { type: 'profile-replace', profile: profile.name }));
  submenu.push({
    label: 'Copy MCP config',
    enabled: profile.has_token,
    submenu: MENU_EDITORS.map((editor) => item(`for ${editorLabel(state, editor)}`, { type: 'copy-mcp-config', profile: profile.name, editor })),
  });
  const marker = profile.status === 'ok' || profile.status === 'unchecked' ? '' : '⚠ ';
  return { label: `${marker}${profile.label ? `${profile.label} (${profile.name})` : profile.name} — ${status}`, enabled: true, submenu };
}

function agentItem(agent: AgentView): TrayMenuItem {
  const base = { actor_id: agent.actor_id, display_name: agent.display_name };
  const submenu: TrayMenuItem[] = [info(agent.message ?? AGENT_STATUS_WORDS[agent.status]), SEPARATOR];
  const takeover = (label: string) => item(label, { type: 'agent-takeover', ...base, ...(agent.workspace && { workspace: agent.workspace }) });
  const allowed = agentActions(agent.status);
  if (allowed.release) submenu.push(item('Release', { type: 'agent-release', ...base }));
  // The menu cannot ask which folder: an agent in no workspace here is taken over from the window.
  if (allowed.takeover && agent.workspace) submenu.push(takeover('Take over…'));
  return { label: `${agent.display_name} — ${AGENT_STATUS_WORDS[agent.status]}`, enabled: true, submenu };
}

/** Agents on this machine grouped by workspace folder; agents in no local workspace come last. */
function agentSection(state: AppState): TrayMenuItem[] {
  if (state.agents.length === 0) return [];
  const groups = new Map<string, AgentView[]>();
  for (const agent of state.agents) {
    const key = agent.workspace ?? '';
    groups.set(key, [...(groups.get(key) ?? []), agent]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const items: TrayMenuItem[] = [SEPARATOR, info('Agents')];
  for (const key of keys) {
    const agents = groups.get(key) ?? [];
    items.push({ label: key === '' ? 'Not on this machine' : key, enabled: true, submenu: agents.map(agentItem) });
  }
  return items;
}

function sessionLabel(session: EditorSessionView): string {
  const who = session.parent_name ?? `pid ${session.pid}`;
  const calls = `${session.calls} call${session.calls === 1 ? '' : 's'}`;
  return `${who} → ${session.profile} (${calls}${session.last_error ? `, last error: ${session.last_error}` : ''})`;
}

/** Builds the whole tray menu from a state snapshot. Never throws on a partial state. */
export function buildTrayMenu(state: AppState, context: TrayMenuContext): TrayMenuItem[] {
  const now = context.now ?? new Date();
  const menu: TrayMenuItem[] = [info('Profiles')];
  if (state.profiles.length === 0) {
    const loadFailed = state.errors.some((e) => e.source === 'profiles');
    menu.push(loadFailed ? info('Profiles could not be read (see below)') : item('No profiles yet — add one…', { type: 'open-window' }));
  }
  for (const profile of state.profiles) menu.push(profileItem(state, profile, now));

  menu.push(...agentSection(state));

  if (state.sessions.length > 0) {
    menu.push(SEPARATOR, info('Connected editors'), ...state.sessions.map((s) => info(sessionLabel(s))));
  }
  if (state.findings.length > 0) {
    const n = state.findings.length;
    menu.push(SEPARATOR, item(`⚠ ${n} plaintext token${n === 1 ? '' : 's'} in editor configs — review…`, { type: 'open-window' }));
  }
  if (state.errors.length > 0) {
    menu.push(SEPARATOR, ...state.errors.map((e) => info(`⚠ ${e.source}${e.subject ? ` (${e.subject})` : ''}: ${e.message}`)));
  }
  menu.push(
    SEPARATOR,
    item('Open tokentray…', { type: 'open-window' }),
    item('Refresh', { type: 'refresh' }),
    { type: 'checkbox', label: 'Start at login', enabled: true, checked: context.startAtLogin, action: { type: 'toggle-start-at-login' } },
    SEPARATOR,
    item('Quit', { type: 'quit' }),
  );
  return menu;
}
