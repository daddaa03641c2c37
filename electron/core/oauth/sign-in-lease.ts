import type { OAuthSignInReason, OAuthSignInState } from '../../../shared/profile';
import type { CoreContext } from '../context';
import { isProcessAlive } from '../fs/file-lock';
import { findProfile, unknownProfile, updateProfiles } from '../profiles/profile-store';

/**
 * One sign-in at a time per profile, across processes: the lease is `oauth.sign_in` in profiles.json
 * (written under that file's lock), which is also what the tray shows ("Sign in to <profile>…").
 * A lease whose process died or whose time ran out is free again.
 */

/** Whether a lease still stands: its holder lives and its time has not run out. */
export function leaseLive(state: OAuthSignInState | undefined, now: number): state is OAuthSignInState {
  return state !== undefined && Date.parse(state.until) > now && (state.pid === process.pid || isProcessAlive(state.pid));
}

/** Whether the lease was taken, or who holds it. */
export type LeaseOutcome = { acquired: true } | { acquired: false; holder: OAuthSignInState };

/** Takes the lease, or returns the live one another process holds. */
export function takeSignInLease(ctx: CoreContext, name: string, reason: OAuthSignInReason, until: number): Promise<LeaseOutcome> {
  return updateProfiles<LeaseOutcome>(ctx.home, (profiles) => {
    const index = profiles.findIndex((p) => p.name === name);
    if (index < 0) throw unknownProfile(name);
    const profile = profiles[index]!;
    const held = profile.oauth?.sign_in;
    if (leaseLive(held, ctx.now().getTime()) && held.pid !== process.pid) return { profiles, result: { acquired: false, holder: held } };
    const next = profiles.slice();
    const sign_in: OAuthSignInState = { since: ctx.now().toISOString(), until: new Date(until).toISOString(), pid: process.pid, reason };
    next[index] = { ...profile, oauth: { ...profile.oauth, sign_in } };
    return { profiles: next, result: { acquired: true } };
  });
}

/** Records the authorization URL on our lease (the tray can offer to open it again). */
export function noteSignInUrl(ctx: CoreContext, name: string, url: string): Promise<void> {
  return changeOwnLease(ctx, name, (state) => ({ ...state, url }));
}

/** Drops our lease (a lease of another process is left alone). */
export function releaseSignInLease(ctx: CoreContext, name: string): Promise<void> {
  return changeOwnLease(ctx, name, () => undefined);
}

function changeOwnLease(ctx: CoreContext, name: string, change: (state: OAuthSignInState) => OAuthSignInState | undefined): Promise<void> {
  return updateProfiles(ctx.home, (profiles) => {
    const index = profiles.findIndex((p) => p.name === name);
    const profile = profiles[index];
    const state = profile?.oauth?.sign_in;
    if (!profile || !state || state.pid !== process.pid) return { profiles, result: undefined };
    const { sign_in: _old, ...oauth } = profile.oauth!;
    const changed = change(state);
    const next = profiles.slice();
    next[index] = { ...profile, oauth: changed ? { ...oauth, sign_in: changed } : oauth };
    return { profiles: next, result: undefined };
  });
}

/** The lease as it stands now (for waiting on another process). */
export function currentLease(ctx: CoreContext, name: string): OAuthSignInState | undefined {
  return findProfile(ctx.home, name).oauth?.sign_in;
}
