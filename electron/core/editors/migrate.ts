import { readFileSync } from 'node:fs';
import { appendAudit } from '../audit/audit-log';
import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import { readProfiles } from '../secrets/profile-store';
import { addProfile } from '../secrets/profiles';
import { valueAt } from './config-doc';
import { writeConfig } from './config-write';
import { EDITORS, isObject } from './editor-defs';
import type { HygieneIssue, InvalidFile } from './findings';
import { setJsonValue } from './json-edit';
import { resolveLauncher } from './launcher';
import { planMigration, type MigrationSkip, type MigrationStep, type PlannedStep } from './migration-plan';
import { proxyEntry } from './proxy-entry';
import { collectSecrets, secretsInDoc, type ScanOptions } from './scan';

/** What `editors migrate` reports: what moved, what stayed and why, and what the user should do now. */
export interface MigrationReport {
  dry_run: boolean;
  migrated: (MigrationStep & { backup?: string | null })[];
  skipped: MigrationSkip[];
  invalid_files: InvalidFile[];
  hygiene: HygieneIssue[];
  /** Tokens that sat in plain text: treat as exposed, with the command that fixes each. */
  advice: string[];
}

/** Entry settings that are the user's choices, not transport: kept on the replacement entry. */
const KEPT_KEYS = ['disabled', 'autoApprove', 'alwaysAllow', 'disabledTools', 'enabledTools', 'timeout', 'description'];

function replacementEntry(planned: PlannedStep, old: unknown, launcher: string): Record<string, unknown> {
  const entry: Record<string, unknown> = { ...proxyEntry(planned.step.editor, planned.step.profile, launcher) };
  if (!isObject(old)) return entry;
  const secretKeys = new Set(planned.secrets.map((s) => s.finding.json_path));
  for (const key of KEPT_KEYS) {
    const inKey = [...secretKeys].some((p) => p.startsWith(`${planned.step.json_path}.${key}`));
    if (key in old && !inKey) entry[key] = old[key];
  }
  return entry;
}

function adviceFor(steps: MigrationStep[]): string[] {
  const seen = new Map<string, MigrationStep>();
  for (const s of steps) if (!seen.has(s.profile)) seen.set(s.profile, s);
  return [...seen.values()].map((s) =>
    s.profile_kind === 'mootup'
      ? `The token now in profile "${s.profile}" (${s.token_hint}) sat in plain text in ${s.file}: treat it as exposed and rotate it with \`tokentray pat rotate ${s.profile}\`.`
      : `The token now in profile "${s.profile}" (${s.token_hint}) sat in plain text in ${s.file}: treat it as exposed; revoke it at the service (${s.url}) and store the new one with \`tokentray profile replace ${s.profile}\`.`,
  );
}

/**
 * Moves every plaintext token in editor configs into the keychain and replaces its entry with the
 * proxy entry. With `apply` false it only reports the plan. A file that does not parse is reported
 * and left alone; the others still migrate.
 */
export async function migrateEditors(ctx: CoreContext, options: ScanOptions & { apply: boolean }): Promise<MigrationReport> {
  const collected = collectSecrets(ctx.env, options);
  const plan = await planMigration(ctx, collected);
  const report: MigrationReport = { dry_run: !options.apply, migrated: [], skipped: [...plan.skipped], invalid_files: collected.invalid, hygiene: collected.hygiene, advice: [] };
  if (!options.apply) {
    report.migrated = plan.steps.map((p) => p.step);
    return report;
  }
  if (plan.steps.length === 0) return report;
  const launcher = resolveLauncher(ctx.env);

  const stored: PlannedStep[] = [];
  for (const planned of plan.steps) {
    const { step } = planned;
    try {
      if (!readProfiles(ctx.home).some((p) => p.name === step.profile)) {
        await addProfile(ctx, { name: step.profile, kind: step.profile_kind, url: step.url, ...(step.mcp_url !== undefined && { mcp_url: step.mcp_url }), label: `migrated from ${EDITORS[step.editor].label} (${step.server})` }, planned.token);
      }
      stored.push(planned);
    } catch (error) {
      report.skipped.push({ file: step.file, server: step.server, json_path: step.json_path, token_hint: step.token_hint, reason: `not stored in the keychain: ${errorMessage(error)}` });
    }
  }

  for (const doc of collected.docs) {
    const steps = stored.filter((p) => p.step.file === doc.ref.path);
    if (steps.length === 0) continue;
    try {
      let text = doc.text;
      for (const planned of steps) {
        text = setJsonValue(doc.ref.path, text, planned.entryPath, replacementEntry(planned, valueAt(doc.value, planned.entryPath), launcher), EDITORS[doc.ref.editor].jsonc);
      }
      const written = writeConfig(doc, text, secretsInDoc(doc).map((s) => s.token));
      for (const planned of steps) {
        report.migrated.push({ ...planned.step, backup: written.backup });
        appendAudit(ctx.home, { kind: 'editors.migrate', profile: planned.step.profile, status: 'ok', message: `${doc.ref.editor} ${doc.ref.scope} ${planned.step.server}` });
      }
    } catch (error) {
      for (const planned of steps) {
        const { step } = planned;
        report.skipped.push({ file: step.file, server: step.server, json_path: step.json_path, token_hint: step.token_hint, reason: `token stored in profile "${step.profile}", but the file was not rewritten: ${errorMessage(error)}` });
      }
    }
  }
  for (const planned of stored) {
    const left = readFileSync(planned.step.file, 'utf8').includes(planned.token);
    if (left) report.advice.push(`${planned.step.file} still holds the token of profile "${planned.step.profile}" (${planned.step.token_hint}) in a place tokentray did not rewrite; remove it by hand.`);
  }
  report.advice.unshift(...adviceFor(report.migrated));
  return report;
}
