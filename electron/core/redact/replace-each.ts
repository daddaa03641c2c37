/**
 * Replaces every occurrence of each needle in `text` by its marker, in the order given, and counts the
 * replacements: the one split-and-join the scrubbers share (redact.ts, the proxy's leak guard, the
 * editors' backups). Needles shorter than `minLength` (default 1: only empty ones) are skipped. No
 * imports, so the proxy's bundle pays nothing for it.
 */
export function replaceEach(text: string, needles: Iterable<string>, marker: (needle: string) => string, minLength = 1): { text: string; hits: number } {
  let hits = 0;
  for (const needle of needles) {
    if (needle.length < minLength || !text.includes(needle)) continue;
    const parts = text.split(needle);
    hits += parts.length - 1;
    text = parts.join(marker(needle));
  }
  return { text, hits };
}
