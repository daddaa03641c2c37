/**
 * The steps of a PAT rotation, as core's step log names them and every host shows them: one list and
 * one set of words, so the CLI, the tray and the window never read a step name their own way.
 */
export const ROTATION_STEPS = ['heal', 'revoke_leftover', 'create', 'store', 'record', 'verify', 'check', 'restore', 'record_old', 'revoke_new', 'revoke_old'] as const;

/** One step of a rotation (or of its healing on the next run). */
export type RotationStep = (typeof ROTATION_STEPS)[number];

/** Each step in words, as the window's step list shows it. */
export const ROTATION_STEP_WORDS: Record<RotationStep, string> = {
  heal: 'Repair what an interrupted rotation left',
  revoke_leftover: 'Revoke the token an interrupted rotation left',
  create: 'Create a new token',
  store: 'Store it in the keychain',
  record: 'Remember the new token',
  verify: 'Check that it works',
  check: 'Record the check',
  restore: 'Put the old token back',
  record_old: 'Remember the old token again',
  revoke_new: 'Revoke the new token again',
  revoke_old: 'Revoke the old token',
};

/** Whether a string names a rotation step. */
export function isRotationStep(value: string): value is RotationStep {
  return (ROTATION_STEPS as readonly string[]).includes(value);
}
