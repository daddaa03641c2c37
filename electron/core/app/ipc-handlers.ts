import { IPC_CHANNELS, parseIpcRequest, type ActionResult, type IpcChannel, type IpcRequest, type IpcResponse } from '../../../shared/ipc';
import type { AppState } from '../../../shared/app-state';
import { isRemedy } from '../../../shared/remedy';
import { windowWords } from '../../../shared/window-words';
import type { CoreContext } from '../context';
import { TokentrayError, errorMessage } from '../errors';
import { explainFsError } from '../home';
import { addWorkspace, fixWorkspace, releaseAgent, removeWorkspace, takeoverAgent } from '../agents/index';
import { installEntry, removeEntry } from '../editors/install';
import { listEditors } from '../editors/list';
import { repairStaleEntries } from '../launcher/repair';
import { installAll } from '../editors/install-all';
import { resolveLauncher } from '../editors/launcher';
import { migrateEditors } from '../editors/migrate';
import { mcpConfigSnippet } from '../editors/proxy-entry';
import { scanForTokens } from '../editors/scan';
import { rotatePat } from '../secrets/pat/pat-rotate';
import { checkProfile } from '../secrets/profile-check';
import { replaceProfileToken } from '../secrets/profile-replace';
import { setProfile } from '../secrets/profile-set';
import { findProfile } from '../secrets/profile-store';
import { addProfile, removeProfile } from '../secrets/profiles';
import { answerForRenderer, stateForRenderer } from './renderer-guard';
import { loginProfile } from '../oauth/login';
import { addOAuthProfile } from '../oauth/oauth-profile';
import { describeSummary } from '../oauth/oauth-status';
import { signOut } from '../oauth/sign-out';
import type { StateStore } from './state-store';

/** What the host (Electron main, or the E2E bridge) lends the handlers. */
export interface IpcHost {
  ctx: CoreContext;
  store: StateStore;
  /** A native folder picker; null when cancelled. */
  pickFolder(): Promise<string | null>;
  /** Opens an https URL in the user's browser (already checked by the handler). */
  openExternal(url: string): Promise<void>;
  /**
   * Shows, once and outside the renderer, a new agent key that could not be written to disk (a
   * native dialog in Electron). The key never travels over IPC.
   */
  showUnsavedKey(info: { actor_id: string; display_name: string; workspace: string; key: string }): Promise<void>;
  /** What only the desktop app can do (absent in the browser tests' bridge). */
  desktop?: { setStartAtLogin(enabled: boolean): void; quit(): void };
}

/** The handler table: one function per channel, plain data in and out, no Electron. */
export type IpcHandlers = { [C in IpcChannel]: (request: IpcRequest<C>) => Promise<IpcResponse<C>> };

/** An answer in the GUI's words: core's sentences name CLI commands, the tray and the window have buttons (shared/window-words.ts). */
function inWindowWords<T extends ActionResult>(result: T): T {
  return {
    ...result,
    message: windowWords(result.message),
    ...(result.warning && { warning: windowWords(result.warning) }),
    ...(result.steps && { steps: result.steps.map((step) => ({ ...step, ...(step.message && { message: windowWords(step.message) }) })) }),
  };
}

