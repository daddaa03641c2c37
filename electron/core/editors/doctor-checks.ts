import type { DoctorCheck, DoctorProvider } from '../checks/doctor-check';
import type { Env } from '../paths';
import { scanForTokens, scanScope, type ScanOptions } from './scan';

/** Doctor checks for a scan: one warning per plaintext token, invalid file or hygiene issue. */
export function scanChecks(env: Env, options: ScanOptions & { hygiene?: boolean } = {}): DoctorCheck[] {
  const report = scanForTokens(env, options);
  const checks: DoctorCheck[] = [];
  for (const f of report.findings) {
    checks.push({ id: 'editor_token', status: 'warn', subject: f.file, message: `plaintext token ${f.token_hint} at ${f.json_path}`, remedy: { kind: 'action', action: 'editors-migrate' } });
  }
  for (const f of report.invalid_files) checks.push({ id: 'editor_config', status: 'warn', subject: f.file, message: f.message });
  if (options.hygiene !== false) for (const h of report.hygiene) checks.push({ id: 'actors_file', status: 'warn', subject: h.file, message: h.message });
  if (checks.length === 0) {
    checks.push({ id: 'editor_token', status: 'ok', subject: 'editor configs', message: `no plaintext tokens in ${report.files_scanned} config file(s)` });
  }
  return checks;
}

/** Plaintext tokens in the one scan scope (scanScope): editor configs, the workspaces' `.env*` files and project configs. */
// actors.json mode is left to the agents checks, which report it with their fix.
export const editorsChecks: DoctorProvider = async (ctx, reads) => scanChecks(ctx.env, { ...scanScope(ctx.home, reads), hygiene: false });
