/**
 * What the notifications remember across restarts, in $TOKENTRAY_HOME/notifications.json (mode 0600):
 * the ids of the notifications already shown, and a baseline of the last state (profile and agent
 * statuses). Names, dates and statuses only — never a token or a token hint.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_APP_STATE, type AgentView, type AppState } from '../../shared/app-state';
import type { ProfileView } from '../../shared/profile';
import { writeFileAtomic } from '../core/fs/atomic-write';
import { signinNeeded, type SigninAwareProfile } from './notification-events';

/** How many shown ids are kept (the newest); older events can no longer recur by then. */
const KEEP_IDS = 1000;

/** The remembered part of a profile. */
type ProfileDigest = Pick<ProfileView, 'name' | 'kind' | 'status'> & Partial<Pick<SigninAwareProfile, 'label' | 'expires_at' | 'revoked_at' | 'signin_needed'>>;
/** The remembered part of an agent. */
type AgentDigest = Pick<AgentView, 'actor_id' | 'display_name' | 'status' | 'workspace' | 'profile'>;

interface MemoryFile {
  version: 1;
  shown: string[];
  baseline: { refreshed_at: string; profiles: ProfileDigest[]; agents: AgentDigest[] } | null;
}

/** What a run starts from. */
export interface NotificationMemory {
  /** Ids shown before, oldest first. */
  shown: string[];
  /** The last state of the previous run (profiles and agents only), or null on a first run. */
  baseline: AppState | null;
}

/** The file, in TOKENTRAY_HOME. */
export function notificationMemoryPath(home: string): string {
  return join(home, 'notifications.json');
}

function parse(text: string): MemoryFile | null {
  try {
    const value = JSON.parse(text) as MemoryFile;
    if (value?.version !== 1 || !Array.isArray(value.shown) || !value.shown.every((id) => typeof id === 'string')) return null;
    return value;
  } catch {
    return null;
  }
}

/** Reads the memory; a missing or unreadable file is a fresh start (notifications may then repeat once, never fail). */
export function loadNotificationMemory(home: string): NotificationMemory {
  let file: MemoryFile | null = null;
  try {
    file = parse(readFileSync(notificationMemoryPath(home), 'utf8'));
  } catch {
    file = null;
  }
  if (!file) return { shown: [], baseline: null };
  const b = file.baseline;
  const baseline: AppState | null =
    b && typeof b.refreshed_at === 'string' && Array.isArray(b.profiles) && Array.isArray(b.agents)
      ? {
          ...structuredClone(EMPTY_APP_STATE),
          refreshed_at: b.refreshed_at,
          profiles: b.profiles.map((p) => ({ url: '', created_at: '', has_token: p.status !== 'missing_token', ...p }) as ProfileView),
          agents: b.agents,
        }
      : null;
  return { shown: file.shown, baseline };
}

function profileDigest(p: SigninAwareProfile): ProfileDigest {
  const signin = signinNeeded(p);
  return {
    name: p.name,
    kind: p.kind,
    status: p.status,
    ...(p.label && { label: p.label }),
    ...(p.expires_at && { expires_at: p.expires_at }),
    ...(p.revoked_at && { revoked_at: p.revoked_at }),
    ...(signin && { signin_needed: signin }),
  };
}

/** Writes the shown ids (the newest KEEP_IDS) and the baseline of `state`, atomically. */
export function saveNotificationMemory(home: string, shown: readonly string[], state: AppState): void {
  const file: MemoryFile = {
    version: 1,
    shown: shown.slice(-KEEP_IDS),
    baseline: {
      refreshed_at: state.refreshed_at,
      profiles: state.profiles.map(profileDigest),
      agents: state.agents.map(({ actor_id, display_name, status, workspace, profile }) => ({ actor_id, display_name, status, workspace, profile })),
    },
  };
  mkdirSync(home, { recursive: true, mode: 0o700 });
  writeFileAtomic(notificationMemoryPath(home), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
}
