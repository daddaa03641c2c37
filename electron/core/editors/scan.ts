import { resolve } from 'node:path';
import { readWorkspaces } from '../workspaces/workspaces-store';
import type { Env } from '../paths';
import { tryReadConfigDoc, valueAt, type ConfigDoc } from './config-doc';
import { allConfigFiles, isObject, serverContainers } from './editor-defs';
import { describeToken, formatJsonPath, type HygieneIssue, type InvalidFile, type LocatedSecret, type TokenFinding } from './findings';
import { scanFolder } from './folder-scan';
import { secretsInEntry } from './token-rules';

/** Where to look beyond each editor's user file. */
export interface ScanOptions {
  /** Folders whose editor project files (.cursor/mcp.json, .vscode/mcp.json, .mcp.json) are scanned. */
  projectDirs?: string[];
  /** Workspace folders: their project files, `.env*` files and `.moot/actors.json` are scanned. */
  dirs?: string[];
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

/** The plaintext secrets in one parsed editor config file, one per place they sit. */
export function secretsInDoc(doc: ConfigDoc): LocatedSecret[] {
  const secrets: LocatedSecret[] = [];
  for (const container of serverContainers(doc.ref, doc.value)) {
    const servers = valueAt(doc.value, container);
    if (!isObject(servers)) continue;
    for (const [server, entry] of Object.entries(servers)) {
      if (!isObject(entry)) continue;
      const entryPath = [...container, server];
      for (const found of secretsInEntry(entry)) {
        const finding: TokenFinding = {
          source: 'editor',
          file: doc.ref.path,
          editor: doc.ref.editor,
          scope: doc.ref.scope,
          server,
          json_path: formatJsonPath([...entryPath, ...found.path]),
          where: found.where,
          ...describeToken(found.token),
        };
        secrets.push({ finding, token: found.token, entryPath });
      }
    }
  }
  return secrets;
}

function unique(dirs: string[]): string[] {
  return [...new Set(dirs.map((d) => resolve(d)))];
}

/** The folders the user added as workspaces; none when workspaces.json is missing or corrupt (the agents checks report that). */
export function workspaceDirs(home: string): string[] {
  try {
    return readWorkspaces(home).map((w) => w.dir);
  } catch {
    return [];
  }
}

/** Reads every known editor config file and the given folders, collecting plaintext secrets. */
export function collectSecrets(env: Env, options: ScanOptions = {}): CollectedSecrets {
  const dirs = unique(options.dirs ?? []);
  const result: CollectedSecrets = { secrets: [], docs: [], hygiene: [], invalid: [], files: 0 };
  for (const ref of allConfigFiles(env, unique([...(options.projectDirs ?? []), ...dirs]))) {
    const read = tryReadConfigDoc(ref);
    if ('error' in read) {
      result.files++;
      result.invalid.push({ file: ref.path, editor: ref.editor, message: read.error.message });
      continue;
    }
    if (!read.doc.exists) continue;
    result.files++;
    result.docs.push(read.doc);
    result.secrets.push(...secretsInDoc(read.doc));
  }
  for (const dir of dirs) {
    const folder = scanFolder(dir);
    result.files += folder.files;
    result.secrets.push(...folder.secrets);
    result.hygiene.push(...folder.hygiene);
    result.invalid.push(...folder.invalid);
  }
  return result;
}

/** `editors scan`: every plaintext token in editor configs and workspace folders, reported by hint. */
export function scanForTokens(env: Env, options: ScanOptions = {}): ScanReport {
  const collected = collectSecrets(env, options);
  return {
    files_scanned: collected.files,
    findings: collected.secrets.map((s) => s.finding),
    hygiene: collected.hygiene,
    invalid_files: collected.invalid,
  };
}
