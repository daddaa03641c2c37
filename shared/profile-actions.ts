import type { ProfileView } from './profile';

/** What a person may do with a profile in its current state: one rule that the tray and the window both read. */
export interface ProfileActions {
  /** Verify the token (or the sign-in) with the service. */
  check: boolean;
  /** Rotate a mootup PAT: needs a stored token the service still accepts. */
  rotate: boolean;
  /** Paste a new token in (static-token profiles). */
  replace: boolean;
  /** Sign in through the browser (OAuth profiles), again if signed in. */
  signIn: boolean;
  /** Forget (and revoke) the OAuth tokens. */
  signOut: boolean;
}

/** The actions a profile allows. */
export function profileActions(profile: Pick<ProfileView, 'kind' | 'auth' | 'has_token' | 'status'>): ProfileActions {
  const oauth = profile.auth === 'oauth';
  return {
    check: true,
    rotate: profile.kind === 'mootup' && profile.has_token && profile.status !== 'revoked',
    replace: !oauth,
    signIn: oauth,
    signOut: oauth && profile.has_token,
  };
}
