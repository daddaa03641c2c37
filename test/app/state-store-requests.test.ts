import { describe, expect, it } from 'vitest';
import { EMPTY_APP_STATE } from '../../shared/app-state';
import { createStateStore, type RefreshRequest } from '../../electron/core/app/state-store';

describe('state store: which refresh asks the server', () => {
  it('start and the timer fetch, a plain refresh (after an action) reuses, and a fetch asked during a reuse runs after it', async () => {
    const asked: RefreshRequest['agents'][] = [];
    let release: (() => void) | null = null;
    const store = createStateStore({
      minIntervalMs: 20,
      maxIntervalMs: 20,
      build: async (request) => {
        asked.push(request.agents);
        if (release === null && asked.length === 3) await new Promise<void>((resolve) => (release = resolve));
        return { ...EMPTY_APP_STATE, refreshed_at: new Date().toISOString() };
      },
    });
    store.start();
    await store.refresh(); // coalesces with start's fetch
    expect(asked).toEqual(['fetch']);
    store.stop();
    await store.refresh();
    expect(asked).toEqual(['fetch', 'reuse']);
    // A reuse is running (held open); a fetch asked now is not answered by it.
    const reuse = store.refresh();
    await new Promise((r) => setTimeout(r, 5));
    const fetch = store.refresh({ agents: 'fetch' });
    const coalesced = store.refresh({ agents: 'reuse' });
    release!();
    await Promise.all([reuse, fetch, coalesced]);
    expect(asked).toEqual(['fetch', 'reuse', 'reuse', 'fetch']);
    store.start();
    await new Promise((r) => setTimeout(r, 60));
    store.stop();
    expect(asked.slice(4).every((a) => a === 'fetch')).toBe(true);
    expect(asked.length).toBeGreaterThan(5);
  });
});

describe('state store: one build at a time', () => {
  it('a fetch queued behind a reuse waits for the refresh an invalidate starts in between, and then runs', async () => {
    const asked: RefreshRequest['agents'][] = [];
    let running = 0;
    let most = 0;
    const gates: Array<() => void> = [];
    const store = createStateStore({
      build: async (request) => {
        asked.push(request.agents);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running -= 1;
        return { ...EMPTY_APP_STATE, refreshed_at: new Date().toISOString() };
      },
    });
    const untilBuilds = async (n: number) => {
      while (asked.length < n) await new Promise((r) => setImmediate(r));
    };
    const first = store.refresh(); // a reuse, held at its gate
    await untilBuilds(1);
    const fetch = store.refresh({ agents: 'fetch' }); // queued behind it
    store.invalidate(); // an action answered while the reuse runs: one more reuse after it
    gates.shift()!();
    await first;
    await untilBuilds(2);
    expect(asked).toEqual(['reuse', 'reuse']);
    gates.shift()!();
    await untilBuilds(3);
    expect(asked).toEqual(['reuse', 'reuse', 'fetch']);
    gates.shift()!();
    await fetch;
    expect(most).toBe(1);
  });
});
