import type { OAuthSignInReason, Profile } from '../../../shared/profile';
import type { CoreContext } from '../context';
import { TokentrayError, errorMessage } from '../errors';
import { RPC_ERRORS } from '../mcp/jsonrpc';
import type { CallFailure, ProxyTokens } from '../mcp/proxy-tokens';
import { profileMcpUrl } from '../profiles/profile-urls';
import { envMs, MAX_STEP_UPS, REQUEST_WAIT_MS, SIGN_IN_TIMEOUT_MS } from './assumptions';
import { bearerChallenge, type BearerChallenge } from './challenge';
import { discoverResource } from './discovery';
import { OAuthHttp } from './oauth-http';
import { readTokens, type TokenRecord } from './oauth-secrets';
import { expiringSoon, refreshTokens, SignInRequired } from './refresh';
import { scopesHeld } from './oauth-status';
import { signInOnce } from './sign-in-once';
import { stepUpWorthwhile } from './scopes';

/**
 * The proxy's token for an OAuth profile: the keychain's access token, refreshed before it expires
 * and after a 401 (once, under the cross-process lock), a new sign-in when nothing else helps (one
 * per profile, shared by every waiting request, which gets a JSON-RPC error after a bound), and a
 * step-up sign-in on 403 insufficient_scope. Every token it saw is kept for the leak guard.
 */
export class OAuthTokenSource implements ProxyTokens {
  readonly used = new Set<string>();
  private record: TokenRecord | null = null;
  private loading: Promise<void> | null = null;
  private failure: CallFailure | null = null;
  private stepUps = 0;
  private readonly http: OAuthHttp;
  private readonly mcpUrl: string;
  private readonly waitMs: number;
  private readonly signInMs: number;
  /** Ends a sign-in this process runs when the proxy stops (its lease is released, its listener closed). */
  private readonly stopping = new AbortController();

  constructor(
    private readonly ctx: CoreContext,
    private readonly profile: Profile,
    private readonly log: (line: string) => void,
  ) {
    this.http = new OAuthHttp(ctx.env);
    this.mcpUrl = profileMcpUrl(profile);
    this.waitMs = envMs(ctx.env.TOKENTRAY_OAUTH_WAIT_MS, REQUEST_WAIT_MS);
    this.signInMs = envMs(ctx.env.TOKENTRAY_OAUTH_SIGNIN_TIMEOUT_MS, SIGN_IN_TIMEOUT_MS);
  }

  has(): boolean {
    return this.record !== null;
  }

  /** The access token to send now; '' when not signed in (the request then draws the 401 that starts a sign-in). */
  async get(): Promise<string> {
    if (!this.record) {
      this.loading ??= readTokens(this.ctx, this.profile.name)
        .then((r) => void this.adopt(r))
        .finally(() => (this.loading = null));
      await this.loading;
    }
    const record = this.record;
    if (!record) return '';
    if (record.refresh_token && expiringSoon(record, this.ctx.now().getTime())) {
      try {
        this.adopt(await refreshTokens(this.ctx, this.http, this.profile.name, record.access_token, this.log));
      } catch (error) {
        this.log(`tokentray: ${this.profile.name}: refreshing before expiry failed (${errorMessage(error)}); trying the current token`);
      }
    }
    return this.record?.access_token ?? '';
  }

  /** After a 401: another process's fresh token, else a refresh, else a sign-in (bounded wait). */
  async afterUnauthorized(sentWith: string, header?: string | string[]): Promise<string | null> {
    const challenge = bearerChallenge(header);
    try {
      const stored = await readTokens(this.ctx, this.profile.name);
      if (stored && stored.access_token !== sentWith && !expiringSoon(stored, this.ctx.now().getTime())) return this.adopt(stored).access_token;
      if (stored && !(await this.sameServer(stored, challenge))) return await this.signIn('server_changed', challenge, []);
      if (stored?.refresh_token) {
        try {
          return this.adopt(await refreshTokens(this.ctx, this.http, this.profile.name, sentWith, this.log)).access_token;
        } catch (error) {
          if (!(error instanceof SignInRequired)) throw error;
          this.log(`tokentray: ${this.profile.name}: ${error.message}`);
        }
      }
      return await this.signIn(stored ? 'refresh_failed' : 'no_token', challenge, []);
    } catch (error) {
      return this.failed(error);
    }
  }

