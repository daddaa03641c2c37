/**
 * What the tray and the settings window show: one snapshot of main's state, built by core and
 * pushed to the renderer. Tokens never appear here — only hints.
 */
import type { ActivitySummary } from './activity';
import type { AuditKind, AuditRecord, AuditStatus } from './audit';
import type { ProfileView } from './profile';
import type { Remedy } from './remedy';

export type AgentStatus = 'here' | 'elsewhere' | 'available' | 'not_here' | 'unknown';

/** A problem with a workspace's .moot/actors.json that puts agent keys at risk. */
export interface HygieneProblem {
  kind: 'mode' | 'not_ignored' | 'tracked' | 'corrupt';
  message: string;
  /** Whether `workspace fix` can repair it (a tracked file needs a takeover to rotate keys). */
  fixable: boolean;
  /** What to do about it, as data (the message names no command; each host words this). */
  remedy?: Remedy;
}

export interface AgentView {
  actor_id: string;
  display_name: string;
  status: AgentStatus;
  /** The workspace folder whose .moot/actors.json holds it; null for `not_here`. */
  workspace: string | null;
  /** The mootup profile that sponsors it. */
  profile: string;
  connection_status?: string;
  /** Why the status is what it is (e.g. "local key refused: taken over elsewhere"). */
  message?: string;
  /** What to do about that message, as data (e.g. add the folder again with a profile). */
  remedy?: Remedy;
  /** When the server answered what this status rests on (ISO); absent when no server answer went into it. */
  checked_at?: string;
}

export interface WorkspaceView {
  dir: string;
  profile: string;
  has_actors_file: boolean;
  agent_count: number;
  hygiene: HygieneProblem[];
  error?: string;
  /** What to do about `error`, as data (e.g. remove a folder that no longer exists from the list). */
  remedy?: Remedy;
}

/** A running `tokentray mcp` proxy, i.e. an editor connected through tokentray. */
export interface EditorSessionView {
  pid: number;
  profile: string;
  /** The editor process that started the proxy; several proxies of one editor share it. */
  parent_pid?: number;
  parent_name?: string;
  started_at: string;
  calls: number;
  last_error?: string;
}

export interface EditorConfigView {
  editor: string;
  display_name: string;
  present: boolean;
  files: Array<{ path: string; scope: 'user' | 'project'; exists: boolean; installed: InstalledEntryView[] }>;
}

/** A tokentray entry in an editor config file. */
export interface InstalledEntryView {
  key: string;
  profile: string;
  /** The command the editor runs for it. */
  command?: string;
  /** True when that command no longer exists (an old AppImage mount, a moved app): the editor cannot start tokentray. */
  command_missing?: boolean;
}

/** A plaintext token found in a config file. */
export interface TokenFindingView {
  file: string;
  json_path: string;
  token_hint: string;
  kind: string;
  editor?: string;
}

/**
 * One line of the local audit log as read back and shown (AuditRecord of shared/audit.ts, the shape
 * core writes). Kinds and statuses stay open here: a newer tokentray may have written ones this
 * version does not know, and the window still lists them.
 */
export interface AuditEntryView extends Omit<AuditRecord, 'kind' | 'status'> {
  kind: AuditKind | (string & {});
  status: AuditStatus | (string & {});
}

/** A part of the state that could not be refreshed; shown where it happened, the rest stays. */
export interface StateError {
  source: 'profiles' | 'agents' | 'workspaces' | 'editors' | 'sessions' | 'audit';
  subject?: string;
  message: string;
}

export interface AppState {
  profiles: ProfileView[];
  agents: AgentView[];
  workspaces: WorkspaceView[];
  sessions: EditorSessionView[];
  editors: EditorConfigView[];
  findings: TokenFindingView[];
  audit: AuditEntryView[];
  errors: StateError[];
  refreshed_at: string;
  /** Proxied calls per profile per hour (24 h) and per day (30 days), for the Activity chart. */
  activity?: ActivitySummary;
  /** What this version of tokentray offers (absent in states of older versions). */
  /** Facts only the desktop app knows (the tray, start at login); absent elsewhere. */
  desktop?: DesktopView;
}


/** The desktop host's own facts, for the window. */
export interface DesktopView {
  /**
   * Whether a tray icon can be shown: `missing` when no StatusNotifierWatcher is on the session bus
   * (vanilla GNOME, elementary OS); the window then says how to get one and is opened at start.
   */
  tray: 'shown' | 'missing';
  start_at_login: boolean;
  platform: string;
}

export const EMPTY_APP_STATE: AppState = {
  profiles: [],
  agents: [],
  workspaces: [],
  sessions: [],
  editors: [],
  findings: [],
  audit: [],
  errors: [],
  refreshed_at: '',
};
