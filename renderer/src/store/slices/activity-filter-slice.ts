/** The Activity view's filters. */
import type { StateCreator } from 'zustand';
import { NO_AUDIT_FILTER, type AuditFilter } from '../../lib/audit';
import type { ActivityRange } from '../../../../shared/activity';

export interface ActivityFilterSlice {
  activityFilter: AuditFilter;
  /** The chart's range: the last 24 hours by the hour, or the last 30 days by the day. */
  activityRange: ActivityRange;
  setActivityFilter(patch: Partial<AuditFilter>): void;
  setActivityRange(range: ActivityRange): void;
}

/** The activity filter slice of the UI store. */
export const createActivityFilterSlice: StateCreator<ActivityFilterSlice, [], [], ActivityFilterSlice> = (set) => ({
  activityFilter: NO_AUDIT_FILTER,
  activityRange: 'day',
  setActivityFilter: (patch) => set((s) => ({ activityFilter: { ...s.activityFilter, ...patch } })),
  // A bucket of the other range means nothing in this one.
  setActivityRange: (activityRange) => set((s) => ({ activityRange, activityFilter: { ...s.activityFilter, from: '', to: '' } })),
});
