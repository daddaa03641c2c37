/** Which view the window shows, and the thing in it main asked to show (a clicked notification). */
import type { StateCreator } from 'zustand';
import type { WindowTarget, WindowView } from '../../../../shared/navigation';
import type { ActivityFilterSlice } from './activity-filter-slice';

export type ViewName = WindowView;

export interface NavSlice {
  view: ViewName;
  /** The profile, agent or folder to bring into view and mark; null when there is none. */
  focus: WindowTarget | null;
  setView(view: ViewName): void;
  /** Shows a place: its view, its subject marked, and for Activity the profile's entries only. */
  navigate(target: WindowTarget): void;
  /** The profile whose "Replace token" form a remedy asked to open (its card opens it and clears this). */
  replaceFor: string | null;
  /** Shows a profile's card with its replace form open (the `replace-token` remedy's button). */
  openReplace(profile: string | null): void;
}

/** The navigation slice of the UI store. */
export const createNavSlice: StateCreator<NavSlice & ActivityFilterSlice, [], [], NavSlice> = (set) => ({
  view: 'profiles',
  focus: null,
  replaceFor: null,
  openReplace: (profile) => set(profile ? { view: 'profiles', focus: { view: 'profiles', profile }, replaceFor: profile } : { replaceFor: null }),
  setView: (view) => set({ view, focus: null }),
  navigate: (target) =>
    set((s) => ({
      view: target.view,
      focus: target,
      ...(target.view === 'activity' && { activityFilter: { ...s.activityFilter, profile: target.profile ?? '' } }),
    })),
});
