import type { ActionResult } from '../../../shared/ipc';
import { isRemedy } from '../../../shared/remedy';
import { windowWords } from '../../../shared/window-words';
import { TokentrayError, errorMessage } from '../errors';
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

/** Runs an action, turns any error into an ActionResult, and refreshes the state afterwards. */
export async function act<T extends ActionResult>(host: IpcHost, run: () => Promise<T>): Promise<T | ActionResult> {
  try {
    return inWindowWords(await run());
  } catch (raw) {
    const error = explainFsError(raw, host.ctx.home) ?? raw;
    const code = error instanceof TokentrayError ? error.code : 'internal';
    const remedy = error instanceof TokentrayError && isRemedy(error.details.remedy) ? error.details.remedy : undefined;
    return inWindowWords({ ok: false, code, message: errorMessage(error), ...(code === 'needs_confirmation' && { needs_confirmation: true }), ...(remedy && { remedy }) });
  } finally {
    await host.store.refresh().catch(() => undefined);
  }
}

/** The answer for what only the desktop app can do, where there is none. */
export function unavailable(): ActionResult {
  return { ok: false, code: 'unavailable', message: 'Only the tokentray app can do this.' };
}
