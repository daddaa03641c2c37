import type { Dispatcher } from 'undici';
import { API_TIMEOUTS, createDispatcher, type HttpTimeouts } from '../http/http-setup';
import type { Env } from '../paths';
import { createMootupClient, type MootupClient } from './client';

/** How to open a session: where proxies are read, timeouts, GET retries. */
export interface MootupSessionOptions {
  env?: Env;
  timeouts?: HttpTimeouts;
  retries?: number;
}

/** One private dispatcher for one operation, and the mootup clients that share it. */
export interface MootupSession {
  /** The session's dispatcher, for a request that is not a mootup API call (an MCP probe). */
  readonly dispatcher: Dispatcher;
  /**
   * A client of `baseUrl` as `token`. `onUnauthorized` runs when mootup refuses that token (401),
   * before the error reaches the caller: the caller says whose token it is (mark that profile revoked) and may answer a Remedy for the error.
   */
  client(baseUrl: string, token: string, onUnauthorized?: () => Promise<unknown>): MootupClient;
  /** Ends the session; `abandon` also cuts requests still running (timed-out checks). */
  close(abandon?: boolean): Promise<void>;
}

/** Opens a session (proxies from `env`, API_TIMEOUTS unless told); always close it. */
export async function openMootupSession(options: MootupSessionOptions = {}): Promise<MootupSession> {
  const dispatcher = await createDispatcher(options.timeouts ?? API_TIMEOUTS, options.env);
  return {
    dispatcher,
    client: (baseUrl, token, onUnauthorized) =>
      createMootupClient({ baseUrl, token, dispatcher, retries: options.retries ?? 2, ...(onUnauthorized && { onUnauthorized }) }),
    close: async (abandon = false) => {
      await (abandon ? dispatcher.destroy() : dispatcher.close()).catch(() => undefined);
    },
  };
}
