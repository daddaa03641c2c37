import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { TokentrayError } from '../errors';
import type { Env } from '../paths';

/** Inputs resolveLauncher may be given instead of reading the process (the tray and tests pass them). */
export interface LauncherHooks {
  /**
   * PACKAGED APP HOOK: the absolute path of the `tokentray` launcher the packaged app installs
   * (build/launcher → resources/bin). The Electron shell sets TOKENTRAY_LAUNCHER for the main process;
   * a host that knows the path by other means passes it here; null skips the lookup.
   */
  packagedLauncher?: string | null;
  /** The running CLI script (defaults to process.argv[1]). */
  script?: string;
}

/**
 * The launcher a packaged Electron app ships in resources/bin (build/launcher), when running inside
 * one. Not the file beside the binary: on Linux that is the app binary itself, also named tokentray.
 */
export function packagedAppLauncher(platform: NodeJS.Platform = process.platform): string | null {
  const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (!process.versions.electron || !resources) return null;
  const candidate = join(resources, 'bin', platform === 'win32' ? 'tokentray.cmd' : 'tokentray');
  return existsSync(candidate) ? candidate : null;
}

/**
 * The absolute command editors run for `tokentray mcp <profile>`: TOKENTRAY_LAUNCHER when set, else
 * the packaged app's launcher, else (source checkout) dist/cli/tokentray — the sh launcher that runs
 * the project's Node 24 — or the real path of the running CLI script. Always absolute: Claude Desktop starts servers with a
 * minimal environment, where a bare `tokentray` would not be found on PATH.
 */
export function resolveLauncher(env: Env = process.env, hooks: LauncherHooks = {}): string {
  const configured = env.TOKENTRAY_LAUNCHER;
  if (configured) {
    if (!isAbsolute(configured)) {
      throw new TokentrayError('invalid_input', `TOKENTRAY_LAUNCHER must be an absolute path, not "${configured}"`);
    }
    return configured;
  }
  const packaged = hooks.packagedLauncher === undefined ? packagedAppLauncher() : hooks.packagedLauncher;
  if (packaged) return packaged;
  const script = hooks.script ?? process.argv[1];
  if (script && /^tokentray(\.[cm]?js)?$/.test(basename(script))) {
    try {
      const real = realpathSync(script);
      // In a source checkout, prefer the sh launcher beside the script: it runs the project's own Node.
      const shLauncher = join(dirname(real), 'tokentray');
      if (process.platform !== 'win32' && real !== shLauncher && existsSync(shLauncher)) return shLauncher;
      return real;
    } catch {
      // fall through to the error below
    }
  }
  throw new TokentrayError(
    'not_found',
    'cannot tell where the tokentray command is installed; set TOKENTRAY_LAUNCHER to its absolute path and try again',
  );
}
