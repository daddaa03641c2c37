import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
// uPlot's stylesheet as a file of the bundle: the CSP allows no inline <style>.
import 'uplot/dist/uPlot.min.css';
import { bucketRange, type ActivitySeries } from '../../../../shared/activity';
import { bucketLabel, chartData, PROFILE_COLORS } from '../../lib/activity-chart';

/** The theme's colour for a CSS variable (the canvas cannot read CSS variables itself). */
function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Follows the OS's light/dark choice, so the chart is redrawn in the other palette. */
function useColorScheme(): 'light' | 'dark' {
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const listener = () => setDark(query.matches);
    query.addEventListener('change', listener);
    return () => query.removeEventListener('change', listener);
  }, [query]);
  return dark ? 'dark' : 'light';
}

/** uPlot's options for stacked bars per profile, a red mark on each bucket with failed calls, and the chosen bucket outlined. */
function chartOptions(series: ActivitySeries, width: number, selected: { current: number | null }): uPlot.Options {
  const n = series.starts.length;
  const muted = cssColor('--muted', '#5d6675');
  const grid = cssColor('--border', '#d9dde4');
  const focus = cssColor('--focus', '#2f6fed');
  const bars = uPlot.paths.bars!({ size: [0.7, 48], align: 0 });
  const step = series.range === 'day' ? 3 : 5;
  const profiles = series.profiles;
  return {
    width,
    height: 190,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    scales: { x: { time: false, range: [-0.5, n - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.15))] } },
    axes: [
      {
        stroke: muted,
        grid: { show: false },
        ticks: { stroke: grid },
        splits: () => Array.from({ length: n }, (_, i) => i).filter((i) => (n - 1 - i) % step === 0),
        values: (_u, splits) => splits.map((i) => bucketLabel(series, i)),
      },
      { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 40, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
    ],
    series: [
      {},
      // Stacked: the tallest (all profiles) first, each smaller one drawn over its lower part.
      ...profiles.map((_, k) => {
        const i = profiles.length - 1 - k;
        return { label: profiles[i]!.name, fill: PROFILE_COLORS[i % PROFILE_COLORS.length], stroke: PROFILE_COLORS[i % PROFILE_COLORS.length], width: 0, paths: bars, points: { show: false } };
      }),
      { label: 'failed calls', stroke: '#c62828', fill: '#ffffff', width: 2, paths: () => null, points: { show: true, size: 10, width: 2, stroke: '#c62828', fill: '#ffffff' } },
    ],
    hooks: {
      draw: [
        (u) => {
          const index = selected.current;
          if (index === null) return;
          const ratio = devicePixelRatio || 1;
          const left = u.valToPos(index - 0.5, 'x', true);
          const right = u.valToPos(index + 0.5, 'x', true);
          u.ctx.save();
          u.ctx.strokeStyle = focus;
          u.ctx.lineWidth = 2 * ratio;
          u.ctx.strokeRect(left + ratio, u.bbox.top + ratio, right - left - 2 * ratio, u.bbox.height - 2 * ratio);
          u.ctx.restore();
        },
      ],
    },
  };
}

/**
 * Proxied calls per hour (last 24 hours) or per day (last 30 days), stacked by profile, failed calls
 * marked in red. Clicking a bar (or choosing a bucket from the list for keyboards) filters the table.
 */
export function ActivityChart({ series, selected, onSelect }: { series: ActivitySeries; selected: number | null; onSelect(index: number | null): void }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const selectedRef = useRef<number | null>(selected);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const scheme = useColorScheme();

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const u = new uPlot(chartOptions(series, Math.max(320, el.clientWidth), selectedRef), chartData(series), el);
    plot.current = u;
    const click = () => {
      const index = u.cursor.idx;
      if (index === null || index === undefined) return;
      onSelectRef.current(index === selectedRef.current ? null : index);
    };
    u.over.addEventListener('click', click);
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(320, el.clientWidth), height: 190 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.over.removeEventListener('click', click);
      u.destroy();
      plot.current = null;
    };
  }, [series, scheme]);

  useEffect(() => {
    selectedRef.current = selected;
    plot.current?.redraw(false, false);
  }, [selected]);

  const totals = series.profiles.map((p) => ({ name: p.name, calls: p.calls.reduce((a, b) => a + b, 0), errors: p.errors.reduce((a, b) => a + b, 0) }));
  const buckets = series.starts
    .map((_, i) => ({ i, calls: series.profiles.reduce((n, p) => n + p.calls[i]!, 0), errors: series.profiles.reduce((n, p) => n + p.errors[i]!, 0) }))
    .filter((b) => b.calls > 0);
  const unit = series.range === 'day' ? 'hour' : 'day';
  return (
    <figure className="activity-chart" aria-labelledby="activity-chart-caption">
      <figcaption id="activity-chart-caption" className="visually-hidden">
        Editor calls per {unit} through tokentray, by profile; failed calls are marked red.
      </figcaption>
      <div ref={box} className="chart-box" data-testid="activity-chart" aria-hidden="true" />
      <ul className="chart-legend" aria-label="Calls by profile">
        {totals.map((t, i) => (
          <li key={t.name}>
            <span className={`swatch swatch-${i % PROFILE_COLORS.length}`} aria-hidden="true" /> {t.name}: {t.calls} call{t.calls === 1 ? '' : 's'}
            {t.errors > 0 && <span className="chart-errors"> · {t.errors} failed</span>}
          </li>
        ))}
        {totals.length === 0 && <li className="muted">No editor calls in this period.</li>}
      </ul>
      <ul className="visually-hidden" aria-label={`Show the activity of one ${unit}`}>
        {buckets.map((b) => (
          <li key={b.i}>
            <button type="button" aria-pressed={selected === b.i} onClick={() => onSelect(selected === b.i ? null : b.i)}>
              {bucketLabel(series, b.i, true)}: {b.calls} calls{b.errors > 0 ? `, ${b.errors} failed` : ''}
            </button>
          </li>
        ))}
      </ul>
      <span className="visually-hidden" data-testid="chart-selected">
        {selected === null ? '' : `${bucketRange(series, selected).from}/${bucketRange(series, selected).to}`}
      </span>
    </figure>
  );
}
