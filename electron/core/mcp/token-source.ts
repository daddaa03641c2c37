import { daysUntil, type Profile } from '../../../shared/profile';
import type { CoreContext } from '../context';
import { join } from 'node:path';
import { TokentrayError, errorMessage } from '../errors';
import { readProfileToken } from '../profiles/profiles';
import { markChecked, markRevoked, revokedBy } from '../profiles/revocation';
import { RPC_ERRORS } from './jsonrpc';
import type { CallFailure, ProxyTokens } from './proxy-tokens';

export type { ProxyTokens } from './proxy-tokens';

type OAuthModule = typeof import('../oauth/oauth-token-source');

/**
 * The OAuth token source, from its own file next to the proxy bundle (dist/cli/oauth-proxy.js), so
 * proxies of token profiles never load the OAuth code.
 */
function loadOAuthTokenSource(): OAuthModule['OAuthTokenSource'] {
  try {
    return (require(join(__dirname, 'oauth-proxy.js')) as OAuthModule).OAuthTokenSource;
  } catch (error) {
    throw new TokentrayError('io', `this tokentray build lacks its OAuth support (${join(__dirname, 'oauth-proxy.js')}): ${errorMessage(error)}; rebuild or reinstall tokentray`);
  }
}

/** The proxy's credentials for a profile: OAuth sign-in for `auth: oauth`, else the stored token. */
export function createTokenSource(ctx: CoreContext, profile: Profile, log: (line: string) => void): ProxyTokens {
  if (profile.auth !== 'oauth') return new TokenSource(ctx, profile, log);
  const OAuthTokenSource = loadOAuthTokenSource();
  return new OAuthTokenSource(ctx, profile, log);
}

const PROXY = 'proxy';

/**
 * The profile's token as the proxy injects it: read from the keychain at start, re-read after a 401.
 * Every token it ever handed out is remembered (in memory only) so the leak guard can look for it.
 */
export class TokenSource implements ProxyTokens {
  private current: string | null = null;
  private reading: Promise<string> | null = null;
  private readError: string | null = null;
  private readonly reported = new Set<string>();
  /** A proxy (this one, or an earlier one) marked the profile revoked, and no token has worked since. */
  private marked: boolean;
  private marking: Promise<unknown> | null = null;
  /** Every token injected in this session, for the leak guard. */
  readonly used = new Set<string>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly profile: Profile,
    private readonly log: (line: string) => void,
  ) {
    this.marked = revokedBy(profile) === PROXY;
  }

  /** Whether a token was read (the DELETE at exit needs one and must not wait for the keychain). */
  has(): boolean {
    return this.current !== null;
  }

  /** The token to send now (read from the keychain on first use, or after a failed read). */
  get(): Promise<string> {
    return this.current !== null ? Promise.resolve(this.current) : this.read();
  }

  /** Why no token could be read, when none ever was and the keychain refused (the proxy could not start). */
  unavailable(): string | null {
    return this.current === null ? this.readError : null;
  }

  private read(): Promise<string> {
    this.reading ??= readProfileToken(this.ctx, this.profile.name)
      .then(
        (token) => {
          this.current = token;
          this.used.add(token);
          this.readError = null;
          return token;
        },
        (error: unknown) => {
          this.readError = errorMessage(error);
          throw error;
        },
      )
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  /**
   * After a 401 for a request sent with `sentWith`: the keychain's token when it differs (a rotation:
   * retry once with it), else null, and the refusal is recorded so the tray can tell the user.
   */
  async afterUnauthorized(sentWith: string): Promise<string | null> {
    let fresh: string;
    try {
      fresh = await this.read();
    } catch (error) {
      this.log(`tokentray: could not re-read the token after a 401: ${errorMessage(error)}`);
      return null;
    }
    if (fresh !== sentWith) {
      this.log(`tokentray: profile "${this.profile.name}": the token changed in the keychain; retrying with the new one`);
      return fresh;
    }
    if (!this.reported.has(sentWith)) {
      this.reported.add(sentWith);
      this.log(`tokentray: ${this.refusal().message}`);
      this.marking = markRevoked(this.ctx, this.profile.name, PROXY).then(
        () => (this.marked = true),
        (error: unknown) => this.log(`tokentray: could not record the revoked token in profiles.json: ${errorMessage(error)}`),
      );
      await this.marking;
      this.marking = null;
    }
    return null;
  }

  /**
   * After a success with `token`: a revoked mark a proxy set (a 401 storm, or the window between a
   * rotation at the service and the new token reaching the keychain) is cleared, as the profile's token
   * works; the token may be reported again if it is refused later. Costs nothing on the usual path.
   */
  async accepted(token: string): Promise<void> {
    if (!this.marked && this.marking === null) return;
    await this.marking; // a mark still being written would otherwise land after the clear
    if (!this.marked) return;
    this.marked = false;
    this.reported.delete(token);
    await markChecked(this.ctx, this.profile.name, 'ok', 'the token was accepted again (seen by proxy)').catch((error: unknown) => {
      this.log(`tokentray: could not clear the revoked mark in profiles.json: ${errorMessage(error)}`);
    });
  }

  /** The error an editor gets when the token is refused: expired (mcp profiles), else revoked or invalid. */
  refusal(): CallFailure {
    const name = this.profile.name;
    const fix = `store a new token with \`tokentray profile replace ${name}\`${this.profile.kind === 'mootup' ? ` (or \`tokentray pat rotate ${name}\`)` : ''}; running editors pick it up without a restart`;
    const expires = this.profile.kind === 'mcp' ? this.profile.expires_at : null;
    if (expires && daysUntil(expires, this.ctx.now()) < 0) {
      return { code: RPC_ERRORS.unauthorized, cause: 'expired', status: 401, message: `tokentray: the token of profile "${name}" expired on ${expires} and was refused (HTTP 401); ${fix}` };
    }
    return { code: RPC_ERRORS.unauthorized, cause: 'revoked', status: 401, message: `tokentray: the token of profile "${name}" was refused (HTTP 401): it was revoked or is invalid; ${fix}` };
  }
}
