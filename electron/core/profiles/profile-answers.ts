/** The answers of the profile actions in a person's words (ActionResult), for the tray and the window: written once, in core. */
import type { ActionResult } from '../../../shared/ipc';
import type { ProfileView } from '../../../shared/profile';

/** A profile stored: its name, its token hint and where the token went. */
export function addedAnswer(profile: ProfileView, backend: string, warning?: string): ActionResult & { profile: ProfileView } {
  return { ok: true, message: `Stored ${profile.name} (${profile.token_hint}) in ${backend}.`, profile, ...(warning && { warning }) };
}

/** A profile's label, expiry or timeout changed. */
export function updatedAnswer(profile: ProfileView): ActionResult {
  return { ok: true, message: `Updated ${profile.name}.` };
}

/** An editor's config entry for a profile: it starts tokentray and holds no token. */
export function snippetAnswer(editor: string, name: string, snippet: string): ActionResult & { snippet: string } {
  return { ok: true, message: `The ${editor} entry starts tokentray for profile ${name}; it holds no token.`, snippet };
}
