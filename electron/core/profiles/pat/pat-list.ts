import type { CoreContext } from '../../context';
import type { PatMetadata } from '../../mootup';
import { heldPrefix, matchByPrefix, withPatSession } from './pat-session';

/** One PAT as `pat list` shows it: the API's metadata plus whether this profile holds it. */
export interface PatRow {
  pat_id: string;
  name: string;
  token_prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** This profile's stored token is this PAT (matched by pat_id, else by token_prefix). */
  in_use: boolean;
}

/** The user's PATs from the API, marking the one this profile holds. A 401 marks the profile revoked. */
export function listPats(ctx: CoreContext, name: string, options: { includeRevoked?: boolean } = {}): Promise<PatRow[]> {
  return withPatSession(ctx, name, 'pat list', async (session) => {
    const pats = await session.client().listPats({ includeRevoked: options.includeRevoked === true });
    const held = heldPatId(pats, session.profile.pat_id, heldPrefix(session.profile, session.token));
    return pats.map((p) => ({
      pat_id: p.pat_id,
      name: p.name,
      token_prefix: p.token_prefix,
      created_at: p.created_at,
      last_used_at: p.last_used_at ?? null,
      revoked_at: p.revoked_at ?? null,
      in_use: p.pat_id === held,
    }));
  });
}

/** The pat_id of the token a profile holds: the recorded one when listed, else the unique prefix match. */
export function heldPatId(pats: PatMetadata[], recorded: string | undefined, prefix: string | null): string | null {
  if (recorded && pats.some((p) => p.pat_id === recorded && !p.revoked_at)) return recorded;
  const match = matchByPrefix(pats, prefix);
  return match.found?.pat_id ?? null;
}
