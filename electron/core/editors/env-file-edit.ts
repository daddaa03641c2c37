import { readFileSync, statSync } from 'node:fs';
import { writeTextFile } from './config-write';

/**
 * Removes `NAME=…` lines from a workspace `.env` file once their token is in the keychain (a Codex
 * entry's `bearer_token_env_var` pointed at it). Every other line stays byte for byte; the backup
 * next to it has the tokens removed, like every backup tokentray writes.
 */
export function removeEnvAssignments(file: string, names: readonly string[], tokens: readonly string[]): void {
  const text = readFileSync(file, 'utf8');
  const mode = statSync(file).mode & 0o777;
  const assigns = (line: string) => names.some((name) => new RegExp(`^\\s*(?:export\\s+)?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`).test(line));
  const lines = text.split(/(?<=\n)/);
  const next = lines.filter((line) => !assigns(line)).join('');
  if (next === text) return;
  writeTextFile({ path: file, text, exists: true, mode }, next, tokens);
}
