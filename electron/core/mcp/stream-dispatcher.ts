import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { STREAM_TIMEOUTS, dispatcherOptions } from '../http/http-setup';

type AgentClass = typeof import('undici').EnvHttpProxyAgent;

/**
 * undici's agent class: the one-file build next to the CLI bundle, else undici's own module. With a
 * cache folder, V8 keeps its compiled code there (Node's compile cache): ~10 ms off every start.
 */
function loadAgentClass(cacheDir: string | undefined): AgentClass {
  if (cacheDir) {
    try {
      enableCompileCache(cacheDir);
    } catch {
      // an older Node, or a folder we cannot write: compile as usual
    }
  }
  try {
    return require(join(__dirname, 'undici-agent.js')) as AgentClass;
  } catch {
    // Running from source (no build): all of undici, slower to load but the same agent.
    return (require('undici') as typeof import('undici')).EnvHttpProxyAgent;
  }
}

/**
 * The proxy's HTTP agent: the same EnvHttpProxyAgent as createDispatcher(STREAM_TIMEOUTS) (env
 * proxies, keep-alive, no body timeout so a quiet SSE stream is never cut), loaded without the rest
 * of undici and with require() rather than import(): all of undici through the ESM loader would
 * triple the proxy's cold start.
 */
export function createStreamDispatcher(env: Record<string, string | undefined>, cacheDir?: string): Dispatcher {
  const EnvHttpProxyAgent = loadAgentClass(cacheDir);
  return new EnvHttpProxyAgent(dispatcherOptions(STREAM_TIMEOUTS, env));
}
