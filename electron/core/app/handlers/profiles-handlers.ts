import { resolveLauncher } from '../../editors/launcher';
import { mcpConfigSnippet } from '../../editors/proxy-entry';
import { rotatePat } from '../../profiles/pat/pat-rotate';
import { checkProfile } from '../../profiles/profile-check';
import { replaceProfileToken } from '../../profiles/profile-replace';
import { addedAnswer, snippetAnswer, updatedAnswer } from '../../profiles/profile-answers';
import { setProfile } from '../../profiles/profile-set';
import { findProfile } from '../../profiles/profile-store';
import { addProfile, removeProfile } from '../../profiles/profiles';
import { act } from '../ipc-act';
import type { IpcHandlers, IpcHost } from '../ipc-host';

/** The IPC handlers for profiles and their tokens: add, remove, check, replace, set, PAT rotation, MCP config snippets (core words each answer). */
export function profileHandlers(host: IpcHost): Pick<IpcHandlers, 'profile:add' | 'profile:remove' | 'profile:check' | 'profile:replace' | 'profile:set' | 'pat:rotate' | 'profile:mcp-config'> {
  const { ctx } = host;
  return {
    'profile:add': (req) =>
      act(host, async () => {
        const { token, ...input } = req;
        const { profile, warning } = await addProfile(ctx, input, token);
        return addedAnswer(profile, ctx.secrets.backend, warning);
      }),
    'profile:remove': (req) =>
      act(host, async () => {
        const result = await removeProfile(ctx, req.name);
        return { ok: true, message: result.message };
      }),
    'profile:check': (req) =>
      act(host, async () => {
        const result = await checkProfile(ctx, req.name);
        return { ok: result.status === 'ok', message: result.message, ...(result.error_code && { code: result.error_code }), ...(result.remedy && { remedy: result.remedy }), ...(result.warning && { warning: result.warning }) };
      }),
    'profile:replace': (req) =>
      act(host, async () => {
        const result = await replaceProfileToken(ctx, req.name, req.token);
        return { ok: true, message: result.message, ...(result.warning && { warning: result.warning }) };
      }),
    'profile:set': (req) =>
      act(host, async () => {
        const { name, ...settings } = req;
        return updatedAnswer(await setProfile(ctx, name, settings));
      }),
    'pat:rotate': (req) =>
      act(host, async () => {
        const result = await rotatePat(ctx, req.name);
        // `next` is a command line for the terminal; the message already says what is left to do.
        return { ok: result.ok, message: result.message, steps: result.steps, warning: result.agents_note, ...(result.code && { code: result.code }), ...(result.remedy && { remedy: result.remedy }) };
      }),
    'profile:mcp-config': (req) =>
      act(host, async () => {
        findProfile(ctx.home, req.name);
        return snippetAnswer(req.editor, req.name, mcpConfigSnippet(req.editor, req.name, resolveLauncher(ctx.env)));
      }),
  };
}
