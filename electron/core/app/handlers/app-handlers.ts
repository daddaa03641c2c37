import { TokentrayError } from '../../errors';
import { act, unavailable } from '../ipc-act';
import type { IpcHandlers, IpcHost } from '../ipc-host';

/** The IPC handlers for the state snapshot and what only the app does: start at login, quit, open a link. */
export function appHandlers(host: IpcHost): Pick<IpcHandlers, 'state:get' | 'state:refresh' | 'app:start-at-login' | 'app:quit' | 'app:open-external'> {
  return {
    'state:get': async () => host.store.current(),
    'state:refresh': () => host.store.refresh({ agents: 'fetch' }),
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
