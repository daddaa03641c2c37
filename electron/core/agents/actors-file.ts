import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { TokentrayError } from '../errors';
import { writeFileAtomic, type WriteStep } from '../fs/atomic-write';
import { isProcessAlive } from '../fs/file-lock';
import { jsonNestingProblem } from '../fs/json-file';
import { finalTarget } from '../fs/link-target';
import type { SnapshotReads } from '../fs/snapshot-reads';
import { lineColumn, parseErrors } from '../editors/config-doc';
import { applyEdits, modify, printParseErrorCode, type JSONPath } from '../editors/jsonc';
import { detectFormatting } from '../editors/json-edit';

/**
 * `.moot/actors.json`, written by the moot CLI: `{"actors": [{"actor_id", "display_name",
 * "api_key", …}], …}`. We read it tolerantly and, when writing, change only one actor's `api_key`
 * (by a text edit, so every other byte stays as it was).
 */

/** One agent of the file. `index` is its position in the raw `actors` array. */
export interface ActorEntry {
  actor_id: string;
  display_name: string | null;
  api_key: string | null;
  /** ASSUMED (not in the seeds): which installation holds the agent, on the entry or the file's top level. */
  installation_id: string | null;
  index: number;
}

/** A parsed actors.json with the text it came from. */
export interface ActorsFile {
  path: string;
  text: string;
  actors: ActorEntry[];
  /** Length of the raw `actors` array, or null when the file has none. */
  rawLength: number | null;
}

/** `<dir>/.moot/actors.json`. */
export function actorsPath(dir: string): string {
  return join(dir, '.moot', 'actors.json');
}

function corrupt(path: string, problem: string): TokentrayError {
  return new TokentrayError(
    'metadata_corrupt',
    `${path} is corrupt (${problem}). It has been left untouched; fix it by hand or re-create it with \`moot init\`.`,
    { path },
  );
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Parses actors.json text; a broken file is a `metadata_corrupt` error that never quotes the text (it holds keys). */
export function parseActorsFile(path: string, text: string): ActorsFile {
  const tooDeep = jsonNestingProblem(text);
  if (tooDeep) throw corrupt(path, tooDeep);
  const problem = parseErrors(text, false)[0];
  if (problem || text.trim() === '') {
    if (!problem) throw corrupt(path, 'the file is empty');
    const { line, column } = lineColumn(text, problem.offset);
    throw corrupt(path, `${printParseErrorCode(problem.error)} at line ${line}, column ${column}`);
  }
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(path, 'expected a JSON object at the top');
  const top = value as Record<string, unknown>;
  if (top.actors !== undefined && !Array.isArray(top.actors)) throw corrupt(path, '"actors" is not a list');
  const raw = (top.actors as unknown[] | undefined) ?? null;
  const fileInstallation = str(top.installation_id);
  const actors: ActorEntry[] = [];
  raw?.forEach((item, index) => {
    if (typeof item !== 'object' || item === null) return;
    const a = item as Record<string, unknown>;
    const actorId = str(a.actor_id);
    if (!actorId) return;
    actors.push({ actor_id: actorId, display_name: str(a.display_name), api_key: str(a.api_key), installation_id: str(a.installation_id) ?? fileInstallation, index });
  });
  return { path, text, actors, rawLength: raw ? raw.length : null };
}

/** Reads `<dir>/.moot/actors.json`; null when there is none. With `reads`, the snapshot's one read and parse of it. */
export function readActorsFile(dir: string, reads?: SnapshotReads): ActorsFile | null {
  const path = actorsPath(dir);
  if (reads) return reads.derive(path, 'actors', () => parseActorsText(path, () => reads.text(path)));
  return parseActorsText(path, () => readFileSync(path, 'utf8'));
}

function parseActorsText(path: string, read: () => string | null): ActorsFile | null {
  let text: string | null;
  try {
    text = read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new TokentrayError('io', `cannot read ${path} (${code ?? 'error'}); check its permissions`, { path });
  }
  return text === null ? null : parseActorsFile(path, text);
}

/**
 * The file's text with one actor's `api_key` set to `key`: only those bytes change. An actor not
 * yet in the file is appended; no file yet gives a new one.
 */
export function withActorKey(file: ActorsFile | null, actor: { actor_id: string; display_name: string }, key: string, path: string): string {
  const entry = { actor_id: actor.actor_id, display_name: actor.display_name, api_key: key };
  if (!file) return `${JSON.stringify({ actors: [entry] }, null, 2)}\n`;
  const existing = file.actors.find((a) => a.actor_id === actor.actor_id);
  let target: JSONPath;
  let value: unknown;
  let isArrayInsertion = false;
  if (existing) [target, value] = [['actors', existing.index, 'api_key'], key];
  else if (file.rawLength === null) [target, value] = [['actors'], [entry]];
  else [target, value, isArrayInsertion] = [['actors', file.rawLength], entry, true];
  const next = applyEdits(file.text, modify(file.text, target, value, { formattingOptions: detectFormatting(file.text), isArrayInsertion }));
  const check = parseActorsFile(path, next).actors.find((a) => a.actor_id === actor.actor_id);
  if (check?.api_key !== key) throw new TokentrayError('io', `could not edit ${path} safely; it has been left untouched`, { path });
  return next;
}

/** Writes actors.json durably (same-folder temp file, mode 0600, fsync, rename, fsync the folder). */
export function writeActorsFile(path: string, text: string, onStep?: (step: WriteStep) => void): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomic(path, text, { mode: 0o600, onStep });
}

/**
 * Deletes temp files a killed writer left beside actors.json, or beside the file it links to
 * (`.actors.json.<pid>.<rand>.tmp`, see writeFileAtomic): they may hold a key. Only those of dead
 * processes; call it under the file lock.
 */
export function removeStaleTemps(path: string): void {
  const target = finalTarget(path); // a symlinked file is written, so its temps are left, beside its target
  const dir = dirname(target);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || isProcessAlive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // gone already
    }
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
