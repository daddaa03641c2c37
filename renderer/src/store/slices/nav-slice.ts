/** Which view the window shows. */
import type { StateCreator } from 'zustand';

export type ViewName = 'profiles' | 'agents' | 'editors' | 'activity';

export interface NavSlice {
  view: ViewName;
  setView(view: ViewName): void;
}

/** The navigation slice of the UI store. */
export const createNavSlice: StateCreator<NavSlice, [], [], NavSlice> = (set) => ({
  view: 'profiles',
  setView: (view) => set({ view }),
});
