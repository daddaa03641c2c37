import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tokenHint } from '../../../shared/token-formats';
import { TokentrayError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import type { ConfigDoc } from './config-doc';

/** Where the copy of a config file's previous content goes (one per file, replaced on each write). */
export function backupPath(path: string): string {
  return `${path}.tokentray-backup`;
}

/** A text with every given token replaced by a marker naming only its hint. */
export function redactTokens(text: string, tokens: Iterable<string>): string {
  let out = text;
  for (const token of [...new Set(tokens)].sort((a, b) => b.length - a.length)) {
    if (token.length > 0) out = out.split(token).join(`REMOVED-BY-TOKENTRAY(${tokenHint(token)})`);
  }
  return out;
}

export interface WrittenConfig {
  path: string;
  backup: string | null;
  created: boolean;
}

/**
 * Writes a new version of an editor config file: first a backup of the old content (with every
 * plaintext token we found in it removed, so no copy of a token is left behind), then the file,
 * both atomically and with the file's own permission bits. Refuses when the file changed on disk
 * since it was read (the editor may have written it meanwhile).
 */
export function writeConfig(doc: ConfigDoc, next: string, tokensInOld: Iterable<string>): WrittenConfig {
  const path = doc.ref.path;
  let current: string | null = null;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = null;
  }
  if ((current ?? '') !== doc.text || (current !== null) !== doc.exists) {
    throw new TokentrayError('conflict', `${path} changed on disk while tokentray was editing it; nothing was written. Run the command again.`, { path });
  }
  const mode = doc.mode ?? 0o600;
  let backup: string | null = null;
  try {
    if (doc.exists) {
      backup = backupPath(path);
      writeFileAtomic(backup, redactTokens(doc.text, tokensInOld), { mode, replaceLink: true });
      chmodSync(backup, mode);
    } else {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    }
    writeFileAtomic(path, next, { mode });
    // The umask may have narrowed the temp file's mode; the user's file keeps exactly its own.
    chmodSync(path, mode);
  } catch (error) {
    if (error instanceof TokentrayError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new TokentrayError('io', `cannot write ${path} (${code}); check the folder's permissions`, { path });
  }
  return { path, backup, created: !doc.exists };
}
