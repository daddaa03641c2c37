import { resolveLauncher } from '../../editors/launcher';
import { mcpConfigSnippet } from '../../editors/proxy-entry';
import { rotatePat } from '../../profiles/pat/pat-rotate';
import { checkProfile } from '../../profiles/profile-check';
import { replaceProfileToken } from '../../profiles/profile-replace';
import { addedAnswer, snippetAnswer, updatedAnswer } from '../../profiles/profile-answers';
import { setProfile } from '../../profiles/profile-set';
import { findProfile } from '../../profiles/profile-store';
import { addProfile, removeProfile } from '../../profiles/profiles';
import { act, answerOf } from '../ipc-act';
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
      act(host, async () => answerOf({ message: (await removeProfile(ctx, req.name)).message })),
    'profile:check': (req) =>
      act(host, async () => {
        const result = await checkProfile(ctx, req.name);
        return answerOf({ ok: result.status === 'ok', message: result.message, code: result.error_code, remedy: result.remedy, warning: result.warning });
      }),
    'profile:replace': (req) =>
      act(host, async () => {
        const result = await replaceProfileToken(ctx, req.name, req.token);
        return answerOf({ message: result.message, warning: result.warning });
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
        return { ...answerOf({ ok: result.ok, message: result.message, code: result.code, remedy: result.remedy }), steps: result.steps, warning: result.agents_note };
      }),
    'profile:mcp-config': (req) =>
      act(host, async () => {
        findProfile(ctx.home, req.name);
        return snippetAnswer(req.editor, req.name, mcpConfigSnippet(req.editor, req.name, resolveLauncher(ctx.env)));
      }),
  };
}
