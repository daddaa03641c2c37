/**
 * Every secret this process has held — tokens read from the keychain, from stdin or over IPC, the
 * Authorization values it sent, keys and PATs the server handed back — so that any text about to
 * leave the process can be checked against the secrets themselves, whatever their shape. In memory
 * only, never written anywhere. One set per process, on purpose: a secret read by one capability
 * must be caught in the text of any other.
 */

/** Shorter values are not treated as secrets: replacing them would mangle ordinary text. */
export const MIN_SECRET_LENGTH = 8;

/** Each secret, with the forms it takes inside other text (JSON-escaped, percent-encoded). */
const secrets = new Map<string, string[]>();

function formsOf(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** Remembers a secret this process now holds (ignored when absent or too short to be one). */
export function rememberSecret(secret: string | null | undefined): void {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || secrets.has(secret)) return;
  secrets.set(secret, formsOf(secret));
}

/** The secrets remembered so far, each with the forms to look for. Longest first, so a secret that contains another is replaced whole. */
export function knownSecretForms(): Array<{ secret: string; forms: string[] }> {
  return [...secrets].map(([secret, forms]) => ({ secret, forms })).sort((a, b) => b.secret.length - a.secret.length);
}
