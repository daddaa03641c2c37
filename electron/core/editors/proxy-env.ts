import { join, resolve } from 'node:path';
import { homeDir, osConfigDir, tokentrayHome, type Env } from '../paths';
import { keychainService } from '../keychain/keychain-env';

/**
 * What the proxy needs to find its profile when a client starts it with a stripped environment:
 * Codex passes only HOME, PATH, TMPDIR, TERM, LANG, SHELL and CA variables; Gemini CLI drops every
 * variable named like /TOKEN/i (both TOKENTRAY_* names) unless the entry's own `env` lists it. So
 * the entries tokentray writes carry these — paths and a service name, never a token — but only
 * when they differ from the defaults the proxy would compute from HOME alone.
 */

/** The variables an entry may carry for the proxy. */
export const PROXY_ENV_NAMES = ['TOKENTRAY_HOME', 'XDG_CONFIG_HOME', 'TOKENTRAY_KEYCHAIN_SERVICE'] as const;

/** The env block for a proxy entry written from this environment; undefined when every value is the default. */
export function proxyEnv(env: Env, platform: NodeJS.Platform = process.platform): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const xdg = env.XDG_CONFIG_HOME;
  // XDG_CONFIG_HOME moves tokentray's folder on Linux only (osConfigDir).
  if (platform !== 'win32' && platform !== 'darwin' && xdg && resolve(xdg) !== resolve(join(homeDir(env), '.config'))) out.XDG_CONFIG_HOME = resolve(xdg);
  if (env.TOKENTRAY_HOME && resolve(tokentrayHome(env)) !== resolve(join(osConfigDir(env, platform), 'tokentray'))) out.TOKENTRAY_HOME = resolve(tokentrayHome(env));
  if (keychainService(env) !== 'tokentray') out.TOKENTRAY_KEYCHAIN_SERVICE = keychainService(env);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Whether a variable name is one tokentray writes into its own entries (a path or a name, never a secret). */
export function isProxyEnvName(name: string): boolean {
  return (PROXY_ENV_NAMES as readonly string[]).includes(name);
}
