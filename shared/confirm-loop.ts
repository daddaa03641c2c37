/**
 * The one confirm loop: an action that answers with a `confirm` remedy is asked about once, through
 * the host's own dialog (the tray's native message box, the window's modal), and called again with
 * `force` when the person agrees. The tray (electron/main/tray-actions.ts) and the window
 * (renderer agent-row.tsx) both run their confirmable actions through it.
 */
import type { ActionResult } from './ipc';
import { confirmRemedy, type ConfirmAction } from './remedy';

/** What runWithConfirm answers: the last answer, and whether the person was asked and said no. */
export interface ConfirmOutcome<R extends ActionResult> {
  answer: R;
  /** True when the person was asked and declined: the first answer stands, and no forced call was made. */
  declined: boolean;
}

/**
 * Calls `invoke(request)`; when the answer asks for a confirmation, asks `confirm` (with that answer,
 * whose message says what is at stake) and, on yes, calls `invoke` once more with `force: true`.
 */
export async function runWithConfirm<Q extends { force?: boolean }, R extends ActionResult>(
  invoke: (request: Q) => Promise<R>,
  request: Q,
  confirm: (question: { action: ConfirmAction; answer: R }) => Promise<boolean>,
): Promise<ConfirmOutcome<R>> {
  const answer = await invoke(request);
  const remedy = confirmRemedy(answer);
  if (!remedy || request.force) return { answer, declined: false };
  if (!(await confirm({ action: remedy.action, answer }))) return { answer, declined: true };
  return { answer: await invoke({ ...request, force: true }), declined: false };
}