/** Runs an action, turns any error into an ActionResult, and refreshes the state afterwards. */
async function act<T extends ActionResult>(host: IpcHost, run: () => Promise<T>): Promise<T | ActionResult> {
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
function unavailable(): ActionResult {
  return { ok: false, code: 'unavailable', message: 'Only the tokentray app can do this.' };
}

/** Builds the handler table from core. Main wires it to ipcMain; the E2E tests call it directly. */
export function createIpcHandlers(host: IpcHost): IpcHandlers {
  const { ctx } = host;
  return {
    'state:get': async () => host.store.current(),
    'state:refresh': () => host.store.refresh(),
    'profile:add': (req) =>
      act(host, async () => {
        const { token, ...input } = req;
        const { profile, warning } = await addProfile(ctx, input, token);
        return { ok: true, message: `Stored ${profile.name} (${profile.token_hint}) in ${ctx.secrets.backend}.`, profile, ...(warning && { warning }) };
      }),
    'profile:remove': (req) =>
      act(host, async () => {
        const result = await removeProfile(ctx, req.name);
        return { ok: true, message: result.message };
      }),
    'profile:check': (req) =>
      act(host, async () => {
        const result = await checkProfile(ctx, req.name);
        return { ok: result.status === 'ok', message: result.message, ...(result.error_code && { code: result.error_code }), ...(result.warning && { warning: result.warning }) };
      }),
    'profile:replace': (req) =>
      act(host, async () => {
        const result = await replaceProfileToken(ctx, req.name, req.token);
        return { ok: true, message: result.message, ...(result.warning && { warning: result.warning }) };
      }),
    'profile:set': (req) =>
      act(host, async () => {
        const { name, ...settings } = req;
        const profile = await setProfile(ctx, name, settings);
        return { ok: true, message: `Updated ${profile.name}.` };
      }),
    'oauth:add': (req) =>
      act(host, async () => {
        const { client_secret, ...input } = req;
        const profile = await addOAuthProfile(ctx, input, client_secret);
        return { ok: true, message: `Added ${profile.name}; sign in to use it.`, profile };
      }),
    'oauth:login': (req) =>
      act(host, async () => {
        // The state shows the waiting sign-in (profile.oauth.sign_in, with its URL) once the browser opens.
        const oauth = await loginProfile(ctx, req.name, { onUrl: () => void host.store.refresh().catch(() => undefined) });
        return { ok: true, message: describeSummary(req.name, oauth), oauth };
      }),
    'oauth:logout': (req) =>
      act(host, async () => {
        const result = await signOut(ctx, req.name);
        return { ok: true, message: result.message, ...(typeof result.revoked === 'string' && { warning: `revoking failed: ${result.revoked}` }) };
      }),
    'pat:rotate': (req) =>
      act(host, async () => {
        const result = await rotatePat(ctx, req.name);
        // `next` is a command line for the terminal; the message already says what is left to do.
        return { ok: result.ok, message: result.message, steps: result.steps, warning: result.agents_note, ...(result.code && { code: result.code }) };
      }),
    'profile:mcp-config': (req) =>
      act(host, async () => {
        findProfile(ctx.home, req.name);
        const snippet = mcpConfigSnippet(req.editor, req.name, resolveLauncher(ctx.env));
        return { ok: true, message: `The ${req.editor} entry starts tokentray for profile ${req.name}; it holds no token.`, snippet };
      }),
    'editors:install': (req) =>
      act(host, async () => {
        const result = installEntry(ctx, { editor: req.editor, profile: req.profile, scope: req.scope, ...(req.project && { projectDir: req.project }) });
        return { ok: true, message: result.changed ? `Installed "${result.name}" in ${result.file}.` : `"${result.name}" was already installed in ${result.file}.` };
      }),
    'editors:remove': (req) =>
      act(host, async () => {
        const result = removeEntry(ctx, { editor: req.editor, profile: req.profile, scope: req.scope, ...(req.project && { projectDir: req.project }) });
        return { ok: true, message: result.changed ? `Removed tokentray's entry from ${result.file}.` : `No tokentray entry for ${req.profile} in ${result.file}.` };
      }),
    'editors:install-all': (req) =>
      act(host, async () => {
        const report = installAll(ctx, { profile: req.profile, ...(req.scope && { scope: req.scope }), ...(req.project && { projectDir: req.project }) });
        const results = report.results.map((r) => ({
          editor: r.editor,
          label: r.label,
          ok: r.ok,
          changed: r.result?.changed ?? false,
          ...(r.result && { file: r.result.file }),
          message: r.ok ? (r.result!.changed ? `Installed "${r.result!.name}" in ${r.result!.file}.` : `Already installed in ${r.result!.file}.`) : r.error!,
        }));
        if (results.length === 0) return { ok: false, code: 'not_found', message: 'No editor was found on this computer.', results };
        const connected = results.filter((r) => r.ok);
        const failed = results.filter((r) => !r.ok);
        const message = connected.length > 0 ? `Connected ${connected.map((r) => r.label).join(', ')} to ${req.profile}.` : `No editor could be connected to ${req.profile}.`;
        return { ok: failed.length === 0, message, results, ...(failed.length > 0 && { warning: failed.map((f) => `${f.label}: ${f.message}`).join(' ') }) };
      }),
    'editors:scan': () =>
      act(host, async () => {
        const report = scanForTokens(ctx.env);
        const count = report.findings.length;
        return { ok: true, message: count === 0 ? `No plaintext tokens in ${report.files_scanned} file(s).` : `${count} plaintext token(s) found in ${report.files_scanned} file(s).` };
      }),
    'editors:migrate': () =>
      act(host, async () => {
        const report = await migrateEditors(ctx, { apply: true });
        const moved = report.migrated.length;
        const message = moved === 0 ? 'Nothing to migrate.' : `Moved ${moved} token(s) into the keychain and replaced their entries with tokentray's proxy.`;
        // The window words the advice itself (Rotate / Replace buttons) from `exposed`; report.advice is the CLI's.
        const exposed = [...new Map(report.migrated.map((m) => [m.profile, { profile: m.profile, kind: m.profile_kind, file: m.file, token_hint: m.token_hint }])).values()];
        return { ok: true, message, ...(exposed.length > 0 && { exposed }) };
      }),
    'editors:repair': () =>
      act(host, async () => {
        const report = repairStaleEntries(ctx);
        const failed = report.failed.map((f) => ({ file: f.file, name: f.name, message: f.error }));
        const n = report.repaired.length;
        const message = n === 0 && failed.length === 0 ? 'Every editor entry runs a command that exists; nothing to repair.' : `Repaired ${n} editor entr${n === 1 ? 'y' : 'ies'}: they run ${report.launcher} now.`;
        return { ok: failed.length === 0, message, repaired: n, failed, ...(failed.length > 0 && { warning: failed.map((f) => `${f.file}: ${f.message}`).join(' ') }) };
      }),
    'agents:release': (req) =>
      act(host, async () => {
        const result = await releaseAgent(ctx, req.actor_id);
        return { ok: true, message: result.message };
      }),
    'agents:takeover': (req) =>
      act(host, async () => {
        // One click updates every folder on this machine that holds the agent, so none is left with a dead key.
        const { unsaved_key, ...result } = await takeoverAgent(ctx, {
          actorId: req.actor_id,
          force: req.force,
          allWorkspaces: true,
          ...(req.workspace && { workspace: req.workspace }),
        });
        if (unsaved_key) {
          await host.showUnsavedKey({ actor_id: result.actor_id, display_name: result.display_name, workspace: result.workspace, key: unsaved_key });
        }
        return { ok: result.ok, message: result.message, ...(result.code && { code: result.code }) };
      }),
    'workspace:add': (req) =>
      act(host, async () => {
        const result = await addWorkspace(ctx, req.dir, req.profile);
        return { ok: true, message: result.message, ...(result.note && { warning: result.note }) };
      }),
    'workspace:remove': (req) => act(host, async () => ({ ok: true, message: (await removeWorkspace(ctx, req.dir)).message })),
    'workspace:fix': (req) =>
      act(host, async () => {
        const result = await fixWorkspace(ctx, req.dir);
        return { ok: result.ok, message: result.message };
      }),
    'workspace:pick': async () => ({ dir: await host.pickFolder() }),
    'app:start-at-login': (req) =>
      act(host, async () => {
        if (!host.desktop) return unavailable();
        host.desktop.setStartAtLogin(req.enabled);
        return { ok: true, message: req.enabled ? 'tokentray starts when you log in.' : 'tokentray no longer starts when you log in.' };
      }),
    'app:quit': async () => {
      if (!host.desktop) return unavailable();
      host.desktop.quit();
      return { ok: true, message: 'Quitting tokentray.' };
    },
    'app:open-external': (req) =>
      act(host, async () => {
        const url = new URL(req.url);
        if (url.protocol !== 'https:') throw new TokentrayError('invalid_input', 'only https:// links are opened');
        await host.openExternal(url.toString());
        return { ok: true, message: `Opened ${url.host}` };
      }),
  };
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
