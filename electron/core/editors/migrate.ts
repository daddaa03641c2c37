import { readFileSync } from 'node:fs';
import { appendAudit } from '../audit/audit-log';
import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import { readProfiles } from '../profiles/profile-store';
import { addProfile } from '../profiles/profiles';
import { valueAt } from './config-doc';
import { setConfigValue } from './config-format';
import { writeConfig } from './config-write';
import { EDITORS, isObject } from './editor-defs';
import { removeEnvAssignments } from './env-file-edit';
import type { HygieneIssue, InvalidFile } from './findings';
import { launchFor } from './install';
import { planMigration, type MigrationSkip, type MigrationStep, type PlannedStep } from './migration-plan';
import { clientEntry } from './proxy-entry';
import { collectSecrets, scanScope, secretsInDoc, type ScanOptions } from './scan';

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
const KEPT_KEYS = ['disabled', 'enabled', 'autoApprove', 'alwaysAllow', 'disabledTools', 'enabledTools', 'enabled_tools', 'disabled_tools', 'tools', 'includeTools', 'excludeTools', 'available_tools', 'trust', 'timeout', 'startup_timeout_sec', 'tool_timeout_sec', 'description', 'display_name'];

function replacementEntry(ctx: CoreContext, planned: PlannedStep, old: unknown): Record<string, unknown> {
  const { step } = planned;
  const entry: Record<string, unknown> = { ...clientEntry(step.editor, step.server, launchFor(ctx, step.scope, step.profile).spec) };
  if (!isObject(old)) return entry;
  const secretKeys = new Set(planned.secrets.map((s) => s.finding.json_path));
  for (const key of KEPT_KEYS) {
    const inKey = [...secretKeys].some((p) => p.startsWith(`${step.json_path}.${key}`));
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
  // Without folders given, the one scan scope: what the tray, the window, scan and the doctor report.
  const collected = collectSecrets(ctx.env, options.dirs === undefined ? { ...options, ...scanScope(ctx.home, options.reads) } : options);
  const plan = await planMigration(ctx, collected);
  const report: MigrationReport = { dry_run: !options.apply, migrated: [], skipped: [...plan.skipped], invalid_files: collected.invalid, hygiene: collected.hygiene, advice: [] };
  if (!options.apply) {
    report.migrated = plan.steps.map((p) => p.step);
    return report;
  }
  if (plan.steps.length === 0) return report;

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

  const rewritten: PlannedStep[] = [];
  for (const doc of collected.docs) {
    const steps = stored.filter((p) => p.step.file === doc.ref.path);
    if (steps.length === 0) continue;
    try {
      let text = doc.text;
      for (const planned of steps) text = setConfigValue(doc.ref, text, planned.entryPath, replacementEntry(ctx, planned, valueAt(doc.value, planned.entryPath)));
      const written = writeConfig(doc, text, secretsInDoc(doc).map((s) => s.token));
      for (const planned of steps) {
        rewritten.push(planned);
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
  // A token the entry took from a workspace `.env` file: now in the keychain, so its line goes too.
  for (const planned of rewritten) {
    for (const ref of planned.secrets.flatMap((s) => (s.envRef ? [s.envRef] : []))) {
      try {
        removeEnvAssignments(ref.file, [ref.name], [planned.token]);
        report.advice.push(`Removed ${ref.name} from ${ref.file} (line ${ref.line}): it held the token of "${planned.step.server}", now in profile "${planned.step.profile}".`);
      } catch (error) {
        report.advice.push(`${ref.file} still sets ${ref.name} to the token now in profile "${planned.step.profile}" (${planned.step.token_hint}): ${errorMessage(error)} Remove that line by hand.`);
      }
    }
  }
  for (const planned of stored) {
    for (const file of new Set([planned.step.file, ...planned.secrets.map((s) => s.finding.file)])) {
      let left = false;
      try {
        left = readFileSync(file, 'utf8').includes(planned.token);
      } catch {
        left = false;
      }
      if (left) report.advice.push(`${file} still holds the token of profile "${planned.step.profile}" (${planned.step.token_hint}) in a place tokentray did not rewrite; remove it by hand.`);
    }
  }
  report.advice.unshift(...adviceFor(report.migrated));
  return report;
}
