import type { AppState } from '../../../shared/app-state';
import { EMPTY_APP_STATE } from '../../../shared/app-state';
import { stateForRenderer } from './renderer-guard';

/**
 * Holds the latest AppState, refreshes it on a timer (backing off while refreshes fail or nothing
 * changes), after every action and on demand, and tells subscribers (tray, window) about changes.
 */
export interface StateStore {
  current(): AppState;
  refresh(): Promise<AppState>;
  /** Something changed (an action answered): refresh now, or again once the refresh running now ends (it may have read the old files). */
  invalidate(): void;
  subscribe(listener: (state: AppState) => void): () => void;
  start(): void;
  stop(): void;
}

export interface StateStoreOptions {
  build: () => Promise<AppState>;
  /** First interval and ceiling of the timer, in ms. */
  minIntervalMs?: number;
  maxIntervalMs?: number;
}

export function createStateStore({ build, minIntervalMs = 60_000, maxIntervalMs = 15 * 60_000 }: StateStoreOptions): StateStore {
  let state: AppState = EMPTY_APP_STATE;
  let inFlight: Promise<AppState> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let interval = minIntervalMs;
  let running = false;
  let stale = false;
  const listeners = new Set<(state: AppState) => void>();

  const schedule = () => {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh().catch(() => undefined), interval);
    timer.unref?.();
  };

  const refresh = (): Promise<AppState> => {
    // Coalesce: a refresh asked for while one runs gets that one's result.
    inFlight ??= build()
      // Tray, notifications and window all read this state: no secret in it, whatever a source returned.
      .then((built) => stateForRenderer(built))
      .then((next) => {
        const changed = JSON.stringify({ ...next, refreshed_at: '' }) !== JSON.stringify({ ...state, refreshed_at: '' });
        interval = next.errors.length > 0 || !changed ? Math.min(interval * 2, maxIntervalMs) : minIntervalMs;
        state = next;
        for (const listener of listeners) listener(state);
        return state;
      })
      .catch((error: unknown) => {
        interval = Math.min(interval * 2, maxIntervalMs);
        throw error;
      })
      .finally(() => {
        inFlight = null;
        schedule();
        if (stale) invalidate();
      });
    return inFlight;
  };

  const invalidate = (): void => {
    stale = inFlight !== null;
    if (!stale) void refresh().catch(() => undefined);
  };

  return {
    current: () => state,
    refresh,
    invalidate,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      running = true;
      void refresh().catch(() => undefined);
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
