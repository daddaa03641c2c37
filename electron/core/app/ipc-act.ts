import type { ResultCode } from '../../../shared/error-codes';
import type { ActionResult } from '../../../shared/ipc';
import type { Remedy } from '../../../shared/remedy';
import { windowWords } from '../../../shared/window-words';
import { TokentrayError, errorMessage, remedyOf } from '../errors';
import { explainFsError } from '../home';
import type { IpcHost } from './ipc-host';

/** An answer in the GUI's words: core's sentences name CLI commands, the tray and the window have buttons (shared/window-words.ts). */
export function inWindowWords<T extends ActionResult>(result: T): T {
  return {
    ...result,
    message: windowWords(result.message),
    ...(result.warning && { warning: windowWords(result.warning) }),
    ...(result.steps && { steps: result.steps.map((step) => ({ ...step, ...(step.message && { message: windowWords(step.message) }) })) }),
  };
}

/** What an answer takes from a core result: nothing else of it (keys, file lists) crosses to the GUI. */
export interface CoreAnswer {
  ok?: boolean;
  message: string;
  code?: ResultCode;
  remedy?: Remedy;
  warning?: string;
}

/** A core result as an answer: its ok (true when it has none), message, code, remedy and warning, each only when set. */
export function answerOf({ ok = true, message, code, remedy, warning }: CoreAnswer): ActionResult {
  return { ok, message, ...(code && { code }), ...(remedy && { remedy }), ...(warning && { warning }) };
}

/**
 * Runs an action and turns any error into an ActionResult (its remedy as data). It answers at once; the
 * state refresh starts after the answer has left, and the store pushes the new state to the tray and
 * the window through its subscribers (a click does not wait for a full rebuild).
 */
export async function act<T extends ActionResult>(host: IpcHost, run: () => Promise<T>): Promise<T | ActionResult> {
  let answer: T | ActionResult;
  try {
    answer = inWindowWords(await run());
  } catch (raw) {
    const error = explainFsError(raw, host.ctx.home) ?? raw;
    const code = error instanceof TokentrayError ? error.code : 'internal';
    const remedy = remedyOf(error);
    answer = inWindowWords({ ok: false, code, message: errorMessage(error), ...(remedy && { remedy }) });
  }
  refreshAfter(host);
  return answer;
}

/** Starts a state refresh once the current answer is on its way (after the one running now, which may predate the action). */
export function refreshAfter(host: Pick<IpcHost, 'store'>): void {
  setImmediate(() => host.store.invalidate());
}

/** The answer for what only the desktop app can do, where there is none. */
export function unavailable(): ActionResult {
  return { ok: false, code: 'unavailable', message: 'Only the tokentray app can do this.' };
}
