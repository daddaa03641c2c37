import type { Page } from 'playwright-core';
import type { AppState } from '../../../shared/app-state';
import { BRIDGE_INIT_SCRIPT, type PageHooks } from './core-bridge';

/** What a scripted channel answers; it may change the state, which is then pushed as main would. */
export type FixtureAnswer = (request: Record<string, unknown>, bridge: FixtureBridge) => unknown;

/** An in-memory stand-in for main, for testing how the window renders states core cannot easily produce. */
export interface FixtureBridge {
  state: AppState;
  /** Every request the page made, in order (state:get included). */
  calls: Array<{ channel: string; request: Record<string, unknown> }>;
  /** Replaces the state and pushes it to the page. */
  setState(next: AppState): Promise<void>;
}

/** Bridges `page` to a fixture state and scripted answers; unscripted channels answer "unavailable". */
export async function attachFixture(page: Page, initial: AppState, answers: Record<string, FixtureAnswer> = {}): Promise<FixtureBridge> {
  let ready = false;
  const bridge: FixtureBridge = {
    state: initial,
    calls: [],
    async setState(next) {
      bridge.state = next;
      if (ready) await page.evaluate((s) => (window as PageHooks).__tokentrayPush!(s), next);
    },
  };
  await page.exposeFunction('__tokentrayInvoke', async (channel: string, request: Record<string, unknown>) => {
    bridge.calls.push({ channel, request });
    if (channel === 'state:get' || channel === 'state:refresh') return bridge.state;
    const answer = answers[channel];
    return answer ? await answer(request, bridge) : { ok: false, code: 'unavailable', message: 'not available in this build yet' };
  });
  await page.exposeFunction('__tokentrayReady', () => {
    ready = true;
  });
  await page.addInitScript({ content: BRIDGE_INIT_SCRIPT });
  return bridge;
}
