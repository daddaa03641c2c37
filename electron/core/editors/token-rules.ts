import { TOKEN_SEARCH_PATTERNS } from '../../../shared/token-formats';
import { isObject } from './editor-defs';
import { isProxyEnvName } from './proxy-env';

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
  // ${env:X}, ${input:x}, $VAR, <your-token>, {{token}}, opencode's {env:X} / {file:path}: references, not secrets.
  return /^(\$|<|\{\{|%|\{(env|file):)/.test(value) || /\$\{[^}]*\}/.test(value);
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

/** Where clients keep headers (`headers`, Codex's `http_headers`, Continue's `requestOptions.headers`). */
const HEADER_PATHS = [['headers'], ['http_headers'], ['requestOptions', 'headers']];
/** Where clients keep a stdio server's environment (`env`, goose's `envs`, opencode's `environment`). */
const ENV_KEYS = ['env', 'envs', 'environment'];
/** Keys that hold a remote server's URL (`url`, Windsurf's `serverUrl`, Gemini's `httpUrl`, goose's `uri`). */
export const URL_KEYS = ['url', 'serverUrl', 'httpUrl', 'uri'];

function startsWithPath(path: JsonPathSegment[], prefix: string[]): boolean {
  return prefix.every((p, i) => path[i] === p);
}

/** The container a value sits in, and whether it is one named value directly in it. */
function placeOf(path: JsonPathSegment[]): { where: TokenWhere; named: boolean } {
  const header = HEADER_PATHS.find((p) => startsWithPath(path, p));
  if (header) return { where: 'header', named: path.length === header.length + 1 };
  if (typeof path[0] === 'string' && ENV_KEYS.includes(path[0])) return { where: 'env', named: path.length === 2 };
  if (path[0] === 'args' || (path[0] === 'command' && path.length > 1)) return { where: 'args', named: false };
  if (typeof path[0] === 'string' && URL_KEYS.includes(path[0])) return { where: 'url', named: false };
  return { where: 'other', named: path.length === 1 };
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
    // `--header "X-Api-Key: value"`: a header without `Bearer`, judged by its name.
    const header = /^--?(?:header|H)$/.test(arg) && typeof next === 'string' ? /^([\w-]+)\s*:\s*(\S.*)$/.exec(next) : null;
    if (header) for (const token of secretsInNamedValue(header[1]!, header[2]!)) found.push({ index: index + 1, token });
  });
  return found;
}

/** Every plaintext secret in one server entry; paths are relative to the entry. */
export function secretsInEntry(entry: Record<string, unknown>): FoundSecret[] {
  const found: FoundSecret[] = [];
  const add = (path: JsonPathSegment[], where: TokenWhere, token: string) => {
    if (!found.some((f) => f.token === token && f.path.join('\0') === path.join('\0'))) found.push({ path, where, token });
  };
  const walk = (value: unknown, path: JsonPathSegment[]) => {
    const { where, named } = placeOf(path);
    if (typeof value === 'string') {
      const name = String(path[path.length - 1] ?? '');
      if (where === 'env' && named && isProxyEnvName(name)) return;
      // `bearer_token_env_var = "MOLY_TOKEN"` names a variable; the value is looked up in .env files (scan.ts).
      if (where === 'other' && /env_?vars?$/i.test(name)) return;
      const tokens = where === 'url' ? secretsInUrl(value) : named && (where !== 'other' || SECRET_NAME.test(name)) ? secretsInNamedValue(name, value) : tokensInText(value);
      for (const token of tokens) add(path, where, token);
    } else if (Array.isArray(value)) {
      // A stdio command line: `args`, or opencode's single `command` array.
      if (path.length === 1 && (path[0] === 'args' || path[0] === 'command')) for (const { index, token } of secretsInArgs(value)) add([path[0], index], 'args', token);
      else value.forEach((item, i) => walk(item, [...path, i]));
    } else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(entry, []);
  return found;
}

/** The variables an entry takes its bearer token or headers from (Codex: `bearer_token_env_var`, `env_http_headers`). */
export function referencedEnvVars(entry: Record<string, unknown>): { name: string; path: JsonPathSegment[] }[] {
  const refs: { name: string; path: JsonPathSegment[] }[] = [];
  if (typeof entry.bearer_token_env_var === 'string') refs.push({ name: entry.bearer_token_env_var, path: ['bearer_token_env_var'] });
  if (isObject(entry.env_http_headers)) {
    for (const [header, name] of Object.entries(entry.env_http_headers)) if (typeof name === 'string') refs.push({ name, path: ['env_http_headers', header] });
  }
  return refs;
}
