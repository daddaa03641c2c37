import type { Dispatcher } from 'undici';
import { STREAM_TIMEOUTS, dispatcherOptions } from '../http/http-setup';

/**
 * The proxy's HTTP agent: the same EnvHttpProxyAgent as createDispatcher(STREAM_TIMEOUTS) (env
 * proxies, keep-alive, no body timeout so a quiet SSE stream is never cut), but loaded from undici's
 * dispatcher module alone, because requiring all of undici would triple the proxy's cold start.
 */
export async function createStreamDispatcher(env: Record<string, string | undefined>): Promise<Dispatcher> {
  const loaded = (await import('undici/lib/dispatcher/env-http-proxy-agent.js')) as unknown as { default?: unknown };
  const EnvHttpProxyAgent = (loaded.default ?? loaded) as typeof import('undici').EnvHttpProxyAgent;
  return new EnvHttpProxyAgent(dispatcherOptions(STREAM_TIMEOUTS, env));
}
