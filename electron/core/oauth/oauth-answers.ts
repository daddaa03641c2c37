/** The answers of the OAuth actions in a person's words (ActionResult), for the tray and the window: written once, in core. */
import type { ActionResult } from '../../../shared/ipc';
import type { OAuthSummary, ProfileView } from '../../../shared/profile';
import { describeSummary } from './oauth-status';
import type { SignOutResult } from './sign-out';

/** An OAuth profile added: it still needs a sign-in. */
export function oauthAddedAnswer(profile: ProfileView): ActionResult & { profile: ProfileView } {
  return { ok: true, message: `Added ${profile.name}; sign in to use it.`, profile };
}

/** A finished sign-in: whom for, until when. */
export function signedInAnswer(name: string, oauth: OAuthSummary): ActionResult & { oauth: OAuthSummary } {
  return { ok: true, message: describeSummary(name, oauth), oauth };
}

/** A sign-out, and a revocation at the server that failed as the warning. */
export function signedOutAnswer(result: SignOutResult): ActionResult {
  return { ok: true, message: result.message, ...(typeof result.revoked === 'string' && { warning: `revoking failed: ${result.revoked}` }) };
}
