import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import { findProfile } from '../profiles/profile-store';
import { clientFiles, EDITOR_IDS, EDITORS, type EditorId, type Scope } from './editor-defs';
import { installEntry, type EntryResult } from './install';
import { clientPresence } from './presence';

/** What `install --all` asks for: one profile into every client present here. */
export interface InstallAllRequest {
  profile: string;
  scope?: Scope;
  projectDir?: string;
  name?: string;
}

/** One client's outcome: installed (or already there), or why not; one failure never stops the others. */
export interface InstallAllItem {
  editor: EditorId;
  label: string;
  ok: boolean;
  result?: EntryResult;
  error?: string;
}

/** What `install --all` and the window's "Connect all" report. */
export interface InstallAllReport {
  profile: string;
  scope: Scope;
  results: InstallAllItem[];
  /** Clients not on this machine (or, for scope project, with no project file), left alone. */
  skipped: { editor: EditorId; reason: string }[];
}

/** Installs the proxy entry for a profile into every client present on this machine, file by file. */
export function installAll(ctx: CoreContext, request: InstallAllRequest): InstallAllReport {
  findProfile(ctx.home, request.profile);
  const scope = request.scope ?? 'user';
  const report: InstallAllReport = { profile: request.profile, scope, results: [], skipped: [] };
  for (const editor of EDITOR_IDS) {
    const def = EDITORS[editor];
    if (scope === 'project' && !def.projectFile) {
      report.skipped.push({ editor, reason: `${def.label} has no project scope` });
      continue;
    }
    if (!clientPresence(editor, ctx.env, clientFiles(editor, 'user', ctx.env)).present) {
      report.skipped.push({ editor, reason: `${def.label} is not on this machine` });
      continue;
    }
    try {
      const result = installEntry(ctx, { editor, profile: request.profile, scope, ...(request.projectDir && { projectDir: request.projectDir }), ...(request.name && { name: request.name }) });
      report.results.push({ editor, label: def.label, ok: true, result });
    } catch (error) {
      report.results.push({ editor, label: def.label, ok: false, error: errorMessage(error) });
    }
  }
  return report;
}
