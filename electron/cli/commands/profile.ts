import { describeProfileStatus as describeStatus, parseExpiry, type ProfileKind } from '../../../shared/profile';
import { addProfile, listProfiles, removeProfile, showProfile } from '../../core/profiles/profiles';
import { UsageError } from '../../core/errors';
import { stringOption, type Command } from '../command';
import { emit, note, table } from '../io';
import { readSecret } from '../read-secret';
import { addOAuthFromCli, OAUTH_ADD_OPTIONS } from './oauth';

function parseKind(value: string | undefined): ProfileKind {
  if (value === 'mootup' || value === 'mcp') return value;
  throw new UsageError(value === undefined ? '--kind is required: mootup or mcp' : `--kind must be mootup or mcp, not "${value}"`);
}

/** `--expires` as profiles.json keeps it: a date, null for never, undefined when not given. */
export function parseExpiresOption(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  const parsed = parseExpiry(value);
  if (parsed === undefined) throw new UsageError(`--expires must be a date (YYYY-MM-DD) or "never", not "${value}"`);
  return parsed;
}

export const profileAdd: Command = {
  path: ['profile', 'add'],
  args: ['<name>'],
  summary: 'Store a token in the OS keychain under a new profile (token read from stdin, or a hidden prompt); or an OAuth profile.',
  details:
    'The token is never taken from the command line. Pipe it in:\n' +
    '  tokentray profile add work --kind mootup --url https://mootup.io < token.txt\n' +
    'or run without a pipe to be prompted with hidden input. Nothing is sent to the service; `profile check` verifies.\n' +
    'OAuth (MCP servers that want a browser sign-in): no token is read; sign in afterwards, or at once with --login:\n' +
    '  tokentray profile add moly --kind mcp --url https://mcp.example.com/mcp --auth oauth\n' +
    '  tokentray profile login moly',
  options: {
    kind: { type: 'string', value: 'mootup|mcp', description: 'mootup (a mootup PAT) or mcp (any MCP service, e.g. Moly)' },
    url: { type: 'string', value: '<url>', description: 'the service base URL (mootup) or the MCP endpoint URL (mcp)' },
    'mcp-url': { type: 'string', value: '<url>', description: 'mootup only: its MCP endpoint, if not <url>/mcp' },
    label: { type: 'string', value: '<text>', description: 'a label for people, e.g. "Laptop"' },
    expires: { type: 'string', value: '<YYYY-MM-DD|never>', description: 'mcp only: when the token expires (Moly: 7/30/90 days, 1 year, never)' },
    ...OAUTH_ADD_OPTIONS,
  },
  async run(args, io, ctx) {
    const name = args.positionals[0]!;
    const auth = stringOption(args, 'auth');
    if (auth !== undefined && auth !== 'token' && auth !== 'oauth') throw new UsageError(`--auth must be token or oauth, not "${auth}"`);
    if (auth === 'oauth') return addOAuthFromCli(args, io, ctx);
    for (const flag of ['client-id', 'client-metadata-url']) if (stringOption(args, flag) !== undefined) throw new UsageError(`--${flag} needs --auth oauth`);
    if (args.options.login) throw new UsageError('--login needs --auth oauth');
    const kind = parseKind(stringOption(args, 'kind'));
    const url = stringOption(args, 'url');
    if (!url) throw new UsageError('--url is required (e.g. --url https://mootup.io)');
    const input = {
      name,
      kind,
      url,
      mcp_url: stringOption(args, 'mcp-url'),
      label: stringOption(args, 'label'),
      expires_at: parseExpiresOption(stringOption(args, 'expires')),
    };
    const token = await readSecret(io, `Token for ${name} (input hidden): `);
    const { profile, warning } = await addProfile(ctx, input, token);
    if (warning) note(io, `warning: ${warning}`);
    if (profile.status === 'expired') note(io, `warning: this token expired on ${profile.expires_at}`);
    emit(io, profile, () => `Stored profile ${profile.name} (${profile.kind}, ${profile.token_hint}) in ${ctx.secrets.backend}.\nVerify it with: tokentray profile check ${profile.name}`);
  },
};

export const profileList: Command = {
  path: ['profile', 'list'],
  args: [],
  summary: 'List profiles with their status (token hints only).',
  async run(_args, io, ctx) {
    const profiles = await listProfiles(ctx);
    emit(io, profiles, () =>
      profiles.length === 0
        ? 'No profiles yet. Add one with: tokentray profile add <name> --kind mootup --url https://mootup.io < token.txt'
        : table(
            ['NAME', 'KIND', 'TOKEN', 'STATUS', 'URL'],
            profiles.map((p) => [p.name, p.kind, p.token_hint ?? (p.auth === 'oauth' ? `oauth${p.oauth?.signed_in_as ? ` (${p.oauth.signed_in_as})` : ''}` : ''), describeStatus(p), p.mcp_url ?? p.url]),
          ),
    );
  },
};

export const profileShow: Command = {
  path: ['profile', 'show'],
  args: ['<name>'],
  summary: 'Show one profile (metadata and token hint; the token itself is never shown).',
  async run(args, io, ctx) {
    const profile = await showProfile(ctx, args.positionals[0]!);
    emit(io, profile, () =>
      Object.entries({ ...profile, status: describeStatus(profile) })
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k.padEnd(13)} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
        .join('\n'),
    );
  },
};

export const profileRemove: Command = {
  path: ['profile', 'remove'],
  args: ['<name>'],
  summary: 'Remove a profile and delete its token from the keychain.',
  details: 'The token is deleted first: if the keychain cannot delete it (e.g. the keyring is locked), nothing is removed and the command exits 1.',
  async run(args, io, ctx) {
    const name = args.positionals[0]!;
    const result = await removeProfile(ctx, name);
    emit(io, result, () => result.message);
  },
};

export const PROFILE_COMMANDS: Command[] = [profileAdd, profileList, profileShow, profileRemove];

