import { checkProfile, type ProfileCheckResult } from '../../core/profiles/profile-check';
import type { Command } from '../command';
import { emit, note } from '../io';
import { cliMessage } from '../remedy';

function describe(result: ProfileCheckResult): string {
  const lines = [`${result.name} (${result.kind}, ${result.url}): ${result.status === 'ok' ? 'ok' : result.status}`];
  if (result.actor) {
    lines.push(`  display name  ${result.actor.display_name}`, `  email         ${result.actor.email ?? '-'}`, `  actor type    ${result.actor.actor_type}`);
  }
  if (result.oauth?.signed_in) {
    lines.push(`  signed in as  ${result.oauth.signed_in_as ?? '-'}`, `  issuer        ${result.oauth.issuer}`, `  until         ${result.oauth.expires_at ?? '-'}${result.oauth.refreshable ? ' (renewed automatically)' : ''}`, `  scopes        ${result.oauth.scopes.join(' ') || '-'}`);
  }
  if (result.server) lines.push(`  server        ${[result.server.name, result.server.version].filter(Boolean).join(' ') || '-'}`, `  protocol      ${result.server.protocol_version}`);
  return lines.join('\n');
}

export const profileCheck: Command = {
  path: ['profile', 'check'],
  args: ['<name>'],
  summary: 'Verify a profile\'s token with its service and record the result (mootup: whose token it is; mcp: an MCP initialize).',
  details:
    'mootup profiles: GET /api/actors/me shows whom the token belongs to (it should be a person).\n' +
    'mcp profiles: an MCP initialize request against the profile URL (the session is closed again).\n' +
    'OAuth profiles: whom the sign-in is for, until when, which scopes, then the same initialize with the access token.\n' +
    'A refused token (401) marks the profile revoked; the result is kept as last_check. Exit code 1 when the check fails.',
  async run(args, io, ctx) {
    const result = await checkProfile(ctx, args.positionals[0]!);
    if (result.warning) note(io, `warning: ${result.warning}`);
    if (result.status !== 'ok') note(io, `tokentray: ${cliMessage(result.message, result.remedy)}`);
    emit(io, result, () => describe(result));
    return result.status === 'ok' ? 0 : 1;
  },
};
