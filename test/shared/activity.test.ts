/** The Activity chart's buckets, from audit lines of the shapes core writes. */
import { describe, expect, it } from 'vitest';
import { activitySeries, bucketRange, bucketStarts } from '../../shared/activity';
import type { AuditRecord, AuditStatus } from '../../shared/audit';
import { chartData } from '../../renderer/src/lib/activity-chart';

// Local times: the window shows local hours and days.
const now = new Date(2026, 5, 10, 14, 25);
const at = (day: number, hour: number, minute = 10) => new Date(2026, 5, day, hour, minute).toISOString();
const call = (profile: string, time: string, status: AuditStatus = 'ok'): AuditRecord => ({ time, kind: 'mcp.call', profile, status, method: 'tools/call' });

describe('activity buckets', () => {
  it('24 hours by the hour, ending with the current hour; 30 days by the local day, ending today', () => {
    const day = bucketStarts('day', now);
    expect(day.starts).toHaveLength(24);
    expect(day.starts.at(-1)).toEqual(new Date(2026, 5, 10, 14));
    expect(day.starts[0]).toEqual(new Date(2026, 5, 9, 15));
    expect(day.end).toEqual(new Date(2026, 5, 10, 15));
    const month = bucketStarts('month', now);
    expect(month.starts).toHaveLength(30);
    expect(month.starts.at(-1)).toEqual(new Date(2026, 5, 10));
    expect(month.starts[0]).toEqual(new Date(2026, 4, 12));
  });

  it('counts proxied calls per profile and bucket, failed ones apart; other kinds and old lines are left out', () => {
    const entries: AuditRecord[] = [
      call('work', at(10, 14)),
      call('work', at(10, 14, 20), 'error'),
      call('moly', at(10, 14, 5), 'cancelled'),
      call('moly', at(10, 9)),
      call('work', at(9, 14, 59)), // before the 24 hours: month only
      { time: at(10, 13), kind: 'agent.release', status: 'released', actor_id: 'agt_1' },
      call('work', at(1, 12)), // before the 30 days
    ];
    const day = activitySeries(entries, 'day', now);
    expect(day.profiles.map((p) => p.name)).toEqual(['moly', 'work']);
    const work = day.profiles.find((p) => p.name === 'work')!;
    expect(work.calls[23]).toBe(2);
    expect(work.errors[23]).toBe(1);
    expect(work.calls.reduce((a, b) => a + b)).toBe(2);
    const moly = day.profiles.find((p) => p.name === 'moly')!;
    expect(moly.calls[23 - 5]).toBe(1);
    expect(moly.errors.reduce((a, b) => a + b)).toBe(0); // cancelled is no failure
    expect(bucketRange(day, 23)).toEqual({ from: new Date(2026, 5, 10, 14).toISOString(), to: new Date(2026, 5, 10, 15).toISOString() });

    const month = activitySeries(entries, 'month', now);
    expect(month.profiles.find((p) => p.name === 'work')!.calls.slice(-2)).toEqual([1, 2]);
  });

  it('stack for the chart: the tallest series first, failed calls marked at the top of their bucket', () => {
    const series = activitySeries([call('a', at(10, 14)), call('b', at(10, 14), 'error'), call('b', at(10, 13))], 'day', now);
    const [x, top, bottom, marks] = chartData(series);
    expect(x).toHaveLength(24);
    expect(top!.slice(-2)).toEqual([1, 2]);
    expect(bottom!.slice(-2)).toEqual([0, 1]);
    expect(marks!.slice(-2)).toEqual([null, 2]);
  });
});
