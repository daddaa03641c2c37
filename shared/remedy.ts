/**
 * What a person can do about a result, as data. Core attaches it; each host words it: the CLI as a
 * command line (run again with a flag), the tray and the window as a dialog or a button. No GUI text
 * names a command-line flag.
 */

/** The remedies core offers today. `confirm`: the same action again, now confirmed (takeover of a connected agent). */
export type Remedy = { kind: 'confirm'; action: 'takeover' };

/** True when a value (e.g. TokentrayError details.remedy, parsed from JSON) is a Remedy. */
export function isRemedy(value: unknown): value is Remedy {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'confirm' && (value as { action?: unknown }).action === 'takeover';
}
