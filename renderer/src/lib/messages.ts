/** Turns main's answers into sentences for a person. */
import type { ActionResult } from '../../../shared/ipc';
import { isRotationStep, ROTATION_STEP_WORDS } from '../../../shared/rotation-steps';

/** The sentence to show for an answer: main's message, capitalised, with a plainer one for known codes. */
export function resultSentence(result: ActionResult): string {
  if (result.code === 'unavailable') return 'This is not available in this version of tokentray yet.';
  const text = result.message.trim();
  if (!text) return result.ok ? 'Done.' : 'That did not work, and tokentray gave no reason.';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A step of a multi-step answer in words ("revoke_old" → "Revoke the old token"); sentences pass through. */
export function stepWords(step: string): string {
  if (isRotationStep(step)) return ROTATION_STEP_WORDS[step];
  const words = step.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
