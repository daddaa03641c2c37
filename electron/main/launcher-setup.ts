/**
 * Gives editor configs a command that survives restarts and updates (core/launcher/stable-launcher.ts):
 * installs the AppImage's ~/.local/bin/tokentray launcher when running from an AppImage, then sets
 * TOKENTRAY_LAUNCHER, before core reads the environment.
 */
import { installAppImageLauncher } from '../core/launcher/appimage-launcher';
import { stableLauncher, type InstallFacts } from '../core/launcher/stable-launcher';

/** Sets env.TOKENTRAY_LAUNCHER to this install's stable command; returns it, or null in development. */
export function setUpLauncher(facts: InstallFacts, env: NodeJS.ProcessEnv, log: (line: string) => void): string | null {
  if (env.TOKENTRAY_LAUNCHER) return env.TOKENTRAY_LAUNCHER;
  const stable = stableLauncher(facts, env);
  if (!stable.command) return null;
  let command = stable.command;
  if (stable.kind === 'appimage') {
    try {
      const installed = installAppImageLauncher(facts.appImage!, stable.command, env);
      command = installed.path;
      if (installed.fallback_reason) log(`tokentray: ${installed.fallback_reason}; editors run ${command}`);
    } catch (error) {
      // Without it editors would get the AppImage's temporary mount: better say so than write that.
      log(`tokentray: cannot install the launcher ${stable.command} (${error instanceof Error ? error.message : String(error)}); editor entries written now stop working when tokentray quits`);
      return null;
    }
  }
  env.TOKENTRAY_LAUNCHER = command;
  return command;
}
