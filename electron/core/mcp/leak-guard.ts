import { replaceEach } from '../redact/replace-each';

/** What replaces a token that would otherwise reach the editor or a log. */
export const REDACTED = '[token removed by tokentray]';

// Shorter "tokens" (a misconfigured profile) would mangle ordinary text; real ones are far longer.
const MIN_TOKEN_LENGTH = 8;

function replaceAll(text: string, tokens: ReadonlySet<string>): { text: string; hits: number } {
  return replaceEach(text, tokens, () => REDACTED, MIN_TOKEN_LENGTH);
}

/** A log line or error text with every token replaced (upstream error text may echo the header). */
export function scrub(text: string, tokens: ReadonlySet<string>): string {
  return replaceAll(text, tokens).text;
}

/**
 * Returns a JSON-RPC line with every token it contains replaced by a marker, or the line itself when
 * it holds none. `\u` escapes are decoded first (from `parsed`, or by parsing), so an escaped token is
 * caught too.
 */
export function guardLine(line: string, parsed: unknown, tokens: ReadonlySet<string>, warn: (message: string) => void): string {
  const text = line.includes('\\u') ? JSON.stringify(parsed === undefined ? JSON.parse(line) : parsed) : line;
  const guarded = replaceAll(text, tokens);
  if (guarded.hits === 0) return line;
  warn(`tokentray: warning: a message for the editor contained the profile's token (${guarded.hits}×); it was replaced with "${REDACTED}"`);
  return guarded.text;
}
