import type { SnapshotReads } from '../fs/snapshot-reads';
import type { Profile } from '../../../shared/profile';
import type { CoreContext } from '../context';
import { TokentrayError, UsageError } from '../errors';
import type { HttpTimeouts } from '../http/http-setup';
import { openMootupSession, type MootupClient } from '../mootup';
import { findProfile, readProfiles } from '../profiles/profile-store';
import { readProfileToken } from '../profiles/profiles';
import { revokedRemedy } from '../profiles/revocation';

/** A mootup session for one agents operation: clients as an agent key or as a profile's PAT. */
export interface ApiSession {
  /** A client of the profile's mootup as `token` (an agent key: a 401 says nothing about the profile). */
  client(profile: Profile, token: string): MootupClient;
  /** A client that sends the profile's PAT; a 401 to it marks the profile revoked. */
  patClient(profile: Profile): Promise<MootupClient>;
  /** Ends the session; `abandon` also cuts requests still running (timed-out checks). */
  close(abandon?: boolean): Promise<void>;
}

/** Opens a session; always close it. */
export async function openApiSession(ctx: CoreContext, options: { timeouts?: HttpTimeouts; retries?: number } = {}): Promise<ApiSession> {
  const session = await openMootupSession({ env: ctx.env, ...options });
  return {
    client: (profile, token) => session.client(profile.url, token),
    patClient: async (profile) => session.client(profile.url, await readProfileToken(ctx, profile.name), () => revokedRemedy(ctx, profile.name, 'agents')),
    close: (abandon) => session.close(abandon),
  };
}

/** The mootup profiles, in profiles.json order; with `reads`, from the snapshot's one read of the file. */
export function mootupProfiles(ctx: CoreContext, reads?: SnapshotReads): Profile[] {
  return readProfiles(ctx.home, reads).filter((p) => p.kind === 'mootup');
}

/** A named profile that must be a mootup one (agents are sponsored by a mootup account). */
export function findMootupProfile(ctx: CoreContext, name: string): Profile {
  const profile = findProfile(ctx.home, name);
  if (profile.kind !== 'mootup') {
    throw new TokentrayError('invalid_input', `profile "${name}" is an ${profile.kind} profile; agents need a mootup profile`, { name, remedy: { kind: 'action', action: 'profile-add', mootup: true } });
  }
  return profile;
}

/** `--profile` if given, else the only mootup profile; several or none is an error that lists what to do. */
export function chooseMootupProfile(ctx: CoreContext, name: string | undefined): Profile {
  if (name !== undefined) return findMootupProfile(ctx, name);
  const profiles = mootupProfiles(ctx);
  if (profiles.length === 1) return profiles[0]!;
  if (profiles.length === 0) {
    throw new TokentrayError('not_found', 'no mootup profile yet', { remedy: { kind: 'action', action: 'profile-add', mootup: true } });
  }
  throw new UsageError(`several mootup profiles exist (${profiles.map((p) => p.name).join(', ')}); choose one with --profile <name>`);
}
