/**
 * What a person can do about a result, as data. Core attaches it (on a TokentrayError or on an
 * action's result); each host words it: the CLI as a command line (electron/cli/remedy.ts), the tray
 * and the window as a dialog or a button (remedyButton / remedyHint below). No GUI text names a flag.
 */

/** The actions that may need a confirmation and are asked again, confirmed, with `force`. */
export const CONFIRM_ACTIONS = ['takeover', 'pat-revoke'] as const;
export type ConfirmAction = (typeof CONFIRM_ACTIONS)[number];

/**
 * The actions of the app a remedy can point to, each one thing a person can do in every host (the CLI
 * words it as a command line, the window as a button or the place it lives):
 * - `pat-rotate` (subject: profile), `pat-revoke` (subject: profile, pat_id), `pat-find` (subject: profile;
 *   find a leftover PAT in the list and revoke it);
 * - `profile-check` (subject: profile), `profile-set-expiry` (subject: profile), `profile-add` (a mootup one
 *   when `mootup`), `profile-list`;
 * - `workspace-fix`, `workspace-remove`, `workspace-add` (subject: folder), `workspace-list`,
 *   `workspace-untrack` (a tracked actors.json: take over each agent, then have git stop tracking the file);
 * - `editors-migrate`, `editors-list`, `agents-list`;
 * - `agents-takeover` (subject: actor; every workspace when `all_workspaces`).
 */
export const APP_ACTIONS = [
  'pat-rotate',
  'pat-revoke',
  'pat-find',
  'profile-check',
  'profile-set-expiry',
  'profile-add',
  'profile-list',
  'workspace-fix',
  'workspace-remove',
  'workspace-add',
  'workspace-list',
  'workspace-untrack',
  'editors-migrate',
  'editors-list',
  'agents-list',
  'agents-takeover',
] as const;
export type AppAction = (typeof APP_ACTIONS)[number];

/** An action of the app to do next, with what it applies to (see APP_ACTIONS for which field each uses). */
export interface ActionRemedy {
  kind: 'action';
  action: AppAction;
  /** The profile, the folder or the actor the action applies to. */
  subject?: string;
  /** `pat-revoke`: the PAT to revoke. */
  pat_id?: string;
  /** `agents-takeover`: in every workspace that holds the agent. */
  all_workspaces?: boolean;
  /** `agents-takeover`: even though mootup may see it connected (a retry whose first answer was lost). */
  force?: boolean;
  /** `profile-add`: a mootup profile is what is needed. */
  mootup?: boolean;
}

/**
 * The remedies core offers, a closed union:
 * - `confirm`: the same action again, now confirmed (takeover of a connected agent, revoking the PAT in use);
 * - `replace-token`: the profile's token is revoked, refused or missing: store a new one;
 * - `sign-in`: the OAuth profile is not signed in (or the sign-in was refused): sign in again;
 * - `unlock-keychain`: the keyring is locked: unlock it, then retry;
 * - `action`: another action of the app (APP_ACTIONS), e.g. rotate the PAT, fix the folder.
 * (A `run` remedy, a bare command line, would come only where no action of the app fits; none needs it yet.)
 */
export type Remedy =
  | { kind: 'confirm'; action: ConfirmAction; /** What the message offers to do instead (revoking the PAT in use: rotate it). */ instead?: ActionRemedy }
  | { kind: 'replace-token'; profile: string }
  | { kind: 'sign-in'; profile: string }
  | { kind: 'unlock-keychain' }
  | ActionRemedy;

export type RemedyKind = Remedy['kind'];

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** True when a value (e.g. TokentrayError details.remedy, parsed from JSON) is a Remedy. */
export function isRemedy(value: unknown): value is Remedy {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  switch (r.kind) {
    case 'confirm':
      return (CONFIRM_ACTIONS as readonly unknown[]).includes(r.action) && (r.instead === undefined || (isRemedy(r.instead) && r.instead.kind === 'action'));
    case 'replace-token':
    case 'sign-in':
      return isText(r.profile);
    case 'unlock-keychain':
      return true;
    case 'action':
      return (APP_ACTIONS as readonly unknown[]).includes(r.action) && (r.subject === undefined || isText(r.subject)) && (r.pat_id === undefined || isText(r.pat_id));
    default:
      return false;
  }
}

