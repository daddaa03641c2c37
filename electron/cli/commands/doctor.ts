import { runDoctor } from '../../core/doctor/doctor';
import type { Command } from '../command';
import { emit } from '../io';
import { cliMessage } from '../remedy';

const MARK = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' } as const;

export const doctor: Command = {
  path: ['doctor'],
  args: [],
  summary: 'Check the keychain, profiles and their tokens (expiry, revocation), workspaces and editor configs; exit 1 when any check fails.',
  async run(_args, io, ctx) {
    const report = await runDoctor(ctx);
    emit(io, report, () =>
      [...report.checks.map((c) => `${MARK[c.status]}  ${c.id.padEnd(15)} ${c.subject}: ${cliMessage(c.message, c.remedy)}`), '', report.ok ? 'All checks passed.' : 'Some checks failed.'].join('\n'),
    );
    return report.ok ? 0 : 1;
  },
};
