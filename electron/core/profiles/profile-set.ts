import { MAX_MCP_TIMEOUT_SECONDS, profileStatus, secretInTextReason, type ProfileView } from '../../../shared/profile';
import { appendAudit } from '../audit/audit-log';
import type { CoreContext } from '../context';
import { TokentrayError } from '../errors';
import { patchProfile } from './profile-store';
import { credentialAccount } from '../oauth/accounts';

/** The metadata `profile set` changes. An empty label removes it; `expires_at` null means never; `timeout_seconds` null means the default. */
export interface ProfileSettings {
  label?: string;
  expires_at?: string | null;
  timeout_seconds?: number | null;
}

/** Changes a profile's label, expiry (mcp profiles only) and/or the proxy's wait, without touching its token. */
export async function setProfile(ctx: CoreContext, name: string, settings: ProfileSettings): Promise<ProfileView> {
  if (settings.label === undefined && settings.expires_at === undefined && settings.timeout_seconds === undefined) {
    throw new TokentrayError('usage', 'nothing to change: give --label <text>, --expires <YYYY-MM-DD|never> and/or --timeout <seconds|default>');
  }
  const timeout = settings.timeout_seconds;
  if (timeout !== undefined && timeout !== null && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= MAX_MCP_TIMEOUT_SECONDS)) {
    throw new TokentrayError('invalid_input', `a timeout is a whole number of seconds from 1 to ${MAX_MCP_TIMEOUT_SECONDS}`);
  }
  if (settings.label !== undefined && settings.label.length > 200) throw new TokentrayError('invalid_input', 'a label is at most 200 characters');
  const labelProblem = settings.label === undefined ? null : secretInTextReason('--label', settings.label);
  if (labelProblem) throw new TokentrayError('invalid_input', labelProblem);
  const updated = await patchProfile(ctx.home, name, (p) => {
    if (settings.expires_at !== undefined && p.auth === 'oauth') {
      throw new TokentrayError('invalid_input', `--expires does not apply to "${name}": it signs in with OAuth, and the server sets how long a sign-in lasts`);
    }
    if (settings.expires_at !== undefined && p.kind !== 'mcp') {
      throw new TokentrayError('invalid_input', `an expiry date applies to mcp profiles; "${name}" is a mootup profile, whose PATs do not expire (rotate them instead)`, {
        remedy: { kind: 'action', action: 'pat-rotate', subject: name },
      });
    }
    const next = { ...p };
    if (settings.label !== undefined) {
      const label = settings.label.trim();
      if (label) next.label = label;
      else delete next.label;
    }
    if (settings.expires_at !== undefined) next.expires_at = settings.expires_at;
    if (timeout === null) delete next.timeout_seconds;
    else if (timeout !== undefined) next.timeout_seconds = timeout;
    return next;
  });
  const changed = [
    settings.label !== undefined && 'label',
    settings.expires_at !== undefined && `expires_at=${settings.expires_at ?? 'never'}`,
    timeout !== undefined && `timeout_seconds=${timeout ?? 'default'}`,
  ]
    .filter(Boolean)
    .join(', ');
  appendAudit(ctx.home, { kind: 'profile.set', profile: name, status: 'ok', message: changed });
  const hasToken = (await ctx.secrets.list()).includes(credentialAccount(updated));
  return { ...updated, status: profileStatus(updated, hasToken, ctx.now()), has_token: hasToken };
}
