/** What replaces a token that would otherwise reach the editor. */
export const REDACTED = '[token removed by tokentray]';

/**
 * Returns the line with every token it contains replaced by a marker, or the line itself when it
 * holds none. `\u` escapes are decoded first (through `parsed`), so an escaped token is caught too.
 */
export function guardLine(line: string, parsed: unknown, tokens: ReadonlySet<string>, warn: (message: string) => void): string {
  let text = line.includes('\\u') ? JSON.stringify(parsed) : line;
  let hits = 0;
  for (const token of tokens) {
    if (token.length < 8 || !text.includes(token)) continue;
    hits += text.split(token).length - 1;
    text = text.split(token).join(REDACTED);
  }
  if (hits === 0) return line;
  warn(`tokentray: warning: a message from the MCP server contained the profile's token (${hits}×); it was replaced with "${REDACTED}" before reaching the editor`);
  return text;
}
