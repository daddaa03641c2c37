/** Runs one IPC action for a control and keeps its progress and answer in the UI store under `key`. */
import { useCallback, useRef } from 'react';
import type { ActionResult, IpcChannel, IpcRequest, IpcResponse } from '../../../shared/ipc';
import { useAppStore } from './app-store';
import { useUiStore } from './ui-store';

type ActionChannel = { [C in IpcChannel]: IpcResponse<C> extends ActionResult ? C : never }[IpcChannel];

export interface ActionHandle {
  pending: boolean;
  result: ActionResult | undefined;
  /** Calls main; resolves with its answer (a failure to reach main becomes an answer too). */
  run<C extends ActionChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>>;
  /** Records an answer that did not come from main (e.g. a check the form made itself). */
  show(result: ActionResult | null): void;
  /** Runs the last request again (after the person unlocked the keychain); a request that carried a secret is not kept. */
  retry(): void;
}

/** Requests with a secret in them are never kept for a retry. */
const holdsSecret = (request: unknown) => typeof request === 'object' && request !== null && ('token' in request || 'client_secret' in request);

/** The action hook: one key per control (e.g. "check:work"), so answers appear where they were asked for. */
export function useAction(key: string): ActionHandle {
  const pending = useUiStore((s) => s.pending[key] === true);
  const result = useUiStore((s) => s.results[key]);
  const last = useRef<(() => Promise<unknown>) | null>(null);
  const run = useCallback(
    async <C extends ActionChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> => {
      last.current = holdsSecret(request) ? null : () => run(channel, request);
      const { startAction, finishAction } = useUiStore.getState();
      startAction(key);
      let answer: IpcResponse<C>;
      try {
        answer = await useAppStore.getState().call(channel, request);
      } catch (error) {
        answer = { ok: false, code: 'ipc', message: `tokentray did not answer (${error instanceof Error ? error.message : String(error)}). Try again; if it keeps failing, restart tokentray.` } as IpcResponse<C>;
      }
      finishAction(key, answer);
      return answer;
    },
    [key],
  );
  const show = useCallback((r: ActionResult | null) => useUiStore.getState().finishAction(key, r), [key]);
  const retry = useCallback(() => void last.current?.(), []);
  return { pending, result, run, show, retry };
}
