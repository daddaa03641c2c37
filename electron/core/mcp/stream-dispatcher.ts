import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { STREAM_TIMEOUTS, dispatcherOptions } from '../http/http-setup';

type AgentClass = typeof import('undici').EnvHttpProxyAgent;

/**
 * undici's agent class: the one-file build next to the CLI bundle (its compiled code cached by the
 * bin's compile cache), else undici's own module.
 */
function loadAgentClass(): AgentClass {
  try {
    return require(join(__dirname, 'undici-agent.js')) as AgentClass;
  } catch {
    // Running from source (no build): all of undici, slower to load but the same agent.
    return (require('undici') as typeof import('undici')).EnvHttpProxyAgent;
  }
}

/**
 * The proxy's HTTP agent: the same EnvHttpProxyAgent as createDispatcher(STREAM_TIMEOUTS) (env
 * proxies, keep-alive, no body timeout so a quiet SSE stream is never cut), HTTP/1.1 only, loaded without the rest
 * of undici and with require() rather than import(): all of undici through the ESM loader would
 * triple the proxy's cold start.
 */
export function createStreamDispatcher(env: Record<string, string | undefined>): Dispatcher {
  const EnvHttpProxyAgent = loadAgentClass();
  // HTTP/1.1 only: undici 8 offers h2 in ALPN by default, and the one-file build leaves node:http2 out.
  return new EnvHttpProxyAgent({ ...dispatcherOptions(STREAM_TIMEOUTS, env), allowH2: false });
}
