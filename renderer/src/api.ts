/** The preload bridge (`window.tokentray`): the only way the settings window talks to main. */
import type { TokentrayApi } from '../../shared/ipc';

declare global {
  interface Window {
    tokentray?: TokentrayApi;
  }
}

/** The bridge, or null when the page was opened outside tokentray (then nothing can work). */
export function getApi(): TokentrayApi | null {
  return window.tokentray ?? null;
}
