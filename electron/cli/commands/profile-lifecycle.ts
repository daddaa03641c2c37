import { DEFAULT_MCP_TIMEOUT_SECONDS, MAX_MCP_TIMEOUT_SECONDS, describeProfileStatus } from '../../../shared/profile';
import { UsageError } from '../../core/errors';
import { replaceProfileToken } from '../../core/profiles/profile-replace';
import { setProfile } from '../../core/profiles/profile-set';
import { stringOption, type Command } from '../command';
import { emit, note } from '../io';
import { readSecret } from '../read-secret';
import { parseExpiresOption } from './profile';

/** `--timeout` as profiles.json keeps it: whole seconds, null for the default, undefined when not given. */
function parseTimeoutOption(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'default') return null;
  const seconds = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(seconds >= 1 && seconds <= MAX_MCP_TIMEOUT_SECONDS)) throw new UsageError(`--timeout must be a whole number of seconds from 1 to ${MAX_MCP_TIMEOUT_SECONDS}, or "default", not "${value}"`);
  return seconds;
}

const EXPIRES_OPTION = { type: 'string', value: '<YYYY-MM-DD|never>', description: 'mcp only: when the token expires (Moly: 7/30/90 days, 1 year, never)' } as const;

export const profileReplace: Command = {
  path: ['profile', 'replace'],
  args: ['<name>'],
  summary: 'Swap a new token into a profile (stdin or hidden prompt); it is verified first and the old one stays until it checks out.',
  details:
    'mootup profiles: the new token is checked with GET /api/actors/me; mcp profiles: with an MCP initialize.\n' +
    'Only then does it replace the stored token. Clears a "revoked" mark. Running proxies pick it up without a restart.\n' +
    '  tokentray profile replace work < new-token.txt',
  options: { expires: EXPIRES_OPTION },
  async run(args, io, ctx) {
    const name = args.positionals[0]!;
    const expires = parseExpiresOption(stringOption(args, 'expires'));
    const token = await readSecret(io, `New token for ${name} (input hidden): `);
    const result = await replaceProfileToken(ctx, name, token, expires === undefined ? {} : { expires_at: expires });
    if (result.warning) note(io, `warning: ${result.warning}`);
    if (result.profile.status === 'expired' || result.profile.status === 'expiring') {
      note(io, `warning: ${name}: ${describeProfileStatus(result.profile)}; if the new token has a new expiry, record it with \`tokentray profile set ${name} --expires <YYYY-MM-DD|never>\``);
    }
    emit(io, { ...result.profile, message: result.message }, () => `${result.message[0]!.toUpperCase()}${result.message.slice(1)}`);
  },
};

export const profileSet: Command = {
  path: ['profile', 'set'],
  args: ['<name>'],
  summary: "Change a profile's label, its token's expiry date or the MCP proxy's wait (the token itself is untouched).",
  options: {
    label: { type: 'string', value: '<text>', description: 'a label for people ("" removes it); also names PATs made by `pat rotate`' },
    expires: EXPIRES_OPTION,
    timeout: {
      type: 'string',
      value: '<seconds|default>',
      description: `how long \`tokentray mcp\` waits for the server to begin answering (default ${DEFAULT_MCP_TIMEOUT_SECONDS}); a streamed answer, once begun, is never cut`,
    },
  },
  async run(args, io, ctx) {
    const name = args.positionals[0]!;
    const label = stringOption(args, 'label');
    const expires = parseExpiresOption(stringOption(args, 'expires'));
    const timeout = parseTimeoutOption(stringOption(args, 'timeout'));
    const profile = await setProfile(ctx, name, { ...(label !== undefined && { label }), ...(expires !== undefined && { expires_at: expires }), ...(timeout !== undefined && { timeout_seconds: timeout }) });
    if (profile.status === 'expired' || profile.status === 'expiring') note(io, `warning: ${name}: ${describeProfileStatus(profile)}`);
    const wait = `${profile.timeout_seconds ?? DEFAULT_MCP_TIMEOUT_SECONDS} s${profile.timeout_seconds === undefined ? ' (default)' : ''}`;
    emit(io, profile, () => `Updated ${name}: label ${profile.label ?? '-'}, expires ${profile.kind === 'mcp' ? (profile.expires_at ?? 'never') : '-'}, MCP wait ${wait} (${describeProfileStatus(profile)}).`);
  },
};

/** `tokentray profile replace|set`: changing a profile after it was added. */
export const PROFILE_LIFECYCLE_COMMANDS: Command[] = [profileReplace, profileSet];
