import { resolve } from 'node:path';
import { readWorkspaces } from '../workspaces/workspaces-store';
import { createSnapshotReads, type SnapshotReads } from '../fs/snapshot-reads';
import type { Env } from '../paths';
import { tryReadConfigDoc, type ConfigDoc } from './config-doc';
import { allConfigFiles, isObject } from './editor-defs';
import { describeToken, formatJsonPath, type HygieneIssue, type InvalidFile, type LocatedSecret, type TokenFinding } from './findings';
import { envAssignments, envFilesIn, scanFolder } from './folder-scan';
import { serverEntries } from './server-entries';
import { referencedEnvVars, secretsInEntry, tokensInText, type JsonPathSegment } from './token-rules';

/** Where to look beyond each client's user files. */
export interface ScanOptions {
  /** Folders whose client project files (.cursor/mcp.json, .vscode/mcp.json, .mcp.json, .codex/config.toml, …) are scanned. */
  projectDirs?: string[];
  /** Workspace folders: their project files, `.env*` files and `.moot/actors.json` are scanned. */
  dirs?: string[];
  /** The snapshot's one read of each file (default: a fresh one for this scan). */
  reads?: SnapshotReads;
}

/** Everything a scan found, tokens included: for migrate and doctor inside the core only. */
export interface CollectedSecrets {
  secrets: LocatedSecret[];
  docs: ConfigDoc[];
  hygiene: HygieneIssue[];
  invalid: InvalidFile[];
  files: number;
}

/** What `editors scan` reports: hints only. */
export interface ScanReport {
  files_scanned: number;
  findings: TokenFinding[];
  hygiene: HygieneIssue[];
  invalid_files: InvalidFile[];
}

function editorFinding(doc: ConfigDoc, path: JsonPathSegment[], where: TokenFinding['where'], token: string, server?: string): TokenFinding {
  return { source: 'editor', file: doc.ref.path, editor: doc.ref.editor, scope: doc.ref.scope, ...(server !== undefined && { server }), json_path: formatJsonPath(path), where, ...describeToken(token) };
}

/** Known-shape tokens and `Bearer` values outside any server entry (a header in a model's settings, say): reported, not migrated. */
function strayTokens(doc: ConfigDoc, entryPaths: Set<string>): LocatedSecret[] {
  const found: LocatedSecret[] = [];
  const stack: { node: unknown; path: JsonPathSegment[] }[] = [{ node: doc.value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (entryPaths.has(path.join('\0'))) continue;
    if (typeof node === 'string') for (const token of tokensInText(node)) found.push({ token, finding: editorFinding(doc, path, 'other', token) });
    else if (Array.isArray(node)) node.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    else if (isObject(node)) for (const [key, item] of Object.entries(node)) stack.push({ node: item, path: [...path, key] });
  }
  return found.reverse();
}

/** The plaintext secrets in one parsed client config file, one per place they sit. */
export function secretsInDoc(doc: ConfigDoc): LocatedSecret[] {
  const secrets: LocatedSecret[] = [];
  const entries = serverEntries(doc.ref, doc.value);
  for (const { name, path, entry } of entries) {
    for (const found of secretsInEntry(entry)) secrets.push({ finding: editorFinding(doc, [...path, ...found.path], found.where, found.token, name), token: found.token, entryPath: path });
  }
  return [...secrets, ...strayTokens(doc, new Set(entries.map((e) => e.path.join('\0'))))];
}

/**
 * Tokens an entry takes from a workspace's `.env` file (Codex's `bearer_token_env_var`,
 * `env_http_headers`): found in the `.env` file, tied to the entry so migrate can move them.
 */
function envReferencedSecrets(doc: ConfigDoc, dirs: readonly string[], reads: SnapshotReads): LocatedSecret[] {
  const secrets: LocatedSecret[] = [];
  for (const { name: server, path, entry } of serverEntries(doc.ref, doc.value)) {
    for (const ref of referencedEnvVars(entry)) {
      for (const file of dirs.flatMap(envFilesIn)) {
        let text: string | null;
        try {
          text = reads.text(file);
        } catch {
          continue;
        }
        if (text === null) continue;
        for (const { name, value, line } of envAssignments(text)) {
          if (name !== ref.name || value === '' || /^\$/.test(value)) continue;
          secrets.push({
            token: value,
            entryPath: path,
            entryFile: doc.ref.path,
            envRef: { file, name, line },
            finding: { source: 'env_file', file, editor: doc.ref.editor, scope: doc.ref.scope, server, json_path: `${name} (line ${line}), used by ${formatJsonPath([...path, ...ref.path])} in ${doc.ref.path}`, where: 'env', ...describeToken(value) },
          });
        }
      }
    }
  }
  return secrets;
}

function unique(dirs: string[]): string[] {
  return [...new Set(dirs.map((d) => resolve(d)))];
}

/** The folders the user added as workspaces; none when workspaces.json is missing or corrupt (the agents checks report that). */
export function workspaceDirs(home: string, reads?: SnapshotReads): string[] {
  try {
    return readWorkspaces(home, reads).map((w) => w.dir);
  } catch {
    return [];
  }
}

/**
 * The one scan scope: every client's user config files and each registered workspace (its project
 * configs, `.env*` files and `.moot/actors.json`), plus folders the user names (`--dir`). The
 * tray's and window's findings, `tokentray editors scan`, the window's Scan, migrate and the doctor
 * all scan this, so they report the same findings.
 */
export function scanScope(home: string, reads: SnapshotReads = createSnapshotReads(), extraDirs: readonly string[] = []): ScanOptions {
  return { dirs: [...workspaceDirs(home, reads), ...extraDirs], reads };
}

/** Reads every known client config file and the given folders, collecting plaintext secrets. One bad file never stops the rest. */
export function collectSecrets(env: Env, options: ScanOptions = {}): CollectedSecrets {
  const dirs = unique(options.dirs ?? []);
  const reads = options.reads ?? createSnapshotReads();
  const result: CollectedSecrets = { secrets: [], docs: [], hygiene: [], invalid: [], files: 0 };
  for (const ref of allConfigFiles(env, unique([...(options.projectDirs ?? []), ...dirs]))) {
    const read = tryReadConfigDoc(ref, reads);
    if ('error' in read) {
      result.files++;
      result.invalid.push({ file: ref.path, editor: ref.editor, message: read.error.message });
      continue;
    }
    if (!read.doc.exists) continue;
    result.files++;
    result.docs.push(read.doc);
    result.secrets.push(...secretsInDoc(read.doc), ...envReferencedSecrets(read.doc, dirs, reads));
  }
  // A `.env` value an entry points at is reported once, as that entry's.
  const linked = new Set(result.secrets.filter((s) => s.envRef).map((s) => `${s.envRef!.file}\0${s.envRef!.line}\0${s.token}`));
  for (const dir of dirs) {
    const folder = scanFolder(dir, reads);
    result.files += folder.files;
    result.secrets.push(...folder.secrets.filter((s) => !linked.has(`${s.finding.file}\0${/\(line (\d+)\)/.exec(s.finding.json_path)?.[1]}\0${s.token}`)));
    result.hygiene.push(...folder.hygiene);
    result.invalid.push(...folder.invalid);
  }
  return result;
}

/** `editors scan`: every plaintext token in client configs and workspace folders, reported by hint. */
export function scanForTokens(env: Env, options: ScanOptions = {}): ScanReport {
  const collected = collectSecrets(env, options);
  return {
    files_scanned: collected.files,
    findings: collected.secrets.map((s) => s.finding),
    hygiene: collected.hygiene,
    invalid_files: collected.invalid,
  };
}
