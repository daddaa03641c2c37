import type { Badge } from '../lib/badges';

/** A small coloured status label; `detail` becomes its tooltip and accessible description. */
export function StatusBadge({ badge, detail }: { badge: Badge; detail?: string }) {
  return (
    <span className={`badge badge-${badge.tone}`} title={detail} data-testid="status-badge">
      {badge.label}
    </span>
  );
}
