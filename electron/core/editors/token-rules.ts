import { TOKEN_SEARCH_PATTERNS } from '../../../shared/token-formats';
import { isObject } from './editor-defs';

/**
 * How tokentray recognises a plaintext secret in an editor's server entry or a .env file. Known
 * shapes (mootup PATs, Moly mp_ tokens, convo_ agent keys) anywhere; any `Bearer …` value; the value
 * after a `--token`-like flag; and values under secret-sounding names that look like tokens.
 */

export type JsonPathSegment = string | number;
export type TokenWhere = 'header' | 'env' | 'args' | 'url' | 'other';

/** One plaintext secret at one place in a parsed document. Holds the token: never print this. */
export interface FoundSecret {
  path: JsonPathSegment[];
  where: TokenWhere;
  token: string;
}

const SECRET_NAME = /token|secret|passw|api[-_]?key|apikey|access[-_]?key|private[-_]?key|auth|credential|(^|[-_])pat($|[-_])|^key$/i;
const SECRET_FLAG = /^--?[\w-]*(token|secret|password|api-?key|apikey|pat)$/i;
const BEARER = /\bBearer\s+([^\s"',;]+)/gi;

function isPlaceholder(value: string): boolean {
  // ${env:X}, ${input:x}, $VAR, <your-token>, {{token}}: references, not secrets.
  return /^(\$|<|\{\{|%)/.test(value) || /\$\{[^}]*\}/.test(value);
}

/** Whether a bare value (no name to go by) looks like a generated secret rather than a word, path or URL. */
export function looksLikeToken(value: string): boolean {
  if (value.length < 24 || isPlaceholder(value)) return false;
  if (!/^[A-Za-z0-9_\-.+=~]+$/.test(value)) return false;
  return /[A-Za-z]/.test(value) && /[0-9]/.test(value);
}

/** A value under a secret-sounding name: shorter values count, but never references or prose. */
function looksLikeNamedSecret(value: string): boolean {
  return value.length >= 12 && !/\s/.test(value) && !isPlaceholder(value) && !/^https?:\/\//i.test(value) && /[0-9]/.test(value);
}

/** Known-shape tokens and `Bearer` values inside any text. */
export function tokensInText(text: string): string[] {
  const found: string[] = [];
  for (const { pattern } of TOKEN_SEARCH_PATTERNS) for (const m of text.matchAll(pattern)) found.push(m[0]);
  for (const m of text.matchAll(BEARER)) {
    const value = m[1]!;
    if (value.length >= 8 && !isPlaceholder(value)) found.push(value);
  }
  return [...new Set(found)];
}

/** The secrets in one named value (an env variable, a header, a query parameter). */
export function secretsInNamedValue(name: string, value: string): string[] {
  const found = tokensInText(value);
  if (found.length > 0) return found;
  if (SECRET_NAME.test(name) ? looksLikeNamedSecret(value) : looksLikeToken(value)) return [value];
  return [];
}

function whereOf(path: JsonPathSegment[]): TokenWhere {
  const head = path[0];
  if (head === 'headers') return 'header';
  if (head === 'env') return 'env';
  if (head === 'args') return 'args';
  if (head === 'url' || head === 'serverUrl') return 'url';
  return 'other';
}

function secretsInUrl(value: string): string[] {
  const found = tokensInText(value);
  try {
    for (const [name, param] of new URL(value).searchParams) if (SECRET_NAME.test(name) && looksLikeNamedSecret(param)) found.push(param);
  } catch {
    // not a URL after all
  }
  return found;
}

function secretsInArgs(args: unknown[]): { index: number; token: string }[] {
  const found: { index: number; token: string }[] = [];
  args.forEach((arg, index) => {
    if (typeof arg !== 'string') return;
    for (const token of /^https?:\/\//i.test(arg) ? secretsInUrl(arg) : tokensInText(arg)) found.push({ index, token });
    const inline = /^(--?[\w-]+)=(.+)$/.exec(arg);
    if (inline && SECRET_FLAG.test(inline[1]!) && looksLikeNamedSecret(inline[2]!)) found.push({ index, token: inline[2]! });
    const next = args[index + 1];
    if (SECRET_FLAG.test(arg) && typeof next === 'string' && !next.startsWith('-') && looksLikeNamedSecret(next)) {
      found.push({ index: index + 1, token: next });
    }
  });
  return found;
}

/** Every plaintext secret in one server entry; paths are relative to the entry. */
export function secretsInEntry(entry: Record<string, unknown>): FoundSecret[] {
  const found: FoundSecret[] = [];
  const add = (path: JsonPathSegment[], token: string) => {
    if (!found.some((f) => f.token === token && f.path.join('\0') === path.join('\0'))) found.push({ path, where: whereOf(path), token });
  };
  const walk = (value: unknown, path: JsonPathSegment[]) => {
    if (typeof value === 'string') {
      const name = String(path[path.length - 1] ?? '');
      const tokens = whereOf(path) === 'url' ? secretsInUrl(value) : path.length === 2 && (path[0] === 'env' || path[0] === 'headers') ? secretsInNamedValue(name, value) : tokensInText(value);
      for (const token of tokens) add(path, token);
    } else if (Array.isArray(value)) {
      if (path.length === 1 && path[0] === 'args') for (const { index, token } of secretsInArgs(value)) add(['args', index], token);
      else value.forEach((item, i) => walk(item, [...path, i]));
    } else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(entry, []);
  return found;
}