  /** After a 403: a step-up sign-in when the challenge asks for scopes not yet asked for (a few times at most). */
  async afterForbidden(sentWith: string, header?: string | string[]): Promise<string | null> {
    const challenge = bearerChallenge(header);
    if (challenge.error !== 'insufficient_scope') return null;
    const held = this.record ? scopesHeld(this.record) : [];
    if (this.stepUps >= MAX_STEP_UPS || !stepUpWorthwhile(challenge.scope, held)) {
      this.failure = {
        code: RPC_ERRORS.unauthorized,
        cause: 'insufficient_scope',
        status: 403,
        message: `tokentray: ${new URL(this.mcpUrl).host} needs scope "${(challenge.scope ?? []).join(' ')}" for this and refused the sign-in's scopes (${held.join(' ') || 'none'}); tokentray stopped asking again. Check your permissions at the service`,
      };
      return null;
    }
    this.stepUps++;
    try {
      return await this.signIn('step_up', challenge, held);
    } catch (error) {
      return this.failed(error);
    }
  }

  async accepted(): Promise<void> {
    this.failure = null;
  }

  refusal(): CallFailure {
    return this.failure ?? { code: RPC_ERRORS.unauthorized, cause: 'revoked', status: 401, message: `tokentray: ${new URL(this.mcpUrl).host} refused the sign-in of profile "${this.profile.name}"; run \`tokentray profile login ${this.profile.name}\`` };
  }

  close(): void {
    this.stopping.abort(new TokentrayError('timeout', 'the MCP proxy stopped before the sign-in was completed'));
    void this.http.close();
  }

  private adopt(record: TokenRecord | null): TokenRecord {
    this.record = record;
    if (record) {
      this.used.add(record.access_token);
      if (record.refresh_token) this.used.add(record.refresh_token);
    }
    return record!;
  }

  /** Whether the resource still names the issuer the tokens are from (else refreshing there is wrong: SEP-2352). */
  private async sameServer(record: TokenRecord, challenge: BearerChallenge): Promise<boolean> {
    let info;
    try {
      info = await discoverResource(this.http, this.mcpUrl, challenge);
    } catch (error) {
      this.log(`tokentray: ${this.profile.name}: could not read the server's resource metadata (${errorMessage(error)}); refreshing at ${record.issuer}`);
      return true;
    }
    if (info.authorization_servers[0] === record.issuer) return true;
    this.log(`tokentray: ${this.profile.name}: the MCP server now names ${info.authorization_servers[0]} as its authorization server (was ${record.issuer}); signing in there`);
    return false;
  }

  /** Joins (or starts) the profile's sign-in and waits for it, at most `waitMs`; the sign-in itself goes on. */
  private async signIn(reason: OAuthSignInReason, challenge: BearerChallenge, prior: string[]): Promise<string | null> {
    const name = this.profile.name;
    const signing = signInOnce(this.ctx, name, {
      http: this.http,
      reason,
      challenge,
      prior,
      deadline: Date.now() + this.signInMs,
      signal: this.stopping.signal,
      log: this.log,
      onUrl: (url) => this.log(`tokentray: ${name}: sign in in your browser to continue: ${url}`),
      onWaiting: (holder) => this.log(`tokentray: ${name}: waiting for the sign-in another tokentray process (pid ${holder.pid}) opened in your browser`),
    });
    signing.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.waitMs);
    });
    try {
      const record = await Promise.race([signing, waited]);
      if (!record) {
        this.failure = {
          code: RPC_ERRORS.unauthorized,
          cause: 'sign_in_required',
          status: 401,
          message: `tokentray: profile "${name}" needs you to sign in: finish the sign-in in your browser (or run \`tokentray profile login ${name}\`), then retry`,
        };
        return null;
      }
      return this.adopt(record).access_token;
    } finally {
      clearTimeout(timer);
    }
  }

  private failed(error: unknown): null {
    const message = errorMessage(error);
    this.log(`tokentray: ${this.profile.name}: ${message}`);
    this.failure = { code: RPC_ERRORS.unauthorized, cause: 'sign_in_failed', status: 401, message: `tokentray: signing in to profile "${this.profile.name}" failed: ${message}. Run \`tokentray profile login ${this.profile.name}\` to try again` };
    return null;
  }
}
