import { isRemedy, type ActionRemedy, type AppAction, type Remedy } from '../../shared/remedy';

/** A word as a person types it in a shell (with spaces or quotes: in single quotes). */
const shellWord = (w: string): string => (/^[\w@%+=:,./<>-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** A command line as a person types it. */
function commandLine(words: string[]): string {
  return ['tokentray', ...words].map(shellWord).join(' ');
}

/** Each action of the app as the CLI says it: a clause naming the exact command line. */
const ACTION_LINES: Record<AppAction, (r: ActionRemedy) => string> = {
  'pat-rotate': (r) => `rotate it with \`${commandLine(['pat', 'rotate', r.subject ?? '<profile>'])}\``,
  'pat-revoke': (r) => `revoke it with \`${commandLine(['pat', 'revoke', r.subject ?? '<profile>', r.pat_id ?? '<pat_id>'])}\``,
  'pat-find': (r) => `find it with \`${commandLine(['pat', 'list', r.subject ?? '<profile>'])}\` and revoke it with \`tokentray pat revoke ${r.subject ?? '<profile>'} <pat_id>\``,
  'profile-check': (r) => `check it with \`${commandLine(['profile', 'check', r.subject ?? '<profile>'])}\``,
  'profile-set-expiry': (r) => `record the date with \`${commandLine(['profile', 'set', r.subject ?? '<profile>', '--expires', 'YYYY-MM-DD'])}\``,
  'profile-add': (r) => (r.mootup ? 'add one with `tokentray profile add <name> --kind mootup --url https://mootup.io < token.txt`' : 'store it with `tokentray profile add <name> --kind … --url … < token.txt`'),
  'profile-list': () => '`tokentray profile list` shows the ones you have',
  'workspace-fix': (r) => `fix it with \`${commandLine(['workspace', 'fix', r.subject ?? '<dir>'])}\``,
  'workspace-remove': (r) => `remove it with \`${commandLine(['workspace', 'remove', r.subject ?? '<dir>'])}\``,
  'workspace-add': (r) => `add it again with \`${commandLine(['workspace', 'add', r.subject ?? '<dir>', '--profile', '<name>'])}\``,
  'workspace-list': () => '`tokentray workspace list` shows the ones you added',
  'workspace-untrack': () => 'take over each agent with `tokentray agents takeover <actor_id> --force`, then run `git rm --cached .moot/actors.json` in the folder',
  'editors-migrate': () => 'move it to the keychain with `tokentray editors migrate`',
  'editors-list': () => '`tokentray editors list` shows what is installed',
  'agents-list': () => '`tokentray agents list` shows your agents',
  'agents-takeover': (r) => `take it over with \`${commandLine(['agents', 'takeover', r.subject ?? '<actor_id>', ...(r.all_workspaces ? ['--all-workspaces'] : []), ...(r.force ? ['--force'] : [])])}\``,
};

/**
 * A remedy in command-line words: what to type next, as a clause; null when the message already says it
 * all. `argv`, the command that failed, lets a `confirm` name the exact command to run again.
 */
export function cliRemedy(remedy: Remedy, argv?: string[]): string | null {
  switch (remedy.kind) {
    case 'confirm': {
      const what = remedy.action === 'takeover' ? 'to take it over here anyway' : 'to revoke it anyway';
      const again = argv?.filter((a) => a !== '--json' && a !== '--force');
      const run = again?.length ? `${what}, run \`${commandLine([...again, '--force'])}\`` : `${what}, run the same command again with --force`;
      // What is offered instead comes first; then, as its own sentence, how to go ahead anyway.
      return remedy.instead ? `${ACTION_LINES[remedy.instead.action](remedy.instead)}. ${run.charAt(0).toUpperCase()}${run.slice(1)}` : run;
    }
    case 'replace-token':
      return `store a new one with \`tokentray profile replace ${remedy.profile}\``;
    case 'sign-in':
      return `sign in with \`tokentray profile login ${remedy.profile}\``;
    case 'unlock-keychain':
      // The message names the desktop's own way to unlock; then the same command again.
      return null;
    case 'action':
      return ACTION_LINES[remedy.action](remedy);
  }
}

/** A message with its remedy as the CLI says it: "…(401); store a new one with `tokentray profile replace work`". */
export function cliMessage(message: string, remedy: unknown, argv?: string[]): string {
  const clause = isRemedy(remedy) ? cliRemedy(remedy, argv) : null;
  if (!clause) return message;
  const text = message.trimEnd();
  return /[.!?]$/.test(text) ? `${text} ${clause.charAt(0).toUpperCase()}${clause.slice(1)}.` : `${text}; ${clause}`;
}

/**
 * A result as the CLI prints it (JSON too): every sentence with a remedy beside it (its `message`, or the
 * `error` of a workspace), at any depth (lists, hygiene problems, doctor checks), carries the remedy's
 * command line; the remedy stays as data.
 */
export function withCliMessage<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => withCliMessage(v)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = typeof v === 'object' ? withCliMessage(v) : v;
  const remedy = out.remedy;
  if (!isRemedy(remedy)) return out as T;
  const field = typeof out.message === 'string' ? 'message' : typeof out.error === 'string' ? 'error' : null;
  if (field) out[field] = cliMessage(out[field] as string, remedy);
  return out as T;
}
