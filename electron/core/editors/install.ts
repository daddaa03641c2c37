import { appendAudit } from '../audit/audit-log';
import type { CoreContext } from '../context';
import { TokentrayError, UsageError } from '../errors';
import { findProfile } from '../profiles/profile-store';
import { clientAddCommand } from './add-commands';
import { readConfigDoc, type ConfigDoc } from './config-doc';
import { removeConfigValue, renderDocument, setConfigValue } from './config-format';
import { deleteConfig, writeConfig } from './config-write';
import { clientFiles, configFileFor, EDITORS, type ConfigFileRef, type EditorId, type Scope } from './editor-defs';
import { resolveLauncher } from './launcher';
import { findOnPath } from './presence';
import { clientEntry, launchSpec, oneClickLinks, PORTABLE_COMMAND, proxyEntryProfile, type LaunchSpec } from './proxy-entry';
import { proxyEnv } from './proxy-env';
import { secretsInDoc } from './scan';
import { entryPathFor, serverEntries } from './server-entries';
import { sameValue, valueAt } from './value-path';

/** Which client file and entry an install or remove acts on. */
export interface EntryTarget {
  editor: EditorId;
  profile: string;
  scope?: Scope;
  /** The project folder for scope "project" (the caller defaults it to the current directory). */
  projectDir?: string;
  /** The server key in the client's config; defaults to the profile name. */
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
  env?: Record<string, string>;
  /** True for project files: they run `tokentray` from PATH, since they are shared through git. */
  portable?: boolean;
  /** Things the person should know (the portable command, a missing `tokentray` on PATH). */
  notes?: string[];
  /** The client's own command that would add the same entry, where it has one. */
  alternative?: string;
  links?: { cursor: string; vscode: string };
  removed?: string[];
}

/** The config file a target points at; a usage error for a scope the client does not have. */
export function targetFile(ctx: CoreContext, target: EntryTarget): ConfigFileRef {
  const scope = target.scope ?? 'user';
  const ref = configFileFor(target.editor, scope, ctx.env, target.projectDir ?? process.cwd(), process.platform, target.name ?? target.profile);
  if (!ref) throw new UsageError(`${EDITORS[target.editor].label} has no project-scope config file; use --scope user`);
  return ref;
}

function tokensIn(doc: ConfigDoc): string[] {
  return secretsInDoc(doc).map((s) => s.token);
}

/**
 * What the entry launches: this machine's absolute launcher and the proxy's env block in user
 * files; in project files (shared through git) the portable `tokentray` and no machine paths.
 */
export function launchFor(ctx: CoreContext, scope: Scope, profile: string): { spec: LaunchSpec; notes: string[] } {
  if (scope === 'user') return { spec: launchSpec(profile, resolveLauncher(ctx.env), proxyEnv(ctx.env)), notes: [] };
  const notes = [`Project files are shared through git, so this entry runs \`${PORTABLE_COMMAND}\` found on PATH, not this machine's launcher; every teammate needs tokentray on PATH and a profile named "${profile}".`];
  if (!findOnPath(PORTABLE_COMMAND, ctx.env)) notes.push(`\`${PORTABLE_COMMAND}\` is not on your PATH yet: link it, e.g. ln -s ${resolveLauncher(ctx.env)} ~/.local/bin/tokentray`);
  const env = proxyEnv(ctx.env);
  if (env) notes.push(`This machine uses a non-default ${Object.keys(env).join(', ')}; a project file does not carry machine paths, so clients that strip the environment (Codex, Gemini CLI) will not find the profile through it. Use --scope user on this machine.`);
  return { spec: launchSpec(profile, PORTABLE_COMMAND), notes };
}

/** The text a missing (or empty) file starts from: its client's header for new files, if it has one. */
function baseText(ref: ConfigFileRef, doc: ConfigDoc, name: string): { text: string; value: Record<string, unknown> } {
  if (doc.exists && doc.text.trim() !== '') return { text: doc.text, value: doc.value };
  const header = EDITORS[ref.editor].newFile?.(ref.scope, name);
  if (!header || Object.keys(header).length === 0 || ref.format === 'toml') return { text: doc.text, value: doc.value };
  return { text: renderDocument(ref.format, [], header), value: header };
}

