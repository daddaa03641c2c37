import type { AppState } from '../../../shared/app-state';
import { EMPTY_APP_STATE } from '../../../shared/app-state';
import { stateForRenderer } from './renderer-guard';

/**
 * How much of the server a refresh asks: `fetch` asks mootup about every agent (the timer, the
 * first refresh, an explicit Refresh by the user); `reuse` (the default: after an action) asks only
 * about what the audit log says actions touched since the last ask and answers the rest from the
 * builder's memory, each agent's status with the `checked_at` of the answer it rests on.
 */
export interface RefreshRequest {
  agents: 'fetch' | 'reuse';
}

/**
 * Holds the latest AppState, refreshes it on a timer (backing off while refreshes fail or nothing
 * changes), after every action and on demand, and tells subscribers (tray, window) about changes.
 */
export interface StateStore {
  current(): AppState;
  /** Rebuilds the state; `{ agents: 'fetch' }` asks the server about every agent (default: reuse, see RefreshRequest). */
  refresh(request?: RefreshRequest): Promise<AppState>;
  /** Something changed (an action answered): refresh now, or again once the refresh running now ends (it may have read the old files). */
  invalidate(): void;
  subscribe(listener: (state: AppState) => void): () => void;
  start(): void;
  stop(): void;
}

export interface StateStoreOptions {
  build: (request: RefreshRequest) => Promise<AppState>;
  /** First interval and ceiling of the timer, in ms. */
  minIntervalMs?: number;
  maxIntervalMs?: number;
}

const FETCH: RefreshRequest = { agents: 'fetch' };
const REUSE: RefreshRequest = { agents: 'reuse' };

/** What counts as a change for the timer's back-off: not the refresh time, nor when the server was asked. */
function comparable(state: AppState): unknown {
  return { ...state, refreshed_at: '', agents: state.agents.map(({ checked_at: _checked, ...agent }) => agent) };
}

/** A store over `build`; the timer and start() ask the server about every agent, other refreshes reuse by default. */
export function createStateStore({ build, minIntervalMs = 60_000, maxIntervalMs = 15 * 60_000 }: StateStoreOptions): StateStore {
  let state: AppState = EMPTY_APP_STATE;
  let inFlight: Promise<AppState> | null = null;
  let inFlightFetches = false;
  let queuedFetch: Promise<AppState> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let interval = minIntervalMs;
  let running = false;
  let stale = false;
  const listeners = new Set<(state: AppState) => void>();

  const schedule = () => {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(FETCH).catch(() => undefined), interval);
    timer.unref?.();
  };

  const run = (request: RefreshRequest): Promise<AppState> => {
    inFlightFetches = request.agents === 'fetch';
    inFlight = build(request)
      // Tray, notifications and window all read this state: no secret in it, whatever a source returned.
      .then((built) => stateForRenderer(built))
      .then((next) => {
        const changed = JSON.stringify(comparable(next)) !== JSON.stringify(comparable(state));
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

  /** One fetch once no build runs: never two builds at once, even when an invalidate's reuse starts in between. */
  const fetchAfter = (current: Promise<AppState>): Promise<AppState> =>
    current
      .catch(() => undefined)
      .then(() => {
        if (inFlight && !inFlightFetches) return fetchAfter(inFlight);
        queuedFetch = null;
        return inFlight ?? run(FETCH);
      });

  const refresh = (request: RefreshRequest = REUSE): Promise<AppState> => {
    if (!inFlight) return run(request);
    // Coalesce: a refresh asked for while one runs gets that one's result, unless it asks the server
    // and the running one does not: then one fetch follows the running refresh.
    if (inFlightFetches || request.agents === 'reuse') return inFlight;
    queuedFetch ??= fetchAfter(inFlight);
    return queuedFetch;
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
      void refresh(FETCH).catch(() => undefined);
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
