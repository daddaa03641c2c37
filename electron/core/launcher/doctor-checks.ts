import type { DoctorCheck, DoctorProvider } from '../checks/doctor-check';
import { findStaleEntries } from './stale-entries';

/** One warning per editor entry whose command no longer exists; ok when every entry's command is there. */
export const launcherChecks: DoctorProvider = async (ctx) => {
  const stale = findStaleEntries(ctx.env, ctx.home);
  if (stale.length === 0) return [{ id: 'editor_command', status: 'ok', subject: 'editor configs', message: 'every tokentray entry runs a command that exists' }];
  return stale.map(
    (s): DoctorCheck => ({
      id: 'editor_command',
      status: 'warn',
      subject: s.file,
      message:
        `entry "${s.name}" runs ${s.command}, which no longer exists, so ${s.editor_label} cannot start tokentray for profile ${s.profile}. ` +
        (s.repairable ? `Repair it with one click in the tokentray window (Editors), or run \`tokentray editors install ${s.editor} ${s.profile}${s.project ? ` --scope project --project ${s.project}` : ''} --name ${s.name}\`.` : 'Change its command by hand.'),
    }),
  );
};
