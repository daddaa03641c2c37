import { isRemedy, type Remedy } from '../../shared/remedy';

/** A remedy in command-line words: what to type next, as a clause; null when the message already says it all. */
export function cliRemedy(remedy: Remedy): string | null {
  switch (remedy.kind) {
    case 'confirm':
      return remedy.action === 'takeover'
        ? 'to take it over here anyway, run the same command again with --force'
        : 'to revoke it anyway, run the same command again with --force';
    case 'replace-token':
      return `store a new one with \`tokentray profile replace ${remedy.profile}\``;
    case 'sign-in':
      return `sign in with \`tokentray profile login ${remedy.profile}\``;
    case 'unlock-keychain':
      // The message names the desktop's own way to unlock; then the same command again.
      return null;
  }
}

/** A message with its remedy as the CLI says it: "…(401); store a new one with `tokentray profile replace work`". */
export function cliMessage(message: string, remedy: unknown): string {
  const clause = isRemedy(remedy) ? cliRemedy(remedy) : null;
  if (!clause) return message;
  const text = message.trimEnd();
  return /[.!?]$/.test(text) ? `${text} ${clause.charAt(0).toUpperCase()}${clause.slice(1)}.` : `${text}; ${clause}`;
}

/** A result as the CLI prints it (JSON too): its message carries the remedy's command line; the remedy stays as data. */
export function withCliMessage<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { message, remedy } = value as { message?: unknown; remedy?: unknown };
  return typeof message === 'string' && isRemedy(remedy) ? { ...value, message: cliMessage(message, remedy) } : value;
}
