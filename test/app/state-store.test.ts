import { describe, expect, it } from 'vitest';
import { EMPTY_APP_STATE, type AppState } from '../../shared/app-state';
import { createStateStore } from '../../electron/core/app/state-store';

const stateWith = (n: number, errors = 0): AppState => ({
  ...EMPTY_APP_STATE,
  audit: Array.from({ length: n }, (_, i) => ({ time: String(i), kind: 'x', status: 'ok' })),
  errors: Array.from({ length: errors }, () => ({ source: 'profiles' as const, message: 'down' })),
  refreshed_at: new Date().toISOString(),
});

describe('state store', () => {
  it('coalesces concurrent refreshes into one build and notifies subscribers', async () => {
    let builds = 0;
    const store = createStateStore({ build: async () => stateWith(++builds) });
    const seen: number[] = [];
    const unsubscribe = store.subscribe((s) => seen.push(s.audit.length));
    const [a, b] = await Promise.all([store.refresh(), store.refresh()]);
    expect(builds).toBe(1);
    expect(a).toBe(b);
    await store.refresh();
    unsubscribe();
    await store.refresh();
    expect(seen).toEqual([1, 2]);
    expect(store.current().audit.length).toBe(3);
  });

  it('backs off while refreshes fail and returns to the short interval after a change', async () => {
    const intervals: number[] = [];
    let failing = true;
    let n = 0;
    const store = createStateStore({
      minIntervalMs: 5,
      maxIntervalMs: 40,
      build: async () => {
        intervals.push(Date.now());
        if (failing) throw new Error('offline');
        return stateWith(++n);
      },
    });
    store.start();
    await new Promise((r) => setTimeout(r, 250));
    failing = false;
    await new Promise((r) => setTimeout(r, 60));
    store.stop();
    // With a 5 ms start doubling to a 40 ms ceiling, 250 ms of failures allow far fewer than 50 attempts.
    expect(intervals.length).toBeGreaterThan(3);
    expect(intervals.length).toBeLessThan(20);
    expect(store.current().audit.length).toBeGreaterThan(0);
  });
});
