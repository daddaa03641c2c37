/**
 * The audit log's vocabulary, shared by the core that writes it and every host that reads it
 * (tray notifications, the Activity view). One list of kinds, one list of statuses, one rule for
 * what counts as success, and the words for each — so no host reads a status its own way.
 */

/** Every kind of line core writes, by capability. */
export const AUDIT_KINDS = [
  'profile.add',
  'profile.remove',
  'profile.replace',
  'profile.set',
  'pat.rotate',
  'pat.revoke',
  'token.revoked',
  'agent.release',
  'agent.takeover',
  'editors.install',
  'editors.remove',
  'editors.migrate',
  'mcp.call',
  'oauth.sign_in',
  'oauth.refresh',
  'oauth.sign_out',
] as const;

/** What an audit line is about. */
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** Every status core writes. `released`/`already_released` are release's own words for success. */
export const AUDIT_STATUSES = ['ok', 'released', 'already_released', 'needs_confirmation', 'cancelled', 'error'] as const;

/** How an audited action ended. */
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** What a status means for the person: done, failed, waiting for their answer, or stopped by the editor. */
export type AuditOutcome = 'success' | 'failure' | 'needs_confirmation' | 'cancelled';

const OUTCOMES: Record<AuditStatus, AuditOutcome> = {
  ok: 'success',
  released: 'success',
  already_released: 'success',
  needs_confirmation: 'needs_confirmation',
  cancelled: 'cancelled',
  error: 'failure',
};

/** The outcome of a status; null for a status this version does not know (a newer tokentray wrote it). */
export function auditOutcome(status: string): AuditOutcome | null {
  return (OUTCOMES as Record<string, AuditOutcome | undefined>)[status] ?? null;
}

/** True when the audited action succeeded (`ok`, `released`, `already_released`). */
export function isSuccess(status: string): boolean {
  return auditOutcome(status) === 'success';
}

/** True only when the action failed; a question waiting for the person or an unknown status is not a failure. */
export function isFailure(status: string): boolean {
  return auditOutcome(status) === 'failure';
}

/** Each status in words, as the Activity view's badge shows it. */
export const AUDIT_STATUS_WORDS: Record<AuditStatus, string> = {
  ok: 'ok',
  released: 'released',
  already_released: 'already released',
  needs_confirmation: 'needs confirmation',
  cancelled: 'cancelled',
  error: 'error',
};

/** Each kind in words, as the Activity view and the notifications name it. */
export const AUDIT_KIND_WORDS: Record<AuditKind, string> = {
  'profile.add': 'Profile added',
  'profile.remove': 'Profile removed',
  'profile.replace': 'Token replaced',
  'profile.set': 'Profile changed',
  'pat.rotate': 'Token rotated',
  'pat.revoke': 'Token revoked',
  'token.revoked': 'Token refused as revoked',
  'agent.release': 'Agent released',
  'agent.takeover': 'Agent taken over',
  'editors.install': 'Editor entry installed',
  'editors.remove': 'Editor entry removed',
  'editors.migrate': 'Editor token migrated',
  'mcp.call': 'MCP call',
  'oauth.sign_in': 'Sign-in',
  'oauth.refresh': 'Token refresh',
  'oauth.sign_out': 'Sign-out',
};

/** True for a kind this version writes. */
export function isAuditKind(kind: string): kind is AuditKind {
  return (AUDIT_KINDS as readonly string[]).includes(kind);
}

/**
 * One line as core writes it: never arguments, results or tokens. Readers get AuditEntryView,
 * which also admits kinds and statuses of a newer version.
 */
export interface AuditRecord {
  time: string;
  kind: AuditKind;
  status: AuditStatus;
  profile?: string;
  actor_id?: string;
  method?: string;
  tool?: string;
  duration_ms?: number;
  bytes?: number;
  message?: string;
}
