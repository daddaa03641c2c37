import { listPats } from '../../core/profiles/pat/pat-list';
import { revokePat } from '../../core/profiles/pat/pat-revoke';
import { rotatePat } from '../../core/profiles/pat/pat-rotate';
import type { Command } from '../command';
import { emit, note, table } from '../io';
import { cliMessage } from '../remedy';

const MARK = { ok: 'ok    ', failed: 'FAILED', skipped: 'skip  ' } as const;

export const patList: Command = {
  path: ['pat', 'list'],
  args: ['<profile>'],
  summary: "List your mootup personal access tokens (never their values), marking the one this profile holds.",
  options: { 'include-revoked': { type: 'boolean', description: 'also list revoked tokens' } },
  async run(args, io, ctx) {
    const name = args.positionals[0]!;
    const pats = await listPats(ctx, name, { includeRevoked: args.options['include-revoked'] === true });
    emit(io, pats, () =>
      table(
        ['', 'PAT_ID', 'NAME', 'PREFIX', 'CREATED', 'LAST USED', 'REVOKED'],
        pats.map((p) => [p.in_use ? '*' : '', p.pat_id, p.name, p.token_prefix, p.created_at.slice(0, 10), p.last_used_at?.slice(0, 10) ?? '-', p.revoked_at?.slice(0, 10) ?? '-']),
      ) + `\n\n* = the token profile ${name} holds`,
    );
  },
};

export const patRotate: Command = {
  path: ['pat', 'rotate'],
  args: ['<profile>'],
  summary: 'Replace a mootup profile\'s PAT with a new one, keeping a working token stored at every step.',
  details:
    'Steps: create a new PAT named after the profile\'s label and today\'s date → store it in the keychain and\n' +
    'record its pat_id and prefix → verify it (GET /api/actors/me) → revoke the old PAT. A rotation that was\n' +
    'interrupted is healed first: metadata fixed from the keychain, a leftover PAT revoked.\n' +
    'If a step fails it stops, leaves a working token stored, and says what state things are in and what to\n' +
    'run next (exit 1). Running `tokentray mcp` proxies pick up the new token without a restart.',
  async run(args, io, ctx) {
    const rotated = await rotatePat(ctx, args.positionals[0]!);
    // The note on agents says to take each one over; at the terminal, with the command that does it.
    const result = { ...rotated, agents_note: cliMessage(rotated.agents_note, { kind: 'action', action: 'agents-takeover' }) };
    if (!result.ok) note(io, `tokentray: ${cliMessage(result.message, result.remedy)}`);
    emit(io, result, () =>
      [...result.steps.map((s) => `${MARK[s.status]}  ${s.step.padEnd(Math.max(...result.steps.map((x) => x.step.length)))} ${s.message ?? ''}`), '', result.ok ? result.message : `Stopped. Next: ${result.next ?? '-'}`, result.agents_note].join('\n'),
    );
    return result.ok ? 0 : 1;
  },
};

export const patRevoke: Command = {
  path: ['pat', 'revoke'],
  args: ['<profile>', '<pat_id>'],
  summary: 'Revoke one of your mootup PATs (at once, no grace period). The one the profile holds needs --force.',
  options: { force: { type: 'boolean', description: 'revoke even the PAT this profile holds, and delete its token from the keychain' } },
  async run(args, io, ctx) {
    const result = await revokePat(ctx, args.positionals[0]!, args.positionals[1]!, { force: args.options.force === true });
    emit(io, result, () => cliMessage(`${result.message[0]!.toUpperCase()}${result.message.slice(1)}.`, result.remedy));
  },
};

/** `tokentray pat …`: the PAT lifecycle of mootup profiles. */
export const PAT_COMMANDS: Command[] = [patList, patRotate, patRevoke];
