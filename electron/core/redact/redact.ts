import { TOKEN_SEARCH_PATTERNS, tokenHint } from '../../../shared/token-formats';
import { knownSecretForms } from './known-secrets';
import { replaceEach } from './replace-each';

/**
 * The one scrubber for text that crosses out of the process (server error text above all): every
 * secret the process knows, any `Bearer <value>`, and anything token-shaped becomes its hint
 * (prefix…last 4), so the text still says which token it was about without containing it.
 */

// A bearer value: 16+ characters with a digit, unless it is already a hint (contains "…").
const BEARER = /\b(Bearer\s+)(?![^\s"',;)\]}]*…)(?=[^\s"',;)\]}]*\d)([^\s"',;)\]}]{16,})/gi;

function scrub(text: string): { text: string; hits: number } {
  let hits = 0;
  for (const { secret, forms } of knownSecretForms()) {
    const hint = tokenHint(secret);
    const replaced = replaceEach(text, forms, () => hint);
    text = replaced.text;
    hits += replaced.hits;
  }
  text = text.replace(BEARER, (_match, scheme: string, value: string) => {
    hits += 1;
    return `${scheme}${tokenHint(value)}`;
  });
  for (const { pattern } of TOKEN_SEARCH_PATTERNS) {
    text = text.replace(new RegExp(pattern.source, 'g'), (token) => {
      hits += 1;
      return tokenHint(token);
    });
  }
  return { text, hits };
}

/** `text` with every secret (known, bearer value or token-shaped) replaced by its hint. */
export function redactText(text: string): string {
  return scrub(text).text;
}

/** `text` redacted, or undefined when there is none (for optional server fields). */
export function redactOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : redactText(text);
}

/** A copy of a JSON-like value with every string in it redacted (objects and arrays walked; keys kept). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item)])) as T;
  }
  return value;
}

/** How many secrets a JSON-able value holds, in its serialised form (0 when it is safe to send). */
export function secretHits(value: unknown): number {
  return scrub(JSON.stringify(value) ?? '').hits;
}
