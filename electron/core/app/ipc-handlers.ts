import { IPC_CHANNELS, parseIpcRequest, type IpcChannel } from '../../../shared/ipc';
import type { AppState } from '../../../shared/app-state';
import { agentsHandlers } from './handlers/agents-handlers';
import { appHandlers } from './handlers/app-handlers';
import { editorsHandlers } from './handlers/editors-handlers';
import { oauthHandlers } from './handlers/oauth-handlers';
import { profileHandlers } from './handlers/profiles-handlers';
import type { IpcHandlers, IpcHost } from './ipc-host';
import { answerForRenderer, stateForRenderer } from './renderer-guard';

export type { IpcHandlers, IpcHost } from './ipc-host';

/** Builds the handler table from core, one file per capability (handlers/). Main wires it to ipcMain; the E2E tests call it directly. */
export function createIpcHandlers(host: IpcHost): IpcHandlers {
  return { ...appHandlers(host), ...profileHandlers(host), ...oauthHandlers(host), ...editorsHandlers(host), ...agentsHandlers(host) };
}

/**
 * Validates and runs one IPC call. Unknown channels and malformed payloads are refused with a
 * message; a state has any secret replaced by its hint, any other response that would carry a
 * secret (known to the process, or token-shaped) is withheld.
 */
export async function dispatchIpc(handlers: IpcHandlers, channel: unknown, payload: unknown): Promise<unknown> {
  if (typeof channel !== 'string' || !(IPC_CHANNELS as string[]).includes(channel)) {
    return { ok: false, code: 'invalid_input', message: `unknown IPC channel ${JSON.stringify(channel)}` };
  }
  const parsed = parseIpcRequest(channel as IpcChannel, payload);
  if (!parsed.ok) return { ok: false, code: 'invalid_input', message: parsed.message };
  const handler = handlers[channel as IpcChannel] as (request: unknown) => Promise<unknown>;
  const response = await handler(parsed.value);
  if (channel === 'state:get' || channel === 'state:refresh') return stateForRenderer(response as AppState);
  return answerForRenderer(channel, response);
}
