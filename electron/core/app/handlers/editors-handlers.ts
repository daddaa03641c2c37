import { installEntry, removeEntry } from '../../editors/install';
import { repairStaleEntries } from '../../launcher/repair';
import { installAll } from '../../editors/install-all';
import { migrateEditors } from '../../editors/migrate';
import { scanForTokens, scanScope } from '../../editors/scan';
import { act } from '../ipc-act';
import type { IpcHandlers, IpcHost } from '../ipc-host';

/** The IPC handlers for MCP client configs: install (one client or every client here), remove, scan, migrate, repair stale entries. */
export function editorsHandlers(host: IpcHost): Pick<IpcHandlers, 'editors:install' | 'editors:remove' | 'editors:install-all' | 'editors:scan' | 'editors:migrate' | 'editors:repair'> {
  const { ctx } = host;
  return {
    'editors:install': (req) =>
      act(host, async () => {
        const result = installEntry(ctx, { editor: req.editor, profile: req.profile, scope: req.scope, ...(req.project && { projectDir: req.project }) });
        return { ok: true, message: result.changed ? `Installed "${result.name}" in ${result.file}.` : `"${result.name}" was already installed in ${result.file}.` };
      }),
    'editors:remove': (req) =>
      act(host, async () => {
        const result = removeEntry(ctx, { editor: req.editor, profile: req.profile, scope: req.scope, ...(req.project && { projectDir: req.project }) });
        return { ok: true, message: result.changed ? `Removed tokentray's entry from ${result.file}.` : `No tokentray entry for ${req.profile} in ${result.file}.` };
      }),
    'editors:install-all': (req) =>
      act(host, async () => {
        const report = installAll(ctx, { profile: req.profile, ...(req.scope && { scope: req.scope }), ...(req.project && { projectDir: req.project }) });
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
        const message = connected.length > 0 ? `Connected ${connected.map((r) => r.label).join(', ')} to ${req.profile}.` : `No editor could be connected to ${req.profile}.`;
        return { ok: failed.length === 0, message, results, ...(failed.length > 0 && { warning: failed.map((f) => `${f.label}: ${f.message}`).join(' ') }) };
      }),
    'editors:scan': () =>
      act(host, async () => {
        const report = scanForTokens(ctx.env, scanScope(ctx.home));
        const count = report.findings.length;
        return { ok: true, message: count === 0 ? `No plaintext tokens in ${report.files_scanned} file(s).` : `${count} plaintext token(s) found in ${report.files_scanned} file(s).` };
      }),
    'editors:migrate': () =>
      act(host, async () => {
        const report = await migrateEditors(ctx, { apply: true });
        const moved = report.migrated.length;
        const message = moved === 0 ? 'Nothing to migrate.' : `Moved ${moved} token(s) into the keychain and replaced their entries with tokentray's proxy.`;
        // The window words the advice itself (Rotate / Replace buttons) from `exposed`; report.advice is the CLI's.
        const exposed = [...new Map(report.migrated.map((m) => [m.profile, { profile: m.profile, kind: m.profile_kind, file: m.file, token_hint: m.token_hint }])).values()];
        return { ok: true, message, ...(exposed.length > 0 && { exposed }) };
      }),
    'editors:repair': () =>
      act(host, async () => {
        const report = repairStaleEntries(ctx);
        const failed = report.failed.map((f) => ({ file: f.file, name: f.name, message: f.error }));
        const n = report.repaired.length;
        const message = n === 0 && failed.length === 0 ? 'Every editor entry runs a command that exists; nothing to repair.' : `Repaired ${n} editor entr${n === 1 ? 'y' : 'ies'}: they run ${report.launcher} now.`;
        return { ok: failed.length === 0, message, repaired: n, failed, ...(failed.length > 0 && { warning: failed.map((f) => `${f.file}: ${f.message}`).join(' ') }) };
      }),
  };
}
