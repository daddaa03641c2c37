/**
 * Core's sentences name the CLI command that fixes a problem ("rotate it with `tokentray pat rotate
 * work`"): right for the terminal, wrong in the tray and the window, where the same action is a button.
 * windowWords turns each such command into the window's name for it, and drops any flag that is left,
 * so no GUI text tells a person to type something. Applied once, where core's answers cross into the
 * GUI (core/app: the IPC answers and the state). What to do next is data where core has a remedy for it
 * (shared/remedy.ts: confirm, replace-token, sign-in, unlock-keychain), and then the sentence names no
 * command; what is left here are the sentences that still name one (PAT rotation's leftovers, workspace
 * and hygiene advice in the state, the takeover's retry after a lost answer, install's conflicts).
 */

const GROUPS = '(profile|pat|agents|editors|workspace|mcp|doctor)';
/** A CLI command in backticks: `tokentray pat rotate work`. */
const QUOTED = new RegExp(`(\\brun:?\\s+)?\`tokentray ${GROUPS}\\b([^\`]*)\``, 'g');
/** A bare one, up to the end of its clause: run tokentray workspace add /w --profile <name>; … */
const BARE = new RegExp(`(\\brun:?\\s+)?\\btokentray ${GROUPS}\\b((?: [^\\s;,)]+)*)`, 'g');

/** The window's name for a CLI command (by its subcommand and first argument). */
function windowAction(group: string, rest: string): string {
  const [verb = '', subject = ''] = rest.trim().split(/\s+/);
  const plain = subject.startsWith('<') || subject.startsWith('-') ? '' : subject;
  const on = (button: string, what: string) => (plain ? `“${button}” on ${what} ${plain}` : `“${button}”`);
  switch (`${group} ${verb}`) {
    case 'pat rotate':
      return on('Rotate', 'the card of');
    case 'pat revoke':
    case 'pat list':
      return 'the list of tokens on mootup (Settings → Personal access tokens)';
    case 'profile replace':
      return on('Replace token…', 'the card of');
    case 'profile check':
      return on('Check', 'the card of');
    case 'profile set':
      return on('Edit…', 'the card of');
    case 'profile add':
      return '“Add a token” in Profiles';
    case 'profile list':
    case 'profile show':
      return 'the Profiles view';
    case 'editors migrate':
      return '“Migrate to keychain” in Editors';
    case 'editors install':
      return '“Install” in Editors';
    case 'editors list':
    case 'editors scan':
      return 'the Editors view';
    case 'agents takeover':
      return subject.startsWith('<') ? '“Take over” in Agents' : on('Take over', 'the agent');
    case 'agents release':
      return on('Release', 'the agent');
    case 'agents list':
      return 'the Agents view';
    case 'workspace fix':
      return on('Fix', 'the folder');
    case 'workspace remove':
      return on('Remove from list', 'the folder');
    case 'workspace add':
      return '“Add a folder…” in Agents';
    case 'workspace list':
      return 'the Agents view';
    default:
      // `tokentray mcp <profile>`: its first argument is the profile.
      return group === 'mcp' && verb && !verb.startsWith('<') ? `tokentray for profile ${verb}` : 'tokentray';
  }
}

/** Phrases around a command or a flag that read as a whole in the window (applied first). */
const PHRASES: Array<[RegExp, string]> = [
  [/\b(?:with|run) `tokentray pat (?:revoke|list)[^`]*`/g, 'on mootup (Settings → Personal access tokens)'],
  [/\brun (?:the takeover|it|the same command) again with --force\b/g, 'take it over again'],
  [/\brun git rm --cached (\S+?)(?=[.;,)]?(?:\s|$))/g, 'stop git tracking $1 (keeping the file)'],
  [/,? or install under another --name/g, ''],
];

/** Any flag still standing, with its value: dropped, along with brackets around it. */
const FLAG = /\s*\(?(?:--[a-z][a-z-]*)(?:[ =](?:<[^>]+>|[A-Za-z0-9_./:@-]+))?\)?/g;

/** A sentence of core's, with commands turned into the window's actions and flags dropped. */
export function windowWords(text: string): string {
  const action = (run: string | undefined, group: string, rest: string) => `${run ? 'use ' : ''}${windowAction(group, rest)}`;
  let out = text;
  for (const [pattern, replacement] of PHRASES) out = out.replace(pattern, replacement);
  out = out.replace(QUOTED, (_m, run: string | undefined, group: string, rest: string) => action(run, group, rest));
  out = out.replace(BARE, (_m, run: string | undefined, group: string, rest: string) => {
    // A sentence's full stop is not part of the command.
    const stop = rest.endsWith('.') ? '.' : '';
    return `${action(run, group, stop ? rest.slice(0, -1) : rest)}${stop}`;
  });
  return out.replace(FLAG, '').replace(/ {2,}/g, ' ').replace(/\s+([.,;:])(?=\s|$)/g, '$1');
}

/** True when a text still tells a person to type a tokentray command or a flag (what the window tests look for). */
export function hasCliWords(text: string): boolean {
  return /\btokentray (profile|pat|agents|editors|workspace|doctor) [a-z]/.test(text) || /(^|[\s(`])--[a-z][a-z-]+/.test(text);
}
