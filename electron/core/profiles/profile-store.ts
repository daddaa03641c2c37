import { quotedName, type Profile } from '../../../shared/profile';
import { listFile } from '../fs/list-file';
import type { SnapshotReads } from '../fs/snapshot-reads';
import { TokentrayError } from '../errors';

/** profiles.json: profile metadata only. Tokens are in the keychain, never here. */
const PROFILES = listFile<Profile>('profiles.json', 'profiles', (p, i) => {
  if (typeof p !== 'object' || p === null) return `profiles[${i}] is not an object`;
  const { name, kind, url } = p as Record<string, unknown>;
  if (typeof name !== 'string' || typeof url !== 'string' || (kind !== 'mootup' && kind !== 'mcp')) return `profiles[${i}] lacks a valid name, kind or url`;
  return null;
});

export function profilesPath(home: string): string {
  return PROFILES.path(home);
}

/** The profiles in profiles.json order; with `reads`, the snapshot's one read of the file. */
export function readProfiles(home: string, reads?: SnapshotReads): Profile[] {
  return PROFILES.read(home, reads);
}

export function findProfile(home: string, name: string): Profile {
  const profile = readProfiles(home).find((p) => p.name === name);
  if (!profile) throw unknownProfile(name);
  return profile;
}

export function unknownProfile(name: string): TokentrayError {
  const shown = quotedName(name);
  // A token pasted as a name is neither repeated in the message nor in the details (--json prints them).
  const remedy = { kind: 'action', action: 'profile-list' } as const;
  return new TokentrayError('not_found', `no profile named ${shown}`, shown.startsWith('"') ? { name, remedy } : { remedy });
}

/** Locked read-modify-write of the profile list. Return `profiles` unchanged to skip the write. */
export function updateProfiles<R>(
  home: string,
  change: (profiles: Profile[]) => { profiles: Profile[]; result: R } | Promise<{ profiles: Profile[]; result: R }>,
): Promise<R> {
  return PROFILES.update(home, async (list) => {
    const { profiles, result } = await change(list);
    return { items: profiles, result };
  });
}

/** Changes one profile's metadata in place (e.g. last_check, revoked_at). */
export function patchProfile(home: string, name: string, patch: (profile: Profile) => Profile): Promise<Profile> {
  return updateProfiles(home, (profiles) => {
    const index = profiles.findIndex((p) => p.name === name);
    if (index < 0) throw unknownProfile(name);
    const updated = patch(profiles[index]!);
    const next = profiles.slice();
    next[index] = updated;
    return { profiles: next, result: updated };
  });
}
