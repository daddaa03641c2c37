import { EmptyState } from '../../components/empty-state';
import { SourceErrors } from '../../components/source-errors';
import { StatusBadge } from '../../components/status-badge';
import { bucketRange } from '../../../../shared/activity';
import { bucketLabel } from '../../lib/activity-chart';
import { distinctValues, entryDetail, filterAudit, kindWords, NO_AUDIT_FILTER } from '../../lib/audit';
import { auditStatusBadge } from '../../lib/badges';
import { formatTime, formatWhen } from '../../lib/format';
import { useAppStore } from '../../store/app-store';
import { useUiStore } from '../../store/ui-store';
import { ActivityChart } from './activity-chart';
import { ActivityFilters } from './activity-filters';

/** The Activity view: the local audit log, newest first, filterable, updated as main pushes new state. */
export function ActivityView() {
  const { audit, profiles, activity } = useAppStore((s) => s.state);
  const filter = useUiStore((s) => s.activityFilter);
  const setFilter = useUiStore((s) => s.setActivityFilter);
  const range = useUiStore((s) => s.activityRange);
  const setRange = useUiStore((s) => s.setActivityRange);
  const entries = filterAudit(audit, filter);
  const filtered = filter.profile !== '' || filter.kind !== '' || filter.from !== '';
  const series = activity?.[range];
  const selected = series && filter.from ? series.starts.indexOf(filter.from) : -1;
  const select = (index: number | null) => setFilter(index === null || !series ? { from: '', to: '' } : bucketRange(series, index));

  return (
    <section aria-labelledby="view-title" className="view">
      <h1 id="view-title">Activity</h1>
      <p className="intro">What tokentray did with your tokens and agents on this machine. It never records a token or what an editor sent.</p>
      <SourceErrors sources={['audit']} />
      {audit.length === 0 ? (
        <EmptyState title="Nothing yet">
          <p>Adding a token, checking or rotating it, releasing or taking over an agent, and every call an editor makes through tokentray show up here.</p>
        </EmptyState>
      ) : (
        <>
          {series && (
            <section aria-labelledby="chart-title" className="chart-section">
              <div className="chart-head">
                <h2 id="chart-title">Editor calls per {range === 'day' ? 'hour' : 'day'}</h2>
                <div className="range-toggle push-right" role="group" aria-label="Period">
                  <button type="button" aria-pressed={range === 'day'} onClick={() => setRange('day')}>
                    Last 24 hours
                  </button>{' '}
                  <button type="button" aria-pressed={range === 'month'} onClick={() => setRange('month')}>
                    Last 30 days
                  </button>
                </div>
              </div>
              <ActivityChart series={series} selected={selected >= 0 ? selected : null} onSelect={select} />
            </section>
          )}
          {series && selected >= 0 && (
            <p className="bucket-filter" data-testid="bucket-filter">
              <span>{`Showing ${range === 'day' ? 'the hour ' : ''}${bucketLabel(series, selected, true)} only.`}</span>
              <button type="button" onClick={() => select(null)}>
                Show all times
              </button>
            </p>
          )}
          <ActivityFilters
            filter={filter}
            profiles={distinctValues(audit, 'profile', profiles.map((p) => p.name))}
            kinds={distinctValues(audit, 'kind')}
            onChange={setFilter}
          />
          {entries.length === 0 && filtered ? (
            <EmptyState title="No activity matches these filters">
              <button type="button" onClick={() => setFilter(NO_AUDIT_FILTER)}>
                Show everything
              </button>
            </EmptyState>
          ) : (
            <table className="activity" aria-label="Activity, newest first">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Profile</th>
                  <th scope="col">Result</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e, i) => (
                  <tr key={`${e.time}-${i}`} data-testid="activity-row" data-time={e.time}>
                    <td className="nowrap" title={formatTime(e.time)}>
                      {formatWhen(e.time)}
                    </td>
                    <td>{kindWords(e.kind)}</td>
                    <td>{e.profile ?? '—'}</td>
                    <td>
                      <StatusBadge badge={auditStatusBadge(e.status)} />
                    </td>
                    <td className="detail">{entryDetail(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
