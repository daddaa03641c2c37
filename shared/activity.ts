/**
 * The Activity chart's data: proxied calls (audit kind `mcp.call`) per profile per hour over the last
 * 24 hours, or per day over the last 30 days, with the failed ones counted apart. Pure: core builds it
 * from the whole audit log, the window draws it and filters its table by a bucket's time range.
 */
import { auditOutcome } from './audit';

/** The two ranges: 24 hourly buckets, or 30 daily ones (local days). */
export type ActivityRange = 'day' | 'month';

/** One range's buckets. */
export interface ActivitySeries {
  range: ActivityRange;
  /** Each bucket's start (ISO), oldest first; a bucket ends where the next starts (the last at `end`). */
  starts: string[];
  end: string;
  /** Calls per bucket for each profile that made any, and how many of them failed. */
  profiles: Array<{ name: string; calls: number[]; errors: number[] }>;
}

/** Both ranges, as the state carries them. */
export interface ActivitySummary {
  day: ActivitySeries;
  month: ActivitySeries;
}

/** What of an audit line the chart needs. */
export type ActivityEntry = { time: string; kind: string; status: string; profile?: string };

const BUCKETS: Record<ActivityRange, number> = { day: 24, month: 30 };

/** The bucket boundaries of a range ending with the bucket that holds `now` (hours, or local midnights). */
export function bucketStarts(range: ActivityRange, now: Date): { starts: Date[]; end: Date } {
  const last = new Date(now);
  if (range === 'day') last.setMinutes(0, 0, 0);
  else last.setHours(0, 0, 0, 0);
  const starts: Date[] = [];
  for (let i = BUCKETS[range] - 1; i >= 0; i--) {
    const start = new Date(last);
    // Calendar steps, so a day with a daylight-saving change is still one bucket.
    if (range === 'day') start.setHours(start.getHours() - i);
    else start.setDate(start.getDate() - i);
    starts.push(start);
  }
  const end = new Date(last);
  if (range === 'day') end.setHours(end.getHours() + 1);
  else end.setDate(end.getDate() + 1);
  return { starts, end };
}

/** Counts the proxied calls of `entries` into a range's buckets, per profile; entries outside it are ignored. */
export function activitySeries(entries: Iterable<ActivityEntry>, range: ActivityRange, now: Date): ActivitySeries {
  const { starts, end } = bucketStarts(range, now);
  const bounds = starts.map((d) => d.getTime());
  const endTime = end.getTime();
  const perProfile = new Map<string, { calls: number[]; errors: number[] }>();
  for (const entry of entries) {
    if (entry.kind !== 'mcp.call' || !entry.profile) continue;
    const time = Date.parse(entry.time);
    if (Number.isNaN(time) || time < bounds[0]! || time >= endTime) continue;
    let index = bounds.length - 1;
    while (index > 0 && bounds[index]! > time) index--;
    let row = perProfile.get(entry.profile);
    if (!row) perProfile.set(entry.profile, (row = { calls: bounds.map(() => 0), errors: bounds.map(() => 0) }));
    row.calls[index]!++;
    if (auditOutcome(entry.status) === 'failure') row.errors[index]!++;
  }
  const profiles = [...perProfile.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, row]) => ({ name, ...row }));
  return { range, starts: starts.map((d) => d.toISOString()), end: end.toISOString(), profiles };
}

/** The time range of bucket `index` ([from, to), ISO). */
export function bucketRange(series: ActivitySeries, index: number): { from: string; to: string } {
  return { from: series.starts[index]!, to: series.starts[index + 1] ?? series.end };
}
