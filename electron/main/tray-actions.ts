/**
 * What each tray menu item does, written against plain handles (the core handler table, the window,
 * the clipboard, a confirm dialog) so tests can run it with plain objects.
 */
import type { IpcHandlers } from '../core/app/ipc-handlers';
import { dispatchIpc } from '../core/app/ipc-handlers';
import { runWithConfirm } from '../../shared/confirm-loop';
import type { ActionResult, IpcChannel, IpcRequest, IpcResponse } from '../../shared/ipc';
import { remedyHint } from '../../shared/remedy';
import type { TrayNotification } from './notifications';
import type { MenuEditor, TrayAction } from './tray-menu';

/** The handles a tray action may use. */
export interface TrayActionDeps {
  handlers: IpcHandlers;
  refresh(): Promise<unknown>;
  openWindow(): void;
  copyText(text: string): void;
  /** The editor config document for a profile (core's mcpConfigSnippet with the resolved launcher). */
  mcpConfigSnippet(profile: string, editor: MenuEditor): string;
  /** Asks the user to confirm a takeover of a connected agent; true to go ahead. */
  confirmTakeover(agent: { actor_id: string; display_name: string }, serverMessage: string): Promise<boolean>;
  notify(notification: TrayNotification): void;
  toggleStartAtLogin(): void;
  quit(): void;
}

/** Same validation and token guard as the window's IPC: the tray goes through dispatchIpc too. */
async function call<C extends IpcChannel>(deps: TrayActionDeps, channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
  return (await dispatchIpc(deps.handlers, channel, request)) as IpcResponse<C>;
}

/** An answer as a notification: its message, its warning, and its remedy in the app's words (never a flag). */
function report(deps: TrayActionDeps, title: string, result: ActionResult, quietOnSuccess = false): void {
  if (result.ok && quietOnSuccess) return;
  const said = result.warning ? `${result.message} (${result.warning})` : result.message;
  const body = result.remedy ? `${said}${/[.!?]$/.test(said) ? '' : '.'} ${remedyHint(result.remedy)}` : said;
  deps.notify({ title: result.ok ? title : `${title} failed`, body });
}

async function takeover(deps: TrayActionDeps, action: Extract<TrayAction, { type: 'agent-takeover' }>): Promise<void> {
  const request = { actor_id: action.actor_id, force: false, ...(action.workspace && { workspace: action.workspace }) };
  const agent = { actor_id: action.actor_id, display_name: action.display_name };
  // The one confirm loop (shared/confirm-loop.ts): a connected agent is asked about once, in the native dialog.
  const { answer, declined } = await runWithConfirm((req: typeof request) => call(deps, 'agents:takeover', req), request, ({ answer: asked }) => deps.confirmTakeover(agent, asked.message));
  if (declined) return;
  // Success is announced from the audit log (notifications.ts), which also covers the CLI.
  report(deps, `Take over ${action.display_name}`, answer, true);
}

/** Runs one tray menu action; never throws (failures become notifications). */
export async function runTrayAction(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  try {
    switch (action.type) {
      case 'profile-check':
        return report(deps, `Check ${action.profile}`, await call(deps, 'profile:check', { name: action.profile }));
      case 'pat-rotate':
        return report(deps, `Rotate PAT of ${action.profile}`, await call(deps, 'pat:rotate', { name: action.profile }));
      case 'oauth-login':
        return report(deps, `Sign in to ${action.profile}`, await call(deps, 'oauth:login', { name: action.profile }));
      case 'oauth-logout':
        return report(deps, `Sign out of ${action.profile}`, await call(deps, 'oauth:logout', { name: action.profile }));
      case 'copy-mcp-config': {
        // Built from the launcher path and the profile name only: a snippet never holds a token.
        let snippet: string;
        try {
          snippet = deps.mcpConfigSnippet(action.profile, action.editor);
        } catch (error) {
          return deps.notify({ title: 'Copy MCP config failed', body: error instanceof Error ? error.message : String(error) });
        }
        deps.copyText(snippet);
        return deps.notify({ title: 'MCP config copied', body: `Paste it into ${action.editor}'s MCP settings. It runs tokentray; the token stays in the keychain.` });
      }
      case 'agent-release':
        return report(deps, `Release ${action.display_name}`, await call(deps, 'agents:release', { actor_id: action.actor_id }), true);
      case 'agent-takeover':
        return await takeover(deps, action);
      case 'profile-replace':
      case 'open-window':
        return deps.openWindow();
      case 'refresh':
        await deps.refresh();
        return;
      case 'toggle-start-at-login':
        return deps.toggleStartAtLogin();
      case 'quit':
        return deps.quit();
    }
  } catch (error) {
    deps.notify({ title: 'tokentray action failed', body: error instanceof Error ? error.message : String(error) });
  }
}
