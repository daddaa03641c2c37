/** The Activity view's filters. */
import type { StateCreator } from 'zustand';
import type { AuditFilter } from '../../lib/audit';

export interface ActivityFilterSlice {
  activityFilter: AuditFilter;
  setActivityFilter(patch: Partial<AuditFilter>): void;
}

/** The activity filter slice of the UI store. */
export const createActivityFilterSlice: StateCreator<ActivityFilterSlice, [], [], ActivityFilterSlice> = (set) => ({
  activityFilter: { profile: '', kind: '' },
  setActivityFilter: (patch) => set((s) => ({ activityFilter: { ...s.activityFilter, ...patch } })),
});
