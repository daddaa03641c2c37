import type { CoreContext } from '../context';
import { TokentrayError, errorMessage } from '../errors';
import { installEntry } from '../editors/install';
import { resolveLauncher } from '../editors/launcher';
import { commandExists, findStaleEntries, type StaleEntry } from './stale-entries';

/** What a repair did, entry by entry. */
export interface RepairReport {
  /** The command the repaired entries run now. */
  launcher: string;
  repaired: StaleEntry[];
  failed: Array<StaleEntry & { error: string }>;
}

/**
 * Points every stale entry back at the current tokentray command: the existing install, with the
 * same editor, scope, server key and profile, so nothing else in the file changes.
 */
export function repairStaleEntries(ctx: CoreContext): RepairReport {
  const launcher = resolveLauncher(ctx.env);
  if (!commandExists(launcher)) {
    throw new TokentrayError('not_found', `the tokentray command ${launcher} does not exist either, so entries cannot be pointed at it; reinstall tokentray and start it once`, { launcher });
  }
  const report: RepairReport = { launcher, repaired: [], failed: [] };
  for (const entry of findStaleEntries(ctx.env, ctx.home)) {
    if (!entry.repairable) {
      report.failed.push({ ...entry, error: `tokentray does not rewrite this list in ${entry.file}; change its command to ${launcher} by hand` });
      continue;
    }
    try {
      installEntry(ctx, { editor: entry.editor, profile: entry.profile, scope: entry.scope, name: entry.name, ...(entry.project && { projectDir: entry.project }) });
      report.repaired.push(entry);
    } catch (error) {
      report.failed.push({ ...entry, error: errorMessage(error) });
    }
  }
  return report;
}
