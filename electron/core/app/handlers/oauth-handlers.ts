import { loginProfile } from '../../oauth/login';
import { addOAuthProfile } from '../../oauth/oauth-profile';
import { oauthAddedAnswer, signedInAnswer, signedOutAnswer } from '../../oauth/oauth-answers';
import { signOut } from '../../oauth/sign-out';
import { act } from '../ipc-act';
import type { IpcHandlers, IpcHost } from '../ipc-host';

/** The IPC handlers for OAuth MCP profiles: add, sign in, sign out (core words each answer). */
export function oauthHandlers(host: IpcHost): Pick<IpcHandlers, 'oauth:add' | 'oauth:login' | 'oauth:logout'> {
  const { ctx } = host;
  return {
    'oauth:add': (req) =>
      act(host, async () => {
        const { client_secret, ...input } = req;
        return oauthAddedAnswer(await addOAuthProfile(ctx, input, client_secret));
      }),
    'oauth:login': (req) =>
      act(host, async () => {
        // The state shows the waiting sign-in (profile.oauth.sign_in, with its URL) once the browser opens.
        const oauth = await loginProfile(ctx, req.name, { onUrl: () => host.store.invalidate() });
        return signedInAnswer(req.name, oauth);
      }),
    'oauth:logout': (req) =>
      act(host, async () => signedOutAnswer(await signOut(ctx, req.name))),
  };
}
