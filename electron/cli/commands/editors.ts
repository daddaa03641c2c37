import { createInterface } from 'node:readline';
import { EDITOR_IDS, EDITORS, isEditorId, type EditorId, type Scope } from '../../core/editors/editor-defs';
import type { HygieneIssue, InvalidFile, TokenFinding } from '../../core/editors/findings';
import { installEntry, removeEntry, type EntryResult, type EntryTarget } from '../../core/editors/install';
import { installAll, type InstallAllReport } from '../../core/editors/install-all';
import { listEditors } from '../../core/editors/list';
import { migrateEditors, type MigrationReport } from '../../core/editors/migrate';
import { scanForTokens, scanScope, type ScanOptions } from '../../core/editors/scan';
import type { CoreContext } from '../../core/context';
import { UsageError } from '../../core/errors';
import { stringOption, type Command, type CommandArgs, type OptionSpec } from '../command';
import { emit, note, table, type CliIO } from '../io';

const DIR_OPTION: Record<string, OptionSpec> = {
  dir: { type: 'string', value: '<dir>[,<dir>…]', description: 'also scan these folders like workspaces (.env* files, .moot/actors.json, project configs); comma-separated; `--dir .` for the current folder' },
};

const TARGET_OPTIONS: Record<string, OptionSpec> = {
  scope: { type: 'string', value: 'user|project', description: 'the user config file (default) or the project one' },
  project: { type: 'string', value: '<dir>', description: 'the project folder for --scope project (default: the current directory)' },
  name: { type: 'string', value: '<key>', description: 'the server key in the client config (default: the profile name)' },
};

/** The one scan scope (user files and the workspaces, as the tray, the window and the doctor see it) plus every --dir. */
function scanOptions(args: CommandArgs, ctx: CoreContext): ScanOptions {
  const dirs = (stringOption(args, 'dir') ?? '').split(',').map((d) => d.trim()).filter(Boolean);
  return scanScope(ctx.home, undefined, dirs);
}

/** Every client id with its name, for help texts. */
const CLIENT_LIST = `Clients: ${EDITOR_IDS.map((id) => `${id} (${EDITORS[id].label})`).join(', ')}.`;

function parseEditor(editor: string): EditorId {
  if (!isEditorId(editor)) throw new UsageError(`unknown client "${editor}"; use one of: ${EDITOR_IDS.join(', ')}`);
  return editor;
}

function parseScope(args: CommandArgs): { scope: Scope; projectDir: string } {
  const scope = stringOption(args, 'scope') ?? 'user';
  if (scope !== 'user' && scope !== 'project') throw new UsageError(`--scope must be user or project, not "${scope}"`);
  const project = stringOption(args, 'project');
  if (project !== undefined && scope !== 'project') throw new UsageError('--project goes with --scope project');
  return { scope, projectDir: project ?? process.cwd() };
}

function parseTarget(args: CommandArgs): EntryTarget {
  const [editor, profile] = args.positionals;
  if (profile === undefined) throw new UsageError(`missing <profile>: tokentray ${args.options.all ? 'editors install --all <profile>' : 'editors install|remove <client> <profile>'}`);
  const { scope, projectDir } = parseScope(args);
  return { editor: parseEditor(editor!), profile, scope, projectDir, name: stringOption(args, 'name') };
}

function findingsText(findings: TokenFinding[], hygiene: HygieneIssue[], invalid: InvalidFile[]): string[] {
  const lines: string[] = [];
  if (findings.length > 0) lines.push(table(['TOKEN', 'WHERE', 'FILE'], findings.map((f) => [f.token_hint, f.json_path, f.file])));
  for (const h of hygiene) lines.push(`hygiene: ${h.file} ${h.message}`);
  for (const f of invalid) lines.push(`not read: ${f.message}`);
  return lines;
}

export const editorsList: Command = {
  path: ['editors', 'list'],
  args: [],
  summary: 'Show which MCP clients are on this machine, their config files and the tokentray entries in them.',
  details: `A client is present when one of its config folders or files exists or its command is on PATH.\n${CLIENT_LIST}`,
  options: { project: TARGET_OPTIONS.project! },
  async run(args, io, ctx) {
    const editors = listEditors(ctx.env, stringOption(args, 'project') ?? process.cwd());
    emit(io, editors, () =>
      editors
        .map((e) => {
          const files = e.files.map((f) => {
            const state = f.error ? `INVALID: ${f.error}` : !f.exists ? 'missing' : `${f.servers} server(s)${f.entries.length ? `; tokentray: ${f.entries.map((x) => `${x.name} → ${x.profile}`).join(', ')}` : ''}`;
            return `  ${f.scope.padEnd(7)} ${f.path}  (${state})${f.target ? '' : ' [also read]'}`;
          });
          const head = `${e.label} [${e.editor}]${e.present ? ` — here: ${e.evidence.join('; ')}` : ' (not found on this machine)'}`;
          return [head, ...files].join('\n');
        })
        .join('\n'),
    );
  },
};

export const editorsScan: Command = {
  path: ['editors', 'scan'],
  args: [],
  summary: 'Find plaintext tokens in editor MCP configs and workspace folders (reports hints, never tokens).',
  options: DIR_OPTION,
  async run(args, io, ctx) {
    const report = scanForTokens(ctx.env, scanOptions(args, ctx));
    emit(io, report, () => {
      const lines = findingsText(report.findings, report.hygiene, report.invalid_files);
      if (report.findings.length === 0) lines.unshift(`No plaintext tokens in ${report.files_scanned} file(s).`);
      else lines.push('', 'Move them into the keychain with: tokentray editors migrate');
      return lines.join('\n');
    });
  },
};

