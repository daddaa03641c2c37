import { chmodSync, mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { tokenHint } from '../../../shared/token-formats';
import { TokentrayError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { replaceEach } from '../redact/replace-each';
import type { ConfigDoc } from './config-doc';

/** Where the copy of a config file's previous content goes (one per file, replaced on each write). */
export function backupPath(path: string): string {
  return `${path}.tokentray-backup`;
}

/** A text with every given token replaced by a marker naming only its hint. */
export function redactTokens(text: string, tokens: Iterable<string>): string {
  // Longest first, so a token that contains another is replaced whole.
  const longestFirst = [...new Set(tokens)].sort((a, b) => b.length - a.length);
  return replaceEach(text, longestFirst, (token) => `REMOVED-BY-TOKENTRAY(${tokenHint(token)})`).text;
}

export interface WrittenConfig {
  path: string;
  backup: string | null;
  created: boolean;
}

/** A text file as read: what `writeTextFile` needs to refuse a file that changed meanwhile. */
export interface ReadText {
  path: string;
  text: string;
  exists: boolean;
  mode: number | null;
}

function ioError(path: string, error: unknown): TokentrayError {
  if (error instanceof TokentrayError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new TokentrayError('io', `cannot write ${path} (${code}); check the folder's permissions`, { path });
}

function assertUnchanged(file: ReadText): void {
  let current: string | null = null;
  try {
    current = readFileSync(file.path, 'utf8');
  } catch {
    current = null;
  }
  if ((current ?? '') !== file.text || (current !== null) !== file.exists) {
    throw new TokentrayError('conflict', `${file.path} changed on disk while tokentray was editing it; nothing was written. Run the command again.`, { path: file.path });
  }
}

function writeBackup(file: ReadText, tokensInOld: Iterable<string>): string {
  const backup = backupPath(file.path);
  const mode = file.mode ?? 0o600;
  writeFileAtomic(backup, redactTokens(file.text, tokensInOld), { mode, replaceLink: true });
  chmodSync(backup, mode);
  return backup;
}

/**
 * Writes a new version of a text file tokentray edits (a client config, a workspace `.env`): first a
 * backup of the old content (with every plaintext token we found in it removed, so no copy of a
 * token is left behind), then the file, both atomically and with the file's own permission bits.
 * Refuses when the file changed on disk since it was read (the client may have written it meanwhile).
 */
export function writeTextFile(file: ReadText, next: string, tokensInOld: Iterable<string>): WrittenConfig {
  assertUnchanged(file);
  const mode = file.mode ?? 0o600;
  let backup: string | null = null;
  try {
    if (file.exists) backup = writeBackup(file, tokensInOld);
    else mkdirSync(dirname(file.path), { recursive: true, mode: 0o700 });
    writeFileAtomic(file.path, next, { mode });
    // The umask may have narrowed the temp file's mode; the user's file keeps exactly its own.
    chmodSync(file.path, mode);
  } catch (error) {
    throw ioError(file.path, error);
  }
  return { path: file.path, backup, created: !file.exists };
}

/** Writes a new version of a client config file (see writeTextFile). */
export function writeConfig(doc: ConfigDoc, next: string, tokensInOld: Iterable<string>): WrittenConfig {
  return writeTextFile({ path: doc.ref.path, text: doc.text, exists: doc.exists, mode: doc.mode }, next, tokensInOld);
}

/** Deletes a config file tokentray emptied (a Continue block file whose one server was removed), keeping a redacted backup. */
export function deleteConfig(doc: ConfigDoc, tokensInOld: Iterable<string>): WrittenConfig {
  const file = { path: doc.ref.path, text: doc.text, exists: doc.exists, mode: doc.mode };
  assertUnchanged(file);
  try {
    const backup = writeBackup(file, tokensInOld);
    unlinkSync(file.path);
    return { path: file.path, backup, created: false };
  } catch (error) {
    throw ioError(file.path, error);
  }
}
