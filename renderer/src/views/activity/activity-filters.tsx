import type { AuditFilter } from '../../lib/audit';
import { kindWords } from '../../lib/audit';

/** The profile and kind filters above the activity list. */
export function ActivityFilters(props: { filter: AuditFilter; profiles: string[]; kinds: string[]; onChange(patch: Partial<AuditFilter>): void }) {
  const { filter, profiles, kinds, onChange } = props;
  return (
    <div className="filters" role="group" aria-label="Filter activity">
      <label className="inline-select">
        Profile
        <select value={filter.profile} onChange={(e) => onChange({ profile: e.currentTarget.value })}>
          <option value="">All profiles</option>
          {profiles.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-select">
        What
        <select value={filter.kind} onChange={(e) => onChange({ kind: e.currentTarget.value })}>
          <option value="">Everything</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {kindWords(k)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
