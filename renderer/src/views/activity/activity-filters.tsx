import { InlineSelect } from '../../components/inline-select';
import { kindWords, type AuditFilter } from '../../lib/audit';

/** The profile and kind filters above the activity list. */
export function ActivityFilters(props: { filter: AuditFilter; profiles: string[]; kinds: string[]; onChange(patch: Partial<AuditFilter>): void }) {
  const { filter, profiles, kinds, onChange } = props;
  return (
    <div className="filters" role="group" aria-label="Filter activity">
      <InlineSelect label="Profile" value={filter.profile} options={[{ value: '', label: 'All profiles' }, ...profiles.map((p) => ({ value: p, label: p }))]} onChange={(profile) => onChange({ profile })} />
      <InlineSelect label="What" value={filter.kind} options={[{ value: '', label: 'Everything' }, ...kinds.map((k) => ({ value: k, label: kindWords(k) }))]} onChange={(kind) => onChange({ kind })} />
    </div>
  );
}
