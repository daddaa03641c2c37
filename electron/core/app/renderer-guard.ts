import type { AppState } from '../../../shared/app-state';
import { redactDeep, secretHits } from '../redact/redact';

/**
 * The last check before anything reaches the settings window: by the secrets the process knows
 * (an `mcp` token may have any shape) as well as by token shapes. Core redacts server text where
 * it enters; this catches whatever slipped past (e.g. text stored by an older version).
 */

/** Where the guard says it acted (main's stderr); never given the secret. */
export type GuardWarn = (message: string) => void;

const stderrWarn: GuardWarn = (message) => process.stderr.write(`${message}\n`);

/** The state as the window and the tray may see it: any secret in it replaced by its hint, the rest kept. */
export function stateForRenderer(state: AppState, warn: GuardWarn = stderrWarn): AppState {
  const hits = secretHits(state);
  if (hits === 0) return state;
  warn(`tokentray: the state for the window held ${hits} secret(s); each was replaced by its hint`);
  return redactDeep(state);
}

/** An IPC answer as the window may see it: withheld (an error in its place) when it would carry a secret. */
export function answerForRenderer(channel: string, response: unknown, warn: GuardWarn = stderrWarn): unknown {
  if (secretHits(response) === 0) return response;
  warn(`tokentray: withheld a ${channel} response that contained a secret`);
  return { ok: false, code: 'internal', message: 'internal error: the answer contained a secret and was withheld' };
}
