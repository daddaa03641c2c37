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
