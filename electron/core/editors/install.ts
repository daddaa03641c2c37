import { appendAudit } from '../audit/audit-log';
import type { CoreContext } from '../context';
import { TokentrayError, UsageError } from '../errors';
import { findProfile } from '../secrets/profile-store';
import { readConfigDoc, valueAt, type ConfigDoc } from './config-doc';
import { writeConfig } from './config-write';
import { configFileFor, EDITORS, isObject, type ConfigFileRef, type EditorId, type Scope } from './editor-defs';
import { removeJsonValue, setJsonValue } from './json-edit';
import { resolveLauncher } from './launcher';
import { oneClickLinks, proxyEntry, proxyEntryProfile } from './proxy-entry';
import { secretsInDoc } from './scan';

/** Which editor file and entry an install or remove acts on. */
export interface EntryTarget {
  editor: EditorId;
  profile: string;
  scope?: Scope;
  /** The project folder for scope "project" (the caller defaults it to the current directory). */
  projectDir?: string;
  /** The server key in the editor's config; defaults to the profile name. */
  name?: string;
}

/** What install and remove report (no token anywhere in it). */
export interface EntryResult {
  editor: EditorId;
  scope: Scope;
  file: string;
  name: string;
  profile: string;
  changed: boolean;
  backup: string | null;
  command?: string;
  args?: string[];
  links?: { cursor: string; vscode: string };
  removed?: string[];
}

/** The config file a target points at; a usage error for a scope the editor does not have. */
export function targetFile(ctx: CoreContext, target: EntryTarget): ConfigFileRef {
  const scope = target.scope ?? 'user';
  const ref = configFileFor(target.editor, scope, ctx.env, target.projectDir ?? process.cwd());
  if (!ref) throw new UsageError(`${EDITORS[target.editor].label} has no project-scope config file; use --scope user`);
  return ref;
}

function tokensIn(doc: ConfigDoc): string[] {
  return secretsInDoc(doc).map((s) => s.token);
}

/** Adds or replaces the proxy entry for a profile in one editor's config file, keeping everything else. */
export function installEntry(ctx: CoreContext, target: EntryTarget): EntryResult {
  findProfile(ctx.home, target.profile);
  const ref = targetFile(ctx, target);
  const launcher = resolveLauncher(ctx.env);
  const name = target.name ?? target.profile;
  const entry = proxyEntry(target.editor, target.profile, launcher);
  const doc = readConfigDoc(ref);
  const path = [EDITORS[target.editor].serversKey, name];
  const existing = valueAt(doc.value, path);
  const holdsToken = secretsInDoc(doc).some((s) => s.entryPath?.join('\0') === path.join('\0'));
  if (holdsToken) {
    throw new TokentrayError(
      'conflict',
      `the entry "${name}" in ${ref.path} holds a plaintext token; move it to the keychain with \`tokentray editors migrate\` first, or install under another --name`,
      { path: ref.path },
    );
  }
  const result: EntryResult = { editor: ref.editor, scope: ref.scope, file: ref.path, name, profile: target.profile, changed: false, backup: null, command: entry.command, args: entry.args, links: oneClickLinks(target.profile, launcher, name) };
  if (isObject(existing) && JSON.stringify(existing) === JSON.stringify(entry)) return result;
  const next = setJsonValue(ref.path, doc.text, path, entry, EDITORS[ref.editor].jsonc);
  const written = writeConfig(doc, next, tokensIn(doc));
  appendAudit(ctx.home, { kind: 'editors.install', profile: target.profile, status: 'ok', message: `${ref.editor} ${ref.scope} ${name}` });
  return { ...result, changed: true, backup: written.backup };
}

/** Removes the proxy entries of a profile (or the one named) from one editor's config file. */
export function removeEntry(ctx: CoreContext, target: EntryTarget): EntryResult {
  const ref = targetFile(ctx, target);
  const doc = readConfigDoc(ref);
  const servers = valueAt(doc.value, [EDITORS[ref.editor].serversKey]);
  const entries = isObject(servers) ? Object.entries(servers) : [];
  const keys = entries.filter(([key, entry]) => (target.name === undefined || key === target.name) && proxyEntryProfile(entry) === target.profile).map(([key]) => key);
  if (keys.length === 0) {
    const which = target.name ? `named "${target.name}" ` : '';
    throw new TokentrayError('not_found', `no tokentray entry ${which}for profile "${target.profile}" in ${ref.path}; \`tokentray editors list\` shows what is installed`, { path: ref.path });
  }
  let next = doc.text;
  for (const key of keys) next = removeJsonValue(ref.path, next, [EDITORS[ref.editor].serversKey, key], EDITORS[ref.editor].jsonc);
  const written = writeConfig(doc, next, tokensIn(doc));
  appendAudit(ctx.home, { kind: 'editors.remove', profile: target.profile, status: 'ok', message: `${ref.editor} ${ref.scope} ${keys.join(',')}` });
  return { editor: ref.editor, scope: ref.scope, file: ref.path, name: keys.join(','), profile: target.profile, changed: true, backup: written.backup, removed: keys };
}
