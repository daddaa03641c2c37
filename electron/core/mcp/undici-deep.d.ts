// undici's dispatcher module on its own: the proxy loads only this (about a third of undici's start-up cost).
declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  import type { EnvHttpProxyAgent } from 'undici';
  const Agent: typeof EnvHttpProxyAgent;
  export = Agent;
}
