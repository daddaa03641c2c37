/**
 * SEAM for the OAuth work (another team adds OAuth profiles and the OAUTH_SIGNIN_CHANNEL): the window
 * shows "An MCP service with sign-in" only when main's state says the contract has that channel
 * (state.features.oauth_signin). This is the one place that then adds the profile and starts the
 * sign-in; adjust its two requests to the contract as it lands.
 */
import { OAUTH_SIGNIN_CHANNEL_NAME } from './oauth-channel';
import type { ActionResult } from '../../../shared/ipc';
import { getApi } from '../api';

/** What the form knows of an OAuth profile to add. */
export interface OAuthDraft {
  name: string;
  url: string;
  label?: string;
}

type LooseInvoke = (channel: string, request: Record<string, unknown>) => Promise<ActionResult>;

/** Adds the OAuth profile, then asks main to sign it in (main opens the browser); answers as any action does. */
export async function signInOAuthProfile(draft: OAuthDraft): Promise<ActionResult> {
  const api = getApi();
  if (!api) return { ok: false, code: 'ipc', message: 'This window has no connection to tokentray.' };
  // Loosely typed on purpose: these requests are not in this version's contract yet.
  const invoke = api.invoke as unknown as LooseInvoke;
  const added = await invoke('profile:add', { name: draft.name, kind: 'mcp', auth: 'oauth', url: draft.url, ...(draft.label && { label: draft.label }) });
  if (!added.ok) return added;
  return invoke(OAUTH_SIGNIN_CHANNEL_NAME, { name: draft.name });
}
