import { EXPIRY_WARNING_DAYS, daysUntil, profileStatus, type Profile } from '../../../shared/profile';
import type { Remedy } from '../../../shared/remedy';
import type { DoctorCheck, DoctorProvider } from '../checks/doctor-check';
import { readProfiles } from './profile-store';

/** A profile whose token needs attention soon or now, as the tray and `doctor` report it. */
export interface ExpiryNotice {
  name: string;
  expires_at: string;
  /** Whole days left (negative once past). */
  days: number;
  state: 'expiring' | 'expired';
}

/** The expiry of one profile: expired, expiring within 14 days, or null when neither (or no date). */
export function expiryNotice(profile: Profile, now: Date): ExpiryNotice | null {
  if (!profile.expires_at) return null;
  const days = daysUntil(profile.expires_at, now);
  if (days >= EXPIRY_WARNING_DAYS) return null;
  return { name: profile.name, expires_at: profile.expires_at, days, state: days < 0 ? 'expired' : 'expiring' };
}

/** Profiles whose tokens expired or expire within 14 days, soonest first. */
export function expiringProfiles(profiles: Profile[], now: Date): ExpiryNotice[] {
  return profiles
    .map((p) => expiryNotice(p, now))
    .filter((n): n is ExpiryNotice => n !== null)
    .sort((a, b) => a.days - b.days);
}

/** The fix to suggest for a token that no longer works or soon will not: the words, and the remedy as data. */
function renewAdvice(profile: Profile): { advice: string; remedy: Remedy } {
  return profile.kind === 'mootup'
    ? { advice: 'a new token (a rotation, or one you store) fixes that', remedy: { kind: 'action', action: 'pat-rotate', subject: profile.name } }
    : { advice: 'create a new token in the service (with an expiry date)', remedy: { kind: 'replace-token', profile: profile.name } };
}

/** One doctor line about a profile's token lifetime, or null when there is nothing to say. */
export function expiryCheck(profile: Profile, now: Date): DoctorCheck | null {
  const subject = profile.name;
  if (profileStatus(profile, true, now) === 'revoked') {
    const { advice, remedy } = renewAdvice(profile);
    return { id: 'token_revoked', status: 'fail', subject, message: `the service refused this token (401) on ${profile.revoked_at!.slice(0, 10)}: it was revoked; ${advice}`, remedy };
  }
  const notice = expiryNotice(profile, now);
  if (notice?.state === 'expired') {
    const { advice, remedy } = renewAdvice(profile);
    return { id: 'token_expiry', status: 'fail', subject, message: `expired on ${notice.expires_at}; ${advice}`, remedy };
  }
  if (notice) {
    const when = notice.days === 0 ? 'today' : `in ${notice.days} day${notice.days === 1 ? '' : 's'} (${notice.expires_at})`;
    const { advice, remedy } = renewAdvice(profile);
    return { id: 'token_expiry', status: 'warn', subject, message: `expires ${when}; ${advice}`, remedy };
  }
  if (profile.kind !== 'mcp') return null;
  if (profile.expires_at === null || profile.expires_at === undefined) {
    return {
      id: 'token_expiry',
      status: 'warn',
      subject,
      message: `risk: the service recommends an expiry, and this token never expires (or its expiry is unknown). Replace it with one that expires (Moly: 7/30/90 days or 1 year).`,
      remedy: { kind: 'action', action: 'profile-set-expiry', subject: profile.name },
    };
  }
  return { id: 'token_expiry', status: 'ok', subject, message: `expires on ${profile.expires_at} (in ${daysUntil(profile.expires_at, now)} days)` };
}

/** Doctor provider: expiring tokens warn, expired or revoked ones fail, an mcp token that never expires warns. */
export const expiryChecks: DoctorProvider = async (ctx) => {
  const now = ctx.now();
  return readProfiles(ctx.home)
    .map((p) => expiryCheck(p, now))
    .filter((c): c is DoctorCheck => c !== null);
};