/** Adds or replaces the proxy entry for a profile in one client's config file, keeping everything else. */
export function installEntry(ctx: CoreContext, target: EntryTarget): EntryResult {
  findProfile(ctx.home, target.profile);
  const ref = targetFile(ctx, target);
  const name = target.name ?? target.profile;
  const { spec, notes } = launchFor(ctx, ref.scope, target.profile);
  const entry = clientEntry(target.editor, name, spec);
  const doc = readConfigDoc(ref);
  const base = baseText(ref, doc, name);
  const path = entryPathFor(ref, base.value, name);
  const holdsToken = secretsInDoc(doc).some((s) => s.entryPath?.join('\0') === path.join('\0'));
  if (holdsToken) {
    throw new TokentrayError(
      'conflict',
      `the entry "${name}" in ${ref.path} holds a plaintext token; tokentray does not overwrite it (install under another name, or move the token out first)`,
      { path: ref.path, remedy: { kind: 'action', action: 'editors-migrate' } },
    );
  }
  const result: EntryResult = {
    editor: ref.editor,
    scope: ref.scope,
    file: ref.path,
    name,
    profile: target.profile,
    changed: false,
    backup: null,
    command: spec.command,
    args: spec.args,
    ...(spec.env && { env: spec.env }),
    ...(ref.scope === 'project' && { portable: true }),
    notes,
    ...(clientAddCommand(target.editor, name, spec, ref.scope) && { alternative: clientAddCommand(target.editor, name, spec, ref.scope)! }),
    ...((target.editor === 'cursor' || target.editor === 'vscode') && ref.scope === 'user' && { links: oneClickLinks(target.profile, spec.command, name, spec.env) }),
  };
  if (sameValue(valueAt(doc.value, path), entry)) return result;
  const next = setConfigValue(ref, base.text, path, entry);
  const written = writeConfig(doc, next, tokensIn(doc));
  appendAudit(ctx.home, { kind: 'editors.install', profile: target.profile, status: 'ok', message: `${ref.editor} ${ref.scope} ${name}` });
  return { ...result, changed: true, backup: written.backup };
}

/** The files a remove looks in: the target, and for Continue's project scope every block file in `.continue/mcpServers/`. */
function removalFiles(ctx: CoreContext, target: EntryTarget, ref: ConfigFileRef): ConfigFileRef[] {
  if (target.editor !== 'continue' || ref.scope !== 'project' || target.name !== undefined) return [ref];
  const all = clientFiles('continue', 'project', ctx.env, target.projectDir ?? process.cwd());
  return all.filter((f, i) => all.findIndex((g) => g.path === f.path) === i);
}

/** Removes the proxy entries of a profile (or the one named) from one client's config file. */
export function removeEntry(ctx: CoreContext, target: EntryTarget): EntryResult {
  const ref = targetFile(ctx, target);
  const removed: string[] = [];
  let last: { file: string; backup: string | null } | null = null;
  for (const file of removalFiles(ctx, target, ref)) {
    const doc = readConfigDoc(file);
    if (!doc.exists) continue;
    const own = serverEntries(file, doc.value).filter((e) => e.path.length === file.layout.path.length + 1 && (target.name === undefined || e.name === target.name) && proxyEntryProfile(e.entry) === target.profile);
    if (own.length === 0) continue;
    let next = doc.text;
    // Highest list index first, so the earlier ones stay where they are.
    for (const e of [...own].reverse()) next = removeConfigValue(file, next, e.path);
    const emptied = target.editor === 'continue' && file.scope === 'project' && file.format === 'yaml' && serverEntries(file, doc.value).length === own.length;
    const written = emptied ? deleteConfig(doc, tokensIn(doc)) : writeConfig(doc, next, tokensIn(doc));
    removed.push(...own.map((e) => e.name));
    last = { file: file.path, backup: written.backup };
  }
  if (!last) {
    const which = target.name ? `named "${target.name}" ` : '';
    throw new TokentrayError('not_found', `no tokentray entry ${which}for profile "${target.profile}" in ${ref.path}`, { path: ref.path, remedy: { kind: 'action', action: 'editors-list' } });
  }
  appendAudit(ctx.home, { kind: 'editors.remove', profile: target.profile, status: 'ok', message: `${ref.editor} ${ref.scope} ${removed.join(',')}` });
  return { editor: ref.editor, scope: ref.scope, file: last.file, name: removed.join(','), profile: target.profile, changed: true, backup: last.backup, removed };
}
