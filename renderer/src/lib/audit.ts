/** Helpers for the Activity view: filtering, ordering and wording audit entries. */
import type { AuditEntryView } from '../../../shared/app-state';

/** The Activity view's filters; an empty string means "all". */
export interface AuditFilter {
  profile: string;
  kind: string;
}

/** The entries that match the filter, newest first. */
export function filterAudit(entries: readonly AuditEntryView[], filter: AuditFilter): AuditEntryView[] {
  return entries
    .filter((e) => (!filter.profile || e.profile === filter.profile) && (!filter.kind || e.kind === filter.kind))
    .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
}

/** The distinct values of one field, sorted, for a filter's options. */
export function distinctValues(entries: readonly AuditEntryView[], field: 'profile' | 'kind', extra: readonly string[] = []): string[] {
  const values = new Set(extra);
  for (const entry of entries) {
    const value = entry[field];
    if (value) values.add(value);
  }
  return [...values].sort();
}

const KIND_WORDS: Record<string, string> = {
  'profile.add': 'Profile added',
  'profile.remove': 'Profile removed',
  'profile.check': 'Profile checked',
  'profile.replace': 'Token replaced',
  'profile.set': 'Profile changed',
  'pat.rotate': 'Token rotated',
  'pat.revoke': 'Token revoked',
  'token.revoked': 'Token refused as revoked',
  'agents.release': 'Agent released',
  'agents.takeover': 'Agent taken over',
  'agent.release': 'Agent released',
  'agent.takeover': 'Agent taken over',
  'workspace.add': 'Workspace added',
  'workspace.remove': 'Workspace removed',
  'workspace.fix': 'Workspace fixed',
  'editors.install': 'Editor entry installed',
  'editors.remove': 'Editor entry removed',
  'editors.migrate': 'Editor token migrated',
  'mcp.call': 'MCP call',
};

/** A kind such as "agents.takeover" in words ("Agent taken over"); unknown kinds are spelled out. */
export function kindWords(kind: string): string {
  const known = KIND_WORDS[kind];
  if (known) return known;
  const words = kind.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The detail line of an entry: what it was about, without anything secret (the log holds none). */
export function entryDetail(entry: AuditEntryView): string {
  const parts: string[] = [];
  if (entry.actor_id) parts.push(`agent ${entry.actor_id}`);
  if (entry.method) parts.push(entry.tool ? `${entry.method} ${entry.tool}` : entry.method);
  if (entry.duration_ms !== undefined) parts.push(`${entry.duration_ms} ms`);
  if (entry.message) parts.push(entry.message);
  return parts.join(' · ');
}
