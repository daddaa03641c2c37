/**
 * The "add a profile" draft. The token itself is never kept here (nor in any React state): only the
 * result of checking its format as the user types.
 */
import type { StateCreator } from 'zustand';
import type { ProfileKind } from '../../../../shared/profile';
import type { TokenCheck } from '../../../../shared/token-formats';
import type { ExpiryChoice } from '../../lib/expiry';

export interface ProfileDraft {
  name: string;
  kind: ProfileKind;
  /** How an MCP profile authenticates: a pasted token, or signing in (OAuth, where available). */
  auth: 'token' | 'oauth';
  url: string;
  mcp_url: string;
  label: string;
  expiry: ExpiryChoice;
}

/** A fresh draft: a mootup profile for mootup.io, the most common first step. */
export const EMPTY_PROFILE_DRAFT: ProfileDraft = { name: '', kind: 'mootup', auth: 'token', url: 'https://mootup.io', mcp_url: '', label: '', expiry: '90d' };

export interface ProfileFormSlice {
  draft: ProfileDraft;
  tokenCheck: TokenCheck | null;
  /** Whether the form is shown while profiles exist (with none, it always is). */
  formOpen: boolean;
  setFormOpen(open: boolean): void;
  setDraft(patch: Partial<ProfileDraft>): void;
  setTokenCheck(check: TokenCheck | null): void;
  resetDraft(): void;
}

/** The profile form slice of the UI store. */
export const createProfileFormSlice: StateCreator<ProfileFormSlice, [], [], ProfileFormSlice> = (set) => ({
  draft: EMPTY_PROFILE_DRAFT,
  tokenCheck: null,
  formOpen: false,
  setFormOpen: (formOpen) => set({ formOpen }),
  setDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  setTokenCheck: (tokenCheck) => set({ tokenCheck }),
  // Stays open after a save, so the answer (and the hint of what was stored) remains in view.
  resetDraft: () => set({ draft: EMPTY_PROFILE_DRAFT, tokenCheck: null, formOpen: true }),
});
