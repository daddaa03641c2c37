/**
 * Per-action progress and answers, keyed by what was acted on (e.g. "check:work"), so each answer
 * is shown beside the control that asked for it.
 */
import type { StateCreator } from 'zustand';
import type { ActionResult } from '../../../../shared/ipc';

export interface ActionsSlice {
  pending: Record<string, boolean>;
  results: Record<string, ActionResult>;
  startAction(key: string): void;
  /** Records the answer; null clears the previous one. */
  finishAction(key: string, result: ActionResult | null): void;
  /** Forgets the answers that reported success (on leaving a view); failures stay until retried. */
  clearSucceeded(): void;
}

/** The actions slice of the UI store. */
export const createActionsSlice: StateCreator<ActionsSlice, [], [], ActionsSlice> = (set) => ({
  pending: {},
  results: {},
  startAction: (key) =>
    set((s) => {
      const { [key]: _dropped, ...results } = s.results;
      return { pending: { ...s.pending, [key]: true }, results };
    }),
  finishAction: (key, result) =>
    set((s) => {
      const { [key]: _done, ...pending } = s.pending;
      const { [key]: _old, ...results } = s.results;
      return { pending, results: result ? { ...results, [key]: result } : results };
    }),
  clearSucceeded: () => set((s) => ({ results: Object.fromEntries(Object.entries(s.results).filter(([, r]) => !r.ok)) })),
});