/** The remedy carried by an answer, when it is a confirmation to ask for. */
export function confirmRemedy(answer: { ok: boolean; remedy?: Remedy }): Extract<Remedy, { kind: 'confirm' }> | undefined {
  return !answer.ok && answer.remedy?.kind === 'confirm' ? answer.remedy : undefined;
}

/** The actions the window offers as a button next to the sentence that asks for them, with its label. */
const ACTION_BUTTONS: Partial<Record<AppAction, (r: ActionRemedy) => string>> = {
  'pat-rotate': (r) => `Rotate the token of ${r.subject}`,
  'profile-check': (r) => `Check ${r.subject}`,
  'workspace-fix': () => 'Fix',
  'workspace-remove': () => 'Remove from list',
  'editors-migrate': () => 'Migrate to keychain',
};

/** Where each action lives in the window, as a clause: what to do there (the hint where no button fits). */
const ACTION_HINTS: Record<AppAction, (r: ActionRemedy) => string> = {
  'pat-rotate': (r) => `Rotate its token with “Rotate” on the card of ${r.subject}.`,
  'pat-revoke': (r) => `Revoke PAT ${r.pat_id} on mootup (Settings → Personal access tokens).`,
  'pat-find': () => 'Find the old PAT on mootup (Settings → Personal access tokens) and revoke it there.',
  'profile-check': (r) => `Check it with “Check” on the card of ${r.subject}.`,
  'profile-set-expiry': (r) => `Record the date with “Edit…” on the card of ${r.subject}.`,
  'profile-add': (r) => (r.mootup ? 'Add a mootup token with “Add a token” in Profiles.' : 'Store the token with “Add a token” in Profiles.'),
  'profile-list': () => 'The Profiles view shows the ones you have.',
  'workspace-fix': (r) => `Fix it with “Fix” on the folder ${r.subject}.`,
  'workspace-remove': (r) => `Remove it with “Remove from list” on the folder ${r.subject}.`,
  'workspace-add': () => 'Add the folder again with “Add a folder…” in Agents, choosing a profile.',
  'workspace-list': () => 'The Agents view lists the folders you added.',
  'workspace-untrack': () => 'Take over each of its agents (“Take over” on each), then have git stop tracking .moot/actors.json (the file stays).',
  'editors-migrate': () => 'Move it to the keychain with “Migrate to keychain” in Editors.',
  'editors-list': () => 'The Editors view shows what is installed.',
  'agents-list': () => 'The Agents view shows your agents.',
  'agents-takeover': (r) =>
    r.all_workspaces ? `Take it over again in every folder that holds it (“Take over” on the agent ${r.subject}).` : r.subject ? `Take it over with “Take over” on the agent ${r.subject}.` : 'Take each agent over with “Take over” in Agents.',
};

/** The label of the button the window shows for a remedy; null where it is a dialog (confirm) or a hint. */
export function remedyButton(remedy: Remedy): string | null {
  switch (remedy.kind) {
    case 'confirm':
      return null;
    case 'replace-token':
      return `Replace the token of ${remedy.profile}…`;
    case 'sign-in':
      return `Sign in to ${remedy.profile}`;
    case 'unlock-keychain':
      return 'I unlocked it: try again';
    case 'action':
      return ACTION_BUTTONS[remedy.action]?.(remedy) ?? null;
  }
}

/** One sentence for a remedy where no button fits (a tray notification): what to do, in the app's words. */
export function remedyHint(remedy: Remedy): string {
  switch (remedy.kind) {
    case 'confirm':
      return 'Confirm it to go ahead.';
    case 'replace-token':
      return `Store a new token with “Replace token…” on the card of ${remedy.profile}.`;
    case 'sign-in':
      return `Sign in to ${remedy.profile} again.`;
    case 'unlock-keychain':
      return 'Unlock your keyring, then try again.';
    case 'action':
      return ACTION_HINTS[remedy.action](remedy);
  }
}