function migrationText(report: MigrationReport): string {
  const lines: string[] = [];
  const verb = report.dry_run ? 'Would migrate' : 'Migrated';
  if (report.migrated.length === 0) lines.push('Nothing to migrate: no editor config entry holds a plaintext token.');
  for (const m of report.migrated) {
    lines.push(`${verb} ${m.server} in ${m.file}: ${m.token_hint} → ${m.reuse ? 'reusing ' : 'new '}${m.profile_kind} profile "${m.profile}"`);
  }
  for (const s of report.skipped) lines.push(`left in place: ${s.token_hint} at ${s.json_path} in ${s.file}: ${s.reason}`);
  lines.push(...findingsText([], report.hygiene, report.invalid_files));
  if (report.dry_run && report.migrated.length > 0) lines.push('', 'Run again with --yes to do it.');
  return lines.join('\n');
}

async function confirm(io: CliIO, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

export const editorsMigrate: Command = {
  path: ['editors', 'migrate'],
  args: [],
  summary: 'Move plaintext tokens from editor configs into the keychain and point the entries at `tokentray mcp`.',
  details: 'Without --yes it asks first (in a terminal) or lists what it would do and exits 3 (otherwise).',
  options: { yes: { type: 'boolean', description: 'do it without asking' }, ...DIR_OPTION },
  async run(args, io, ctx) {
    const options = scanOptions(args, ctx);
    let apply = args.options.yes === true;
    if (!apply) {
      const plan = await migrateEditors(ctx, { ...options, apply: false });
      if (plan.migrated.length === 0 || !io.stdin.isTTY || io.json) {
        emit(io, plan, () => migrationText(plan));
        return plan.migrated.length === 0 ? 0 : 3;
      }
      io.stderr.write(`${migrationText(plan)}\n`);
      apply = await confirm(io, 'Proceed? [y/N] ');
      if (!apply) return 3;
    }
    const report = await migrateEditors(ctx, { ...options, apply: true });
    emit(io, report, () => migrationText(report));
    for (const advice of report.advice) note(io, advice);
  },
};

function entryText(result: EntryResult, verb: string): string {
  const label = EDITORS[result.editor].label;
  const lines = [result.changed ? `${verb} "${result.name}" in ${result.file} (${label}, ${result.scope} scope).` : `"${result.name}" in ${result.file} is already up to date.`];
  if (result.command) lines.push(`The client will run: ${result.command} ${result.args!.join(' ')}${result.env ? ` (with ${Object.entries(result.env).map(([k, v]) => `${k}=${v}`).join(' ')})` : ''}`);
  for (const n of result.notes ?? []) lines.push(n);
  if (result.backup) lines.push(`Previous file saved as ${result.backup}`);
  if (result.alternative) lines.push('', `Or let ${label} add it itself (no token in it):`, `  ${result.alternative}`);
  if (result.links) lines.push('', 'One-click install links (they carry no token):', `  Cursor:  ${result.links.cursor}`, `  VS Code: ${result.links.vscode}`);
  return lines.join('\n');
}

function installAllText(report: InstallAllReport): string {
  const lines: string[] = [];
  if (report.results.length === 0) lines.push('No MCP client found on this machine (`tokentray editors list` shows where tokentray looked).');
  for (const item of report.results) {
    if (!item.ok) lines.push(`${item.label} [${item.editor}]: not changed: ${item.error}`);
    else lines.push(`${item.label} [${item.editor}]: ${item.result!.changed ? 'installed' : 'already up to date'} in ${item.result!.file}`);
  }
  const notes = new Set(report.results.flatMap((r) => r.result?.notes ?? []));
  if (notes.size > 0) lines.push('', ...notes);
  return lines.join('\n');
}

export const editorsInstall: Command = {
  path: ['editors', 'install'],
  args: ['[client]', '<profile>'],
  summary: 'Add the `tokentray mcp <profile>` entry to a client config, or with --all to every client on this machine.',
  details: [
    'tokentray editors install <client> <profile>   one client',
    'tokentray editors install --all <profile>      every client present here (see `editors list`)',
    'User files run this machine\'s launcher; project files (shared through git) run `tokentray` from PATH.',
    CLIENT_LIST,
  ].join('\n'),
  options: { all: { type: 'boolean', description: 'every client present on this machine' }, ...TARGET_OPTIONS },
  async run(args, io, ctx) {
    if (args.options.all) {
      if (args.positionals.length !== 1) throw new UsageError('with --all give only the profile: tokentray editors install --all <profile>');
      const { scope, projectDir } = parseScope(args);
      const report = installAll(ctx, { profile: args.positionals[0]!, scope, projectDir, ...(stringOption(args, 'name') && { name: stringOption(args, 'name')! }) });
      emit(io, report, () => installAllText(report));
      return report.results.some((r) => !r.ok) ? 1 : 0;
    }
    const result = installEntry(ctx, parseTarget(args));
    emit(io, result, () => entryText(result, 'Installed'));
  },
};

export const editorsRemove: Command = {
  path: ['editors', 'remove'],
  args: ['<client>', '<profile>'],
  summary: 'Remove the tokentray entries of a profile from a client config.',
  details: CLIENT_LIST,
  options: TARGET_OPTIONS,
  async run(args, io, ctx) {
    const result = removeEntry(ctx, parseTarget(args));
    emit(io, result, () => entryText(result, 'Removed'));
  },
};

export const EDITORS_COMMANDS: Command[] = [editorsList, editorsScan, editorsMigrate, editorsInstall, editorsRemove];
