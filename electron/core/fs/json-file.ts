import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TokentrayError } from '../errors';
import { writeFileAtomic } from './atomic-write';
import { withFileLock } from './file-lock';

/** Reads a JSON file of ours; a missing file gives `fallback`, a corrupt or unreadable one a clear error. */
export function readJsonFile<T>(path: string, fallback: T, validate: (value: unknown) => string | null): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fallback;
    throw new TokentrayError('io', `cannot read ${path} (${code ?? (error as Error).message}); check its permissions`, { path });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw corrupt(path, (error as Error).message);
  }
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
