/**
 * The keychain accounts of an OAuth profile. A profile name is a slug, so `#` never appears in one:
 * `<profile>#oauth` holds the tokens, `<profile>#client` the client registrations (by issuer) and a
 * pre-registered client secret. The plain `<profile>` account stays unused for OAuth profiles.
 */

/** The account that holds the profile's tokens (access, refresh) and what they are bound to. */
export function tokensAccount(profile: string): string {
  return `${profile}#oauth`;
}

/** The account that holds the profile's client registrations, keyed by issuer. */
export function clientAccount(profile: string): string {
  return `${profile}#client`;
}

/** The profile a keychain account belongs to (`work#oauth` → `work`). */
export function profileOfAccount(account: string): string {
  const hash = account.indexOf('#');
  return hash < 0 ? account : account.slice(0, hash);
}

/** The keychain account whose presence means a profile can authenticate (OAuth: signed in). */
export function credentialAccount(profile: { name: string; auth?: 'token' | 'oauth' }): string {
  return profile.auth === 'oauth' ? tokensAccount(profile.name) : profile.name;
}
