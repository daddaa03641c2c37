/**
 * The window's OAuth sign-in: the one place that adds the profile (`oauth:add`) and starts the
 * sign-in (`oauth:login`; main opens the browser).
 */
import type { ActionResult } from '../../../shared/ipc';
import { getApi } from '../api';

/** What the form knows of an OAuth profile to add. */
export interface OAuthDraft {
  name: string;
  url: string;
  label?: string;
}

/** Adds the OAuth profile, then asks main to sign it in (main opens the browser); answers as any action does. */
export async function signInOAuthProfile(draft: OAuthDraft): Promise<ActionResult> {
  const api = getApi();
  if (!api) return { ok: false, code: 'ipc', message: 'This window has no connection to tokentray.' };
  const added = await api.invoke('oauth:add', { name: draft.name, url: draft.url, ...(draft.label && { label: draft.label }) });
  if (!added.ok) return added;
  return api.invoke('oauth:login', { name: draft.name });
}
