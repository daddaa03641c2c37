import { createHash, randomBytes } from 'node:crypto';

/** A PKCE pair (RFC 7636, S256) for one authorization request. */
export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** A fresh code verifier (43 characters of base64url from 32 random bytes) and its S256 challenge. */
export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), method: 'S256' };
}

/** An unguessable `state` value that ties the callback to this authorization request. */
export function randomState(): string {
  return randomBytes(24).toString('base64url');
}
