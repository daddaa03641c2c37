import { isRemedy, type Remedy } from '../../shared/remedy';

/** A command line as a person types it (words with spaces or quotes in single quotes). */
function commandLine(words: string[]): string {
  return ['tokentray', ...words].map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * A remedy in command-line words: what to type next, as a clause; null when the message already says it
 * all. `argv`, the command that failed, lets a `confirm` name the exact command to run again.
 */
export function cliRemedy(remedy: Remedy, argv?: string[]): string | null {
  switch (remedy.kind) {
    case 'confirm': {
      const what = remedy.action === 'takeover' ? 'to take it over here anyway' : 'to revoke it anyway';
      const again = argv?.filter((a) => a !== '--json' && a !== '--force');
      return again?.length ? `${what}, run \`${commandLine([...again, '--force'])}\`` : `${what}, run the same command again with --force`;
    }
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
export function cliMessage(message: string, remedy: unknown, argv?: string[]): string {
  const clause = isRemedy(remedy) ? cliRemedy(remedy, argv) : null;
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
