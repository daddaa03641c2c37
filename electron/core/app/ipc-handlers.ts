import { IPC_CHANNELS, parseIpcRequest, type ActionResult, type IpcChannel, type IpcRequest, type IpcResponse } from '../../../shared/ipc';
import { TOKEN_SEARCH_PATTERNS } from '../../../shared/token-formats';
import type { CoreContext } from '../context';
import { TokentrayError, errorMessage } from '../errors';
import { addWorkspace, fixWorkspace, releaseAgent, removeWorkspace, takeoverAgent } from '../agents/index';
import { installEntry, removeEntry } from '../editors/install';
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
}

/** The handler table: one function per channel, plain data in and out, no Electron. */
export type IpcHandlers = { [C in IpcChannel]: (request: IpcRequest<C>) => Promise<IpcResponse<C>> };

/** Runs an action, turns any error into an ActionResult, and refreshes the state afterwards. */
async function act<T extends ActionResult>(host: IpcHost, run: () => Promise<T>): Promise<T | ActionResult> {
  try {
    return await run();
  } catch (error) {
    const code = error instanceof TokentrayError ? error.code : 'internal';
    return { ok: false, code, message: errorMessage(error), ...(code === 'needs_confirmation' && { needs_confirmation: true }) };
  } finally {
    await host.store.refresh().catch(() => undefined);
  }
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
        await removeProfile(ctx, req.name);
        return { ok: true, message: `Removed ${req.name} and its keychain entry.` };
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
        return { ok: result.ok, message: result.next ? `${result.message} Next: ${result.next}` : result.message, steps: result.steps, warning: result.agents_note, ...(result.code && { code: result.code }) };
      }),
    'profile:mcp-config': (req) =>
      act(host, async () => {
        findProfile(ctx.home, req.name);
        const snippet = mcpConfigSnippet(req.editor, req.name, resolveLauncher(ctx.env));
        return { ok: true, message: `MCP config for ${req.editor} (launches \`tokentray mcp ${req.name}\`; no token in it).`, snippet };
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
        return { ok: true, message, ...(report.advice.length > 0 && { warning: report.advice.join(' ') }) };
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
    'app:open-external': (req) =>
      act(host, async () => {
        const url = new URL(req.url);
        if (url.protocol !== 'https:') throw new TokentrayError('invalid_input', 'only https:// links are opened');
        await host.openExternal(url.toString());
        return { ok: true, message: `Opened ${url.host}` };
      }),
  };
}

/** A token-shaped string in a response is a bug: answer with an error instead of leaking it. */
function containsToken(value: unknown): boolean {
  const text = JSON.stringify(value) ?? '';
  return TOKEN_SEARCH_PATTERNS.some(({ pattern }) => new RegExp(pattern.source).test(text));
}

/**
 * Validates and runs one IPC call. Unknown channels and malformed payloads are refused with a
 * message; a response that would carry a token is withheld.
 */
export async function dispatchIpc(handlers: IpcHandlers, channel: unknown, payload: unknown): Promise<unknown> {
  if (typeof channel !== 'string' || !(IPC_CHANNELS as string[]).includes(channel)) {
    return { ok: false, code: 'invalid_input', message: `unknown IPC channel ${JSON.stringify(channel)}` };
  }
  const parsed = parseIpcRequest(channel as IpcChannel, payload);
  if (!parsed.ok) return { ok: false, code: 'invalid_input', message: parsed.message };
  const handler = handlers[channel as IpcChannel] as (request: unknown) => Promise<unknown>;
  const response = await handler(parsed.value);
  if (containsToken(response)) {
    process.stderr.write(`tokentray: withheld a ${channel} response that contained a token\n`);
    return { ok: false, code: 'internal', message: 'internal error: the answer contained a secret and was withheld' };
  }
  return response;
}
