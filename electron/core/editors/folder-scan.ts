import { readdirSync, statSync } from 'node:fs';
import { createSnapshotReads, type SnapshotReads } from '../fs/snapshot-reads';
import { join } from 'node:path';
import { AGENT_KEY_PATTERN } from '../../../shared/token-formats';
import { lineColumn } from './config-format';
import { isObject } from './editor-defs';
import { parseErrors } from './json-edit';
import { printParseErrorCode } from './jsonc';
import { MAX_NESTING, tooDeepAt } from './nesting';
import { describeToken, formatJsonPath, type HygieneIssue, type InvalidFile, type LocatedSecret } from './findings';
import { secretsInNamedValue, tokensInText, type JsonPathSegment } from './token-rules';

/** What one folder (a workspace) holds in plain text: `.env*` files and `.moot/actors.json`. */
export interface FolderScan {
  secrets: LocatedSecret[];
  hygiene: HygieneIssue[];
  invalid: InvalidFile[];
  files: number;
}

/** The file's text from the snapshot, or null when it cannot be read (the scan goes on). */
function readText(path: string, reads: SnapshotReads): string | null {
  try {
    return reads.text(path);
  } catch {
    return null;
  }
}

/** `KEY=value` lines of a .env file (optionally `export`ed, optionally quoted), with their line numbers. */
export function envAssignments(text: string): { name: string; value: string; line: number }[] {
  const out: { name: string; value: string; line: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m) return;
    let value = m[2]!;
    const quoted = /^(['"])(.*)\1$/.exec(value);
    value = quoted ? quoted[2]! : value.replace(/\s+#.*$/, '');
    out.push({ name: m[1]!, value, line: i + 1 });
  });
  return out;
}

function scanEnvFile(file: string, text: string): LocatedSecret[] {
  const secrets: LocatedSecret[] = [];
  for (const { name, value, line } of envAssignments(text)) {
    for (const token of secretsInNamedValue(name, value)) {
      secrets.push({ token, finding: { source: 'env_file', file, json_path: `${name} (line ${line})`, where: 'env', ...describeToken(token) } });
    }
  }
  return secrets;
}

/** actors.json holds agent keys by design; they must be private (0600). Any other token in it is a leak. */
function scanActorsFile(file: string, text: string, result: FolderScan, reads: SnapshotReads): void {
  const deep = tooDeepAt(text, 'json');
  if (deep !== null) {
    const { line, column } = lineColumn(text, deep);
    result.invalid.push({ file, message: `${file} is not valid JSON (nested deeper than ${MAX_NESTING} levels at line ${line}, column ${column})` });
    return;
  }
  // Not JSON.parse: its error message quotes the text around the fault, which may be a key.
  const problem = parseErrors(text, false)[0];
  if (problem) {
    const { line, column } = lineColumn(text, problem.offset);
    result.invalid.push({ file, message: `${file} is not valid JSON (${printParseErrorCode(problem.error)} at line ${line}, column ${column})` });
    return;
  }
  const value: unknown = JSON.parse(text);
  const actors = isObject(value) && Array.isArray(value.actors) ? value.actors : [];
  const keyPaths = new Set<string>();
  actors.forEach((actor, i) => {
    if (isObject(actor) && typeof actor.api_key === 'string' && AGENT_KEY_PATTERN.test(actor.api_key)) keyPaths.add(formatJsonPath(['actors', i, 'api_key']));
  });
  const walk = (node: unknown, path: JsonPathSegment[]) => {
    if (typeof node === 'string') {
      if (keyPaths.has(formatJsonPath(path))) return;
      for (const token of tokensInText(node)) result.secrets.push({ token, finding: { source: 'actors_file', file, json_path: formatJsonPath(path), where: 'other', ...describeToken(token) } });
    } else if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    else if (isObject(node)) for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
  };
  walk(value, []);
  const mode = reads.file(file).stat.mode & 0o777;
  if (keyPaths.size > 0 && mode !== 0o600) {
    result.hygiene.push({
      file,
      issue: 'mode',
      mode: mode.toString(8),
      message: `holds ${keyPaths.size} agent key(s) (convo_…) but has mode ${mode.toString(8)}; run chmod 600 "${file}"`,
    });
  }
}

/** The `.env*` files at the top of a folder (tokentray's own backups excluded), sorted. */
export function envFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith('.env') && !n.endsWith('.tokentray-backup'))
    .sort()
    .map((n) => join(dir, n))
    .filter((file) => statSync(file, { throwIfNoEntry: false })?.isFile());
}

/** Scans the `.env*` files at the top of a folder and its `.moot/actors.json`, each read once per snapshot. */
export function scanFolder(dir: string, reads: SnapshotReads = createSnapshotReads()): FolderScan {
  const result: FolderScan = { secrets: [], hygiene: [], invalid: [], files: 0 };
  try {
    readdirSync(dir);
  } catch (error) {
    result.invalid.push({ file: dir, message: `cannot read this folder (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return result;
  }
  for (const file of envFilesIn(dir)) {
    const text = readText(file, reads);
    if (text === null) continue;
    result.files++;
    result.secrets.push(...scanEnvFile(file, text));
  }
  const actors = join(dir, '.moot', 'actors.json');
  const text = readText(actors, reads);
  if (text !== null) {
    result.files++;
    scanActorsFile(actors, text, result, reads);
  }
  return result;
}
