import type { DoctorCheck, DoctorProvider } from '../checks/doctor-check';
import { readProfiles } from '../profiles/profile-store';
import { readTokens } from './oauth-secrets';
import { describeSummary, summarize } from './oauth-status';

/** `doctor` on OAuth profiles: signed in as whom, until when, which scopes; renewable or not. */
export const oauthChecks: DoctorProvider = async (ctx) => {
  const checks: DoctorCheck[] = [];
  const now = ctx.now().getTime();
  for (const profile of readProfiles(ctx.home).filter((p) => p.auth === 'oauth')) {
    const summary = summarize(profile, await readTokens(ctx, profile.name));
    const message = describeSummary(profile.name, summary);
    const expired = summary.expires_at !== null && Date.parse(summary.expires_at) <= now;
    const status: DoctorCheck['status'] = !summary.signed_in ? (summary.waiting_since ? 'warn' : 'fail') : !summary.refreshable && expired ? 'fail' : !summary.refreshable ? 'warn' : 'ok';
    checks.push({ id: 'oauth_sign_in', status, subject: profile.name, message });
  }
  return checks;
};
