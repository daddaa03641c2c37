/**
 * Waiting for the state an action's refresh pushes: actions answer first and refresh after
 * (electron/core/app/ipc-act.ts), so a test that wants the new state waits for the push, never sleeps.
 */
import type { AppState } from '../../shared/app-state';

/** The parts of a state store this needs (core's StateStore has them). */
interface PushingStore {
  current(): AppState;
  subscribe(listener: (state: AppState) => void): () => void;
}

/** The first state (the current one, or a later push) for which `wanted` holds. */
export function untilState(store: PushingStore, wanted: (state: AppState) => boolean): Promise<AppState> {
  if (wanted(store.current())) return Promise.resolve(store.current());
  return new Promise((resolve) => {
    const off = store.subscribe((state) => {
      if (!wanted(state)) return;
      off();
      resolve(state);
    });
  });
}

/** The next state the store pushes (subscribe before the action whose refresh you wait for). */
export function nextPush(store: PushingStore): Promise<AppState> {
  return new Promise((resolve) => {
    const off = store.subscribe((state) => {
      off();
      resolve(state);
    });
  });
}
