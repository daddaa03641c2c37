/**
 * The answers of the editor actions in a person's words (ActionResult): what the tray and the window
 * show for install, remove, connect-all, scan and migrate. Written here, once, so no host composes
 * core's sentences (the CLI's richer listings render the same reports line by line).
 */
import type { ActionResult, ExposedToken } from '../../../shared/ipc';
import type { EntryResult } from './install';
import type { InstallAllReport } from './install-all';
import type { MigrationReport } from './migrate';
import type { ScanReport } from './scan';

/** One client's line of a connect-all answer. */
export interface InstallAllLine {
  editor: string;
  label: string;
  ok: boolean;
  changed: boolean;
  file?: string;
  message: string;
}

/** An install's answer: installed, or already there. */
export function installAnswer(result: EntryResult): ActionResult {
  return { ok: true, message: result.changed ? `Installed "${result.name}" in ${result.file}.` : `"${result.name}" was already installed in ${result.file}.` };
}

/** A remove's answer: removed, or there was nothing of ours. */
export function removeAnswer(result: EntryResult): ActionResult {
  return { ok: true, message: result.changed ? `Removed tokentray's entry from ${result.file}.` : `No tokentray entry for ${result.profile} in ${result.file}.` };
}

/** Connect-all's answer: which clients are connected, one line per client, and what failed as the warning. */
export function installAllAnswer(report: InstallAllReport): ActionResult & { results: InstallAllLine[] } {
  const results = report.results.map((r) => ({
    editor: r.editor,
    label: r.label,
    ok: r.ok,
    changed: r.result?.changed ?? false,
    ...(r.result && { file: r.result.file }),
    message: r.ok ? (r.result!.changed ? `Installed "${r.result!.name}" in ${r.result!.file}.` : `Already installed in ${r.result!.file}.`) : r.error!,
  }));
  if (results.length === 0) return { ok: false, code: 'not_found', message: 'No editor was found on this computer.', results };
  const connected = results.filter((r) => r.ok);
  const failed = results.filter((r) => !r.ok);
  const message = connected.length > 0 ? `Connected ${connected.map((r) => r.label).join(', ')} to ${report.profile}.` : `No editor could be connected to ${report.profile}.`;
  return { ok: failed.length === 0, message, results, ...(failed.length > 0 && { warning: failed.map((f) => `${f.label}: ${f.message}`).join(' ') }) };
}

/** A scan's answer: how many plaintext tokens in how many files. */
export function scanAnswer(report: ScanReport): ActionResult {
  const count = report.findings.length;
  return { ok: true, message: count === 0 ? `No plaintext tokens in ${report.files_scanned} file(s).` : `${count} plaintext token(s) found in ${report.files_scanned} file(s).` };
}

/** A migration's answer, and each profile whose token sat in plain text (the window offers Rotate or Replace for each). */
export function migrateAnswer(report: MigrationReport): ActionResult & { exposed?: ExposedToken[] } {
  const moved = report.migrated.length;
  const message = moved === 0 ? 'Nothing to migrate.' : `Moved ${moved} token(s) into the keychain and replaced their entries with tokentray's proxy.`;
  // report.advice says the same per token with the CLI's commands; `exposed` is it as data.
  const exposed = [...new Map(report.migrated.map((m) => [m.profile, { profile: m.profile, kind: m.profile_kind, file: m.file, token_hint: m.token_hint }])).values()];
  return { ok: true, message, ...(exposed.length > 0 && { exposed }) };
}
