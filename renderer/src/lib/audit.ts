/** Helpers for the Activity view: filtering, ordering and wording audit entries. */
import type { AuditEntryView } from '../../../shared/app-state';
import { AUDIT_KIND_WORDS, isAuditKind } from '../../../shared/audit';

/** The Activity view's filters; an empty string means "all". `from`/`to` is a chart bucket's time range ([from, to)). */
export interface AuditFilter {
  profile: string;
  kind: string;
  from: string;
  to: string;
}

/** The filter that shows everything. */
export const NO_AUDIT_FILTER: AuditFilter = { profile: '', kind: '', from: '', to: '' };

/** The entries that match the filter, newest first. */
export function filterAudit(entries: readonly AuditEntryView[], filter: AuditFilter): AuditEntryView[] {
  const from = filter.from ? Date.parse(filter.from) : -Infinity;
  const to = filter.to ? Date.parse(filter.to) : Infinity;
  return entries
    .filter((e) => (!filter.profile || e.profile === filter.profile) && (!filter.kind || e.kind === filter.kind))
    .filter((e) => {
      const time = Date.parse(e.time);
      return time >= from && time < to;
    })
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

/** A kind such as "agent.takeover" in words ("Agent taken over", shared/audit.ts); unknown kinds are spelled out. */
export function kindWords(kind: string): string {
  if (isAuditKind(kind)) return AUDIT_KIND_WORDS[kind];
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
