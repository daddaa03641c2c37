import { loginProfile } from '../../oauth/login';
import { addOAuthProfile } from '../../oauth/oauth-profile';
import { describeSummary } from '../../oauth/oauth-status';
import { signOut } from '../../oauth/sign-out';
import { act } from '../ipc-act';
import type { IpcHandlers, IpcHost } from '../ipc-host';

/** The IPC handlers for OAuth MCP profiles: add, sign in, sign out. */
export function oauthHandlers(host: IpcHost): Pick<IpcHandlers, 'oauth:add' | 'oauth:login' | 'oauth:logout'> {
  const { ctx } = host;
  return {
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
  };
}
