/**
 * What to do next is data wherever core offers it (shared/remedy.ts: confirm, replace-token, sign-in,
 * unlock-keychain, and `action`, any action of the app): core's sentences for a person name no command,
 * and each host words the remedy. windowWords is left for the sentences core writes for someone else that
 * still reach the window, where it turns a named command into the window's name for it and drops flags:
 * - the MCP proxy's errors (mcp/, oauth/oauth-token-source.ts), written for the editor that ran
 *   `tokentray mcp <profile>` and that has no remedy to render ("store a new token with `tokentray profile
 *   replace work`", "`tokentray profile set raw --timeout <seconds>`", "`tokentray profile show`",
 *   "`tokentray profile login pre`"); they reach the window as a session's last error, a recorded last
 *   check, a refresh error, or an audit line in a notification;
 * - lines written earlier to profiles.json and the audit log, by this or an older version;
 * - input checks that name the option a value came from (`--label`, `--expires`), said to the CLI and the
 *   window alike (core/app's ipc-act drops the flag).
 * Applied where those cross into the GUI: core/app (the IPC answers, the state's last checks, sessions and
 * refresh errors) and main's notifications.
 */

const GROUPS = '(profile|pat|agents|editors|workspace|mcp|doctor)';
/** A CLI command in backticks: `tokentray pat rotate work`. */
const QUOTED = new RegExp(`(\\brun:?\\s+)?\`tokentray ${GROUPS}\\b([^\`]*)\``, 'g');
/** A bare one, up to the end of its clause: run tokentray workspace add /w --profile <name>; … */
const BARE = new RegExp(`(\\brun:?\\s+)?\\btokentray ${GROUPS}\\b((?: [^\\s;,)]+)*)`, 'g');

/** The window's name for a CLI command the proxy or an older version names (by its subcommand and first argument). */
function windowAction(group: string, rest: string): string {
  const [verb = '', subject = ''] = rest.trim().split(/\s+/);
  const plain = subject.startsWith('<') || subject.startsWith('-') ? '' : subject;
  const on = (button: string) => (plain ? `“${button}” on the card of ${plain}` : `“${button}”`);
  switch (`${group} ${verb}`) {
    case 'pat rotate':
      return on('Rotate');
    case 'profile replace':
      return on('Replace token…');
    case 'profile login':
      return on('Sign in');
    case 'profile check':
      return on('Check');
    case 'profile set':
      return on('Edit…');
    case 'profile list':
    case 'profile show':
      return 'the Profiles view';
    default:
      // `tokentray mcp <profile>`: its first argument is the profile.
      return group === 'mcp' && verb && !verb.startsWith('<') ? `tokentray for profile ${verb}` : 'tokentray';
  }
}

/** Phrases around a command that read as a whole in the window (applied first). */
const PHRASES: Array<[RegExp, string]> = [[/\b(?:with|run) `tokentray pat (?:revoke|list)[^`]*`/g, 'on mootup (Settings → Personal access tokens)']];

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
