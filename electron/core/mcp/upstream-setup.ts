import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import { assertSecureUrl } from '../http/http-setup';
import { findProfile } from '../profiles/profile-store';
import { profileMcpUrl } from '../profiles/profile-urls';
import { daysUntil, DEFAULT_MCP_TIMEOUT_SECONDS } from '../../../shared/profile';
import type { ProxyTokens } from './proxy-tokens';
import { SessionTracker } from './session-tracker';
import { createStreamDispatcher } from './stream-dispatcher';
import { createTokenSource } from './token-source';
import { UpstreamSession } from './upstream-session';

/** What the setup tells the proxy as it goes, and what the session it opens needs. */
export interface SetupHooks {
  /** At once (before anything loads): the profile's token source, for the leak guard, and how long an answer may take to begin. */
  resolved(tokens: ProxyTokens, timeoutMs: number): void;
  /** The tray's record of this session (started off the cold-start path). */
  tracking(tracker: SessionTracker): void;
  /** Server→client messages that belong to no pending call. */
  route(text: string): void;
  log(line: string): void;
}

/**
 * The upstream half coming up: the profile is read, its URL checked, its token source made and the
 * keychain read started, then undici loads and the UpstreamSession is opened. A failure (no such
 * profile, an insecure URL) is kept as the sentence every request then gets; the exit code says
 * whether the proxy could start at all.
 */
export class UpstreamSetup {
  private opened: UpstreamSession | null = null;
  private tokens: ProxyTokens | null = null;
  private failure: string | null = null;
  /** The session once open, or null when setup failed (then `error` says why). */
  readonly ready: Promise<UpstreamSession | null>;

  constructor(ctx: CoreContext, profileName: string, maxBytes: number, hooks: SetupHooks) {
    this.ready = this.open(ctx, profileName, maxBytes, hooks).then(
      (session) => (this.opened = session),
      (error: unknown) => {
        this.failure = `tokentray: ${errorMessage(error)}`;
        hooks.log(this.failure);
        return null;
      },
    );
  }

  /** The session, if it is open already (saves a wait on `ready` per message). */
  get session(): UpstreamSession | null {
    return this.opened;
  }

  /** Why setup failed, null if it did not (or has not finished). */
  get error(): string | null {
    return this.failure;
  }

  /** Ends the upstream session (DELETE, agent closed); then the exit code: 1 when the proxy could not start (a line on stderr says why), else 0. */
  async close(log: (line: string) => void): Promise<number> {
    await this.opened?.close().catch((error: unknown) => log(`tokentray: closing the MCP session failed: ${errorMessage(error)}`));
    const keychain = this.tokens?.unavailable?.() ?? null;
    if (keychain) log(`tokentray: could not start: ${keychain}`);
    return this.failure || keychain ? 1 : 0;
  }

  private async open(ctx: CoreContext, profileName: string, maxBytes: number, hooks: SetupHooks): Promise<UpstreamSession> {
    const profile = findProfile(ctx.home, profileName);
    const url = new URL(profileMcpUrl(profile));
    assertSecureUrl(url.href);
    const tokens = (this.tokens = createTokenSource(ctx, profile, hooks.log));
    hooks.resolved(tokens, (profile.timeout_seconds ?? DEFAULT_MCP_TIMEOUT_SECONDS) * 1000);
    tokens.get().catch(() => undefined); // start the keychain read now; a failure is reported per call
    if (profile.kind === 'mcp' && profile.expires_at && daysUntil(profile.expires_at, ctx.now()) < 0) {
      hooks.log(`tokentray: warning: the token of profile "${profile.name}" expired on ${profile.expires_at}; the server will likely refuse it`);
    }
    await new Promise((resolve) => setImmediate(resolve)); // lets the keychain request start before undici loads
    const dispatcher = createStreamDispatcher(ctx.env);
    const tracker = new SessionTracker(ctx.home, profile.name, hooks.log);
    hooks.tracking(tracker);
    setTimeout(() => void tracker.start(), 100).unref(); // off the cold-start path
    return new UpstreamSession(dispatcher, url, tokens, maxBytes, `tokentray/${process.env.TOKENTRAY_VERSION ?? 'dev'}`, hooks.route, hooks.log);
  }
}
