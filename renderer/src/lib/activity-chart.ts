/** Pure helpers of the Activity chart: uPlot's data arrays, bucket labels, the profile palette. */
import type { ActivitySeries } from '../../../shared/activity';

/** One colour per profile (Tableau 10: readable on the light and the dark theme); styles.css has the same as .swatch-N. */
export const PROFILE_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#bab0ac'] as const;

/**
 * uPlot's aligned data: x = bucket index; then the stacked profile sums, tallest first (all profiles,
 * then all but the last, …); last, the failed-call marks at the top of each bucket that has any.
 */
export function chartData(series: ActivitySeries): [number[], ...Array<Array<number | null>>] {
  const n = series.starts.length;
  const x = Array.from({ length: n }, (_, i) => i);
  const stacks: number[][] = [];
  let running = x.map(() => 0);
  for (const profile of series.profiles) {
    running = running.map((sum, i) => sum + profile.calls[i]!);
    stacks.push(running);
  }
  const total = stacks.at(-1) ?? x.map(() => 0);
  const errors = x.map((i) => series.profiles.reduce((sum, p) => sum + p.errors[i]!, 0));
  return [x, ...stacks.reverse(), errors.map((e, i) => (e > 0 ? total[i]! : null))];
}

/** A bucket in words: "14:00" / "3 Jun" on the axis, "14:00–15:00" / "Wed, 3 Jun" in full. */
export function bucketLabel(series: ActivitySeries, index: number, long = false): string {
  const start = new Date(series.starts[index]!);
  if (series.range === 'day') {
    const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    if (!long) return time(start);
    return `${time(start)}–${time(new Date(series.starts[index + 1] ?? series.end))}`;
  }
  return start.toLocaleDateString(undefined, long ? { weekday: 'short', day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short' });
}
