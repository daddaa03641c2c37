/**
 * The pure half of IPC: who may call (only our settings window's top frame on our own page) and
 * the guarded dispatch that refuses anyone else before core validates the payload.
 */
import { dispatchIpc, type IpcHandlers } from '../core/app/ipc-handlers';

/** What main knows about the frame that sent a message. */
export interface SenderFrame {
  /** The frame's URL (event.senderFrame.url); null when the frame is gone. */
  url: string | null;
  /** Whether it is the top frame of its page (senderFrame === sender.mainFrame). */
  isTopFrame: boolean;
  /** The id of the webContents that sent it. */
  webContentsId: number;
}

/** What our window looks like: its webContents id and the page it must be showing. */
export interface ExpectedSender {
  webContentsId: number | null;
  /** app://tokentray/index.html (the built page), or the dev server URL when TOKENTRAY_DEV_URL is set. */
  pageUrl: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for our window's top frame showing our own page (the same app:// or file:// page, or the same dev-server origin). */
export function isTrustedSender(frame: SenderFrame, expected: ExpectedSender): boolean {
  if (expected.webContentsId === null || frame.webContentsId !== expected.webContentsId) return false;
  if (!frame.isTopFrame || frame.url === null) return false;
  const actual = parse(frame.url);
  const page = parse(expected.pageUrl);
  if (!actual || !page || actual.protocol !== page.protocol) return false;
  // app:// and file:// have no origin Node's URL compares ("null"): require the very same page; hash routes are fine.
  if (page.protocol === 'app:' || page.protocol === 'file:') return actual.host === page.host && actual.pathname === page.pathname;
  return (page.protocol === 'http:' || page.protocol === 'https:') && actual.origin === page.origin;
}

/** The answer a refused sender gets; it names no channel data. */
export const UNTRUSTED_SENDER_RESPONSE = { ok: false, code: 'forbidden', message: 'refused: this IPC call did not come from the tokentray settings window' } as const;

/** Checks the sender, then lets core validate the payload and run the handler. */
export async function guardedDispatch(handlers: IpcHandlers, frame: SenderFrame, expected: ExpectedSender, channel: unknown, payload: unknown): Promise<unknown> {
  if (!isTrustedSender(frame, expected)) return UNTRUSTED_SENDER_RESPONSE;
  return dispatchIpc(handlers, channel, payload);
}

/** The page URL the window loads: the dev server when asked for, else our built page (app://tokentray/index.html). */
export function settingsPageUrl(env: NodeJS.ProcessEnv, builtPageUrl: string): string {
  const dev = env.TOKENTRAY_DEV_URL ? parse(env.TOKENTRAY_DEV_URL) : null;
  // The dev server is only ever trusted on loopback.
  if (dev && dev.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(dev.hostname)) return dev.toString();
  return builtPageUrl;
}
