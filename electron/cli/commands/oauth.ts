import type { CoreContext } from '../../core/context';
import { UsageError } from '../../core/errors';
import { loginProfile } from '../../core/oauth/login';
import { addOAuthProfile } from '../../core/oauth/oauth-profile';
import { describeSummary, type OAuthSummary } from '../../core/oauth/oauth-status';
import { signOut } from '../../core/oauth/sign-out';
import { stringOption, type Command, type CommandArgs, type OptionSpec } from '../command';
import { emit, note, type CliIO } from '../io';
import { readOptionalSecret } from '../read-secret';

/** The options `profile add` takes for OAuth profiles. */
export const OAUTH_ADD_OPTIONS: Record<string, OptionSpec> = {
  auth: { type: 'string', value: 'token|oauth', description: 'mcp only: "oauth" signs in through the browser instead of storing a token (default: token)' },
  'client-id': { type: 'string', value: '<id>', description: 'oauth: a client id you registered at the authorization server (its secret, if any, on stdin)' },
  'client-metadata-url': { type: 'string', value: '<https url>', description: 'oauth: the URL of a Client ID Metadata Document to use as client id where the server supports it' },
  login: { type: 'boolean', description: 'oauth: sign in right away (otherwise run `tokentray profile login <name>`)' },
};

/** Runs the interactive sign-in from the CLI: prints the URL, opens the browser, waits. */
async function runLogin(io: CliIO, ctx: CoreContext, name: string): Promise<OAuthSummary> {
  return loginProfile(ctx, name, {
    onUrl: (url) => note(io, `Sign in to ${name} in your browser. If it does not open, visit:\n  ${url}`),
    onWaiting: (holder) => note(io, `A sign-in to ${name} is already waiting in your browser (tokentray pid ${holder.pid}); finish it there${holder.url ? `:\n  ${holder.url}` : ''}`),
    log: (line) => note(io, line),
  });
}

/** `profile add … --auth oauth`: stores the profile's settings (nothing secret but a client secret, to the keychain). */
export async function addOAuthFromCli(args: CommandArgs, io: CliIO, ctx: CoreContext): Promise<number> {
  const name = args.positionals[0]!;
  if (stringOption(args, 'kind') !== 'mcp') throw new UsageError('--auth oauth is for --kind mcp profiles');
  for (const flag of ['mcp-url', 'expires']) if (stringOption(args, flag) !== undefined) throw new UsageError(`--${flag} does not apply to OAuth profiles`);
  const url = stringOption(args, 'url');
  if (!url) throw new UsageError('--url is required: the MCP endpoint URL');
  const clientId = stringOption(args, 'client-id');
  const secret = clientId ? await readOptionalSecret(io, `Client secret for ${clientId} (input hidden; empty for a public client): `) : undefined;
  const profile = await addOAuthProfile(
    ctx,
    { name, url, label: stringOption(args, 'label'), client_id: clientId, client_metadata_url: stringOption(args, 'client-metadata-url') },
    secret,
  );
  if (!args.options.login) {
    emit(io, profile, () => `Stored OAuth profile ${name} (${url}); nothing was sent yet.\nSign in with: tokentray profile login ${name}`);
    return 0;
  }
  const summary = await runLogin(io, ctx, name);
  emit(io, { ...profile, status: 'ok', has_token: true, oauth_status: summary }, () => describeSummary(name, summary));
  return 0;
}

export const profileLogin: Command = {
  path: ['profile', 'login'],
  args: ['<name>'],
  summary: 'Sign an OAuth profile in (again) through the browser; the tokens go to the keychain.',
  details: [
    'Discovers the authorization server from the MCP server (RFC 9728, RFC 8414), registers tokentray where needed',
    '(Client ID Metadata Document, else dynamic registration, unless you gave --client-id), opens the system browser',
    '($BROWSER when set) and waits for the redirect on 127.0.0.1. The URL is printed too, to open it yourself.',
    'Running proxies pick up the new sign-in without a restart. TOKENTRAY_OAUTH_SIGNIN_TIMEOUT_MS bounds the wait (5 min).',
  ].join('\n'),
  async run(args, io, ctx) {
    const name = args.positionals[0]!;
    const summary = await runLogin(io, ctx, name);
    emit(io, { name, ...summary }, () => describeSummary(name, summary));
  },
};

export const profileLogout: Command = {
  path: ['profile', 'logout'],
  args: ['<name>'],
  summary: 'Sign an OAuth profile out: revoke its tokens where the server offers revocation (RFC 7009), and forget them.',
  async run(args, io, ctx) {
    const result = await signOut(ctx, args.positionals[0]!);
    if (typeof result.revoked === 'string') note(io, `warning: revoking failed: ${result.revoked}`);
    emit(io, result, () => result.message);
  },
};

/** `tokentray profile login|logout`. */
export const OAUTH_COMMANDS: Command[] = [profileLogin, profileLogout];
