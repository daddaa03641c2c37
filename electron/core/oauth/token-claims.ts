/** Whom a token answer is for, read from an ID token or a JWT access token (display only; not verified). */

function jwtClaims(jwt: string | undefined): Record<string, unknown> | null {
  const part = jwt?.split('.')[1];
  if (!part) return null;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The best name for the signed-in user: email, user name, name or subject; undefined when the tokens say nothing. */
export function signedInAs(idToken: string | undefined, accessToken: string): string | undefined {
  for (const claims of [jwtClaims(idToken), jwtClaims(accessToken)]) {
    if (!claims) continue;
    for (const key of ['email', 'preferred_username', 'username', 'name', 'sub']) {
      const value = claims[key];
      if (typeof value === 'string' && value) return value.slice(0, 200);
    }
  }
  return undefined;
}
