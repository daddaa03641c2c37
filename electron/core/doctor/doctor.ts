import { statSync } from 'node:fs';
import type { DoctorCheck, DoctorProvider, DoctorReport } from '../checks/doctor-check';
/** The check types, re-exported for callers of the doctor (the capabilities import them from checks/). */
export type { DoctorCheck, DoctorProvider, DoctorReport } from '../checks/doctor-check';
import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import { createSnapshotReads } from '../fs/snapshot-reads';
import { agentsChecks } from '../agents/doctor-checks';
import { editorsChecks } from '../editors/doctor-checks';
import { launcherChecks } from '../launcher/doctor-checks';
import { expiryChecks } from '../profiles/expiry';
import { profilesPath, readProfiles } from '../profiles/profile-store';
import { profileOfAccount } from '../oauth/accounts';
import { oauthChecks } from '../oauth/doctor-checks';

/** Keychain reachable, profiles.json sound, every profile has its secret and every secret a profile. */
export const secretsChecks: DoctorProvider = async (ctx) => {
  const checks: DoctorCheck[] = [];
  let accounts: string[] | null = null;
  try {
    accounts = await ctx.secrets.list();
    checks.push({ id: 'keychain', status: 'ok', subject: ctx.secrets.backend, message: `reachable; service "${ctx.secrets.service}" holds ${accounts.length} token(s)` });
  } catch (error) {
    checks.push({ id: 'keychain', status: 'fail', subject: ctx.secrets.backend, message: errorMessage(error) });
  }

  const path = profilesPath(ctx.home);
  let profiles: ReturnType<typeof readProfiles> | null = null;
  try {
    profiles = readProfiles(ctx.home);
    const mode = fileMode(path);
    if (mode === null) {
      checks.push({ id: 'profiles_file', status: 'ok', subject: path, message: 'not created yet (no profiles)' });
    } else if ((mode & 0o077) !== 0) {
      checks.push({ id: 'profiles_file', status: 'warn', subject: path, message: `mode ${mode.toString(8)} lets other users read it; run chmod 600 "${path}"` });
    } else {
      checks.push({ id: 'profiles_file', status: 'ok', subject: path, message: `mode ${mode.toString(8)}, ${profiles.length} profile(s)` });
    }
  } catch (error) {
    checks.push({ id: 'profiles_file', status: 'fail', subject: path, message: errorMessage(error) });
  }

  if (profiles && accounts) {
    const stored = new Set(accounts);
    for (const profile of profiles.filter((p) => p.auth !== 'oauth')) {
      checks.push(
        stored.has(profile.name)
          ? { id: 'profile_token', status: 'ok', subject: profile.name, message: 'token present in the keychain' }
          : { id: 'profile_token', status: 'fail', subject: profile.name, message: 'no token in the keychain (if you no longer use it, remove the profile)', remedy: { kind: 'replace-token', profile: profile.name } },
      );
    }
    const known = new Set(profiles.map((p) => p.name));
    for (const orphan of accounts.filter((a) => !known.has(profileOfAccount(a)))) {
      checks.push({
        id: 'orphan_token',
        status: 'warn',
        subject: orphan,
        message: `keychain entry "${orphan}" (service "${ctx.secrets.service}") belongs to no profile; delete it with your keychain tool or re-add the profile`,
      });
    }
  }
  return checks;
};

function fileMode(path: string): number | null {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return null;
  }
}

/** The providers `doctor` runs, in order. */
export const DOCTOR_PROVIDERS: DoctorProvider[] = [secretsChecks, oauthChecks, expiryChecks, agentsChecks, editorsChecks, launcherChecks];

/** Runs every check over one read of each file; one failing provider becomes a failed check, never a crash. */
export async function runDoctor(ctx: CoreContext, providers: DoctorProvider[] = DOCTOR_PROVIDERS): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const reads = createSnapshotReads();
  for (const provider of providers) {
    try {
      checks.push(...(await provider(ctx, reads)));
    } catch (error) {
      checks.push({ id: provider.name || 'check', status: 'fail', subject: 'doctor', message: errorMessage(error) });
    }
  }
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}
