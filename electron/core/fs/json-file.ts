import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TokentrayError } from '../errors';
import { writeFileAtomic } from './atomic-write';
import { withFileLock } from './file-lock';

/** How deep JSON may nest in any file we read (configs and actors.json nest a few levels). */
export const MAX_JSON_DEPTH = 256;

/**
 * Why `text` nests too deep for a recursive parser, or null. A cheap scan that counts `[`/`{`
 * outside strings and comments (JSONC), so 100,000 nested brackets are an answer instead of a
 * stack overflow. Names only the line and column, never the text (it may hold a key).
 */
export function jsonNestingProblem(text: string, maxDepth = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) [line, lineStart] = [line + 1, i + 1];
    else if (c === 0x22) i = stringEnd(text, i);
    else if (c === 0x2f && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1; // the newline itself is counted by the next turn
    }
    else if (c === 0x2f && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let j = i; j < stop; j++) if (text.charCodeAt(j) === 0x0a) [line, lineStart] = [line + 1, j + 1];
      i = stop - 1;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return `nested more than ${maxDepth} levels deep at line ${line}, column ${i - lineStart + 1}`;
    } else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  return null;
}

/** The index of the quote closing the string that opens at `start` (or the end of a string that never closes on its line). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22 || c === 0x0a) return c === 0x0a ? i - 1 : i;
  }
  return text.length;
}

/** Strict JSON.parse behind the depth guard; a problem names a place, never the text. */
export function parseJsonText(text: string): { value: unknown } | { problem: string } {
  const deep = jsonNestingProblem(text);
  if (deep) return { problem: deep };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    // V8's message quotes the text around the fault; keep only where it is.
    const where = /line \d+ column \d+/.exec((error as Error).message)?.[0]?.replace(' column', ', column');
    return { problem: `not valid JSON${where ? ` at ${where}` : ''}` };
  }
}

/** The file's text, or null when it does not exist (other fs errors are thrown). */
function readTextOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Reads a JSON file of ours; a missing file gives `fallback`, a corrupt or unreadable one a clear
 * error. `read` gives the text (default: from disk now; a snapshot passes its one read).
 */
export function readJsonFile<T>(path: string, fallback: T, validate: (value: unknown) => string | null, read: (path: string) => string | null = readTextOrNull): T {
  let text: string | null;
  try {
    text = read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TokentrayError('io', `cannot read ${path} (${code ?? (error as Error).message}); check its permissions`, { path });
  }
  if (text === null) return fallback;
  const parsed = parseJsonText(text);
  if ('problem' in parsed) throw corrupt(path, parsed.problem);
  const { value } = parsed;
  const problem = validate(value);
  if (problem) throw corrupt(path, problem);
  return value as T;
}

function corrupt(path: string, problem: string): TokentrayError {
  return new TokentrayError(
    'metadata_corrupt',
    `${path} is corrupt (${problem}). It has been left untouched; fix or move it aside, then try again.`,
    { path },
  );
}

/** Locked read-modify-write of a JSON file, written atomically with mode 0600. */
export async function updateJsonFile<T, R>(
  path: string,
  fallback: T,
  validate: (value: unknown) => string | null,
  change: (current: T) => { next: T; result: R } | Promise<{ next: T; result: R }>,
): Promise<R> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return withFileLock(path, async () => {
    const current = readJsonFile(path, fallback, validate);
    const { next, result } = await change(current);
    if (next !== current) writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    return result;
  });
}
