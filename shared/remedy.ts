/**
 * What a person can do about a result, as data. Core attaches it (on a TokentrayError or on an
 * action's result); each host words it: the CLI as a command line (electron/cli/remedy.ts), the tray
 * and the window as a dialog or a button (remedyButton / remedyHint below). No GUI text names a flag.
 */

/** The actions that may need a confirmation and are asked again, confirmed, with `force`. */
export const CONFIRM_ACTIONS = ['takeover', 'pat-revoke'] as const;
export type ConfirmAction = (typeof CONFIRM_ACTIONS)[number];

/**
 * The remedies core offers, a closed union:
 * - `confirm`: the same action again, now confirmed (takeover of a connected agent, revoking the PAT in use);
 * - `replace-token`: the profile's token is revoked, refused or missing: store a new one;
 * - `sign-in`: the OAuth profile is not signed in (or the sign-in was refused): sign in again;
 * - `unlock-keychain`: the keyring is locked: unlock it, then retry.
 * (A `run` remedy, a bare command line, would come only where no action of the app fits; none needs it yet.)
 */
export type Remedy =
  | { kind: 'confirm'; action: ConfirmAction }
  | { kind: 'replace-token'; profile: string }
  | { kind: 'sign-in'; profile: string }
  | { kind: 'unlock-keychain' };

export type RemedyKind = Remedy['kind'];

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** True when a value (e.g. TokentrayError details.remedy, parsed from JSON) is a Remedy. */
export function isRemedy(value: unknown): value is Remedy {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  switch (r.kind) {
    case 'confirm':
      return (CONFIRM_ACTIONS as readonly unknown[]).includes(r.action);
    case 'replace-token':
    case 'sign-in':
      return isText(r.profile);
    case 'unlock-keychain':
      return true;
    default:
      return false;
  }
}

/** The remedy carried by an answer, when it is a confirmation to ask for. */
export function confirmRemedy(answer: { ok: boolean; remedy?: Remedy }): Extract<Remedy, { kind: 'confirm' }> | undefined {
  return !answer.ok && answer.remedy?.kind === 'confirm' ? answer.remedy : undefined;
}

/** The label of the button the window shows for a remedy (a confirm is a dialog, not a button). */
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
  }
}
