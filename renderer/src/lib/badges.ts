/** Badge words and tones for profile and agent status, as the settings window shows them. */
import type { AgentStatus } from '../../../shared/app-state';
import { AUDIT_STATUS_WORDS, auditOutcome, type AuditOutcome, type AuditStatus } from '../../../shared/audit';
import { daysUntil, type ProfileView } from '../../../shared/profile';

/** The colour family of a badge; the stylesheet maps each to light and dark colours. */
export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

export interface Badge {
  label: string;
  tone: Tone;
}

/** The short badge for a profile's status (the longer wording is describeProfileStatus). */
export function profileBadge(profile: ProfileView, now: Date = new Date()): Badge {
  switch (profile.status) {
    case 'ok':
      return { label: 'ok', tone: 'ok' };
    case 'expiring': {
      const days = profile.expires_at ? daysUntil(profile.expires_at, now) : 0;
      return { label: days <= 0 ? 'expires today' : `expiring in ${days} day${days === 1 ? '' : 's'}`, tone: 'warn' };
    }
    case 'expired':
      return { label: 'expired', tone: 'bad' };
    case 'revoked':
      return { label: 'revoked', tone: 'bad' };
    case 'missing_token':
      return { label: 'keychain missing', tone: 'bad' };
    default:
      return { label: 'not checked', tone: 'muted' };
  }
}

const AGENT_BADGES: Record<AgentStatus, Badge> = {
  here: { label: 'here', tone: 'ok' },
  elsewhere: { label: 'elsewhere', tone: 'warn' },
  available: { label: 'available', tone: 'muted' },
  not_here: { label: 'not here', tone: 'muted' },
  unknown: { label: 'unknown', tone: 'muted' },
};

/** What each agent status means, for the badge's tooltip and the legend. */
export const AGENT_STATUS_HELP: Record<AgentStatus, string> = {
  here: 'connected from this machine: its key in this workspace works',
  elsewhere: 'its key here no longer works: another installation took it over',
  available: 'released: any installation may take it over',
  not_here: 'yours, but in none of the workspaces added here',
  unknown: 'mootup could not be reached to tell',
};

const AUDIT_TONES: Record<AuditOutcome, Tone> = { success: 'ok', failure: 'bad', needs_confirmation: 'warn', cancelled: 'warn' };

/** The badge for an audit entry's result, in shared/audit.ts's words: failures red, questions and cancelled calls amber, the rest done. */
export function auditStatusBadge(status: string): Badge {
  const outcome = auditOutcome(status);
  if (outcome === null) return { label: status.replace(/_/g, ' '), tone: 'muted' };
  return { label: AUDIT_STATUS_WORDS[status as AuditStatus], tone: AUDIT_TONES[outcome] };
}

/** The badge for an agent's status. */
export function agentBadge(status: AgentStatus): Badge {
  return AGENT_BADGES[status] ?? { label: status, tone: 'muted' };
}
