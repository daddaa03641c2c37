/**
 * What the tray and the settings window show: one snapshot of main's state, built by core and
 * pushed to the renderer. Tokens never appear here — only hints.
 */
import type { AuditKind, AuditRecord, AuditStatus } from './audit';
import type { ProfileView } from './profile';

export type AgentStatus = 'here' | 'elsewhere' | 'available' | 'not_here' | 'unknown';

/** A problem with a workspace's .moot/actors.json that puts agent keys at risk. */
export interface HygieneProblem {
  kind: 'mode' | 'not_ignored' | 'tracked' | 'corrupt';
  message: string;
  /** Whether `workspace fix` can repair it (a tracked file needs a takeover to rotate keys). */
  fixable: boolean;
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
}

export interface WorkspaceView {
  dir: string;
  profile: string;
  has_actors_file: boolean;
  agent_count: number;
  hygiene: HygieneProblem[];
  error?: string;
}

/** A running `tokentray mcp` proxy, i.e. an editor connected through tokentray. */
export interface EditorSessionView {
  pid: number;
  profile: string;
  parent_name?: string;
  started_at: string;
  calls: number;
  last_error?: string;
}

export interface EditorConfigView {
  editor: string;
  display_name: string;
  present: boolean;
  files: Array<{ path: string; scope: 'user' | 'project'; exists: boolean; installed: Array<{ key: string; profile: string }> }>;
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
