/** Renderer-only state (navigation, form drafts, filters, action answers), one store of slices. */
import { create } from 'zustand';
import { createActionsSlice, type ActionsSlice } from './slices/actions-slice';
import { createActivityFilterSlice, type ActivityFilterSlice } from './slices/activity-filter-slice';
import { createNavSlice, type NavSlice } from './slices/nav-slice';
import { createProfileFormSlice, type ProfileFormSlice } from './slices/profile-form-slice';

export type UiStore = NavSlice & ProfileFormSlice & ActivityFilterSlice & ActionsSlice;

/** The UI store: state only the window has. Main's state lives in useAppStore. */
export const useUiStore = create<UiStore>()((...a) => ({
  ...createNavSlice(...a),
  ...createProfileFormSlice(...a),
  ...createActivityFilterSlice(...a),
  ...createActionsSlice(...a),
}));
