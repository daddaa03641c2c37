import type { CoreContext } from '../context';
import { TokentrayError } from '../errors';
import type { OAuthSignInState } from '../../../shared/profile';
import { readTokens, type TokenRecord } from './oauth-secrets';
import { signIn, type SignInOptions } from './sign-in';
import { currentLease, leaseLive, noteSignInUrl, releaseSignInLease, takeSignInLease } from './sign-in-lease';

const inflight = new Map<string, Promise<TokenRecord>>();
const POLL_MS = 300;

/** What a caller hears while another process's sign-in is waiting for the user. */
export interface SignInOnceOptions extends SignInOptions {
  onWaiting?: (holder: OAuthSignInState) => void;
}

/**
 * Signs in, once: concurrent callers in this process share one sign-in, and while another process
 * holds the profile's lease this one waits for its tokens instead of opening a second browser tab.
 * A holder that dies is taken over; one that ends without tokens ends this wait with an error.
 */
export function signInOnce(ctx: CoreContext, name: string, options: SignInOnceOptions): Promise<TokenRecord> {
  const key = `${ctx.home}\0${name}`;
  const running = inflight.get(key);
  if (running) return running;
  const started = run(ctx, name, options).finally(() => inflight.delete(key));
  inflight.set(key, started);
  return started;
}

async function run(ctx: CoreContext, name: string, options: SignInOnceOptions): Promise<TokenRecord> {
  const before = (await readTokens(ctx, name))?.access_token;
  for (;;) {
    const lease = await takeSignInLease(ctx, name, options.reason, options.deadline);
    if (lease.acquired) {
      try {
        return await signIn(ctx, name, {
          ...options,
          onUrl: async (url) => {
            await noteSignInUrl(ctx, name, url).catch(() => undefined);
            await options.onUrl?.(url);
          },
        });
      } finally {
        await releaseSignInLease(ctx, name).catch(() => undefined);
      }
    }
    options.onWaiting?.(lease.holder);
    const outcome = await waitForOther(ctx, name, before, options);
    if ('record' in outcome) return outcome.record;
    if (outcome.ended) {
      throw new TokentrayError('unauthorized', `the sign-in to ${name} that another tokentray process (pid ${lease.holder.pid}) started ended without signing in`, { remedy: { kind: 'sign-in', profile: name } });
    }
  }
}

/** Polls the keychain and the lease until new tokens appear, the lease ends, or it goes stale. */
async function waitForOther(ctx: CoreContext, name: string, before: string | undefined, options: SignInOnceOptions): Promise<{ record: TokenRecord } | { ended: boolean }> {
  for (;;) {
    if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new TokentrayError('timeout', 'the sign-in wait was cancelled');
    if (Date.now() > options.deadline) throw new TokentrayError('timeout', `the sign-in to ${name} was not completed in time`, { remedy: { kind: 'sign-in', profile: name } });
    const record = await readTokens(ctx, name);
    if (record && record.access_token !== before) return { record };
    const lease = currentLease(ctx, name);
    if (!lease) {
      const after = await readTokens(ctx, name); // the holder writes tokens before it lets go
      return after && after.access_token !== before ? { record: after } : { ended: true };
    }
    if (!leaseLive(lease, ctx.now().getTime())) return { ended: false };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
