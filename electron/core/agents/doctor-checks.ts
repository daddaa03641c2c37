import type { DoctorCheck, DoctorProvider } from '../checks/doctor-check';
import { listWorkspaces } from './workspaces';

const SEVERITY = { mode: 'warn', not_ignored: 'warn', tracked: 'fail', corrupt: 'fail' } as const;

/** Per workspace: the folder exists, its actors.json parses, is private, git-ignored and untracked. */
export const agentsChecks: DoctorProvider = async (ctx, reads) => {
  const checks: DoctorCheck[] = [];
  for (const w of await listWorkspaces(ctx, { reads })) {
    for (const problem of w.hygiene) {
      checks.push({ id: `workspace_${problem.kind}`, status: SEVERITY[problem.kind], subject: w.dir, message: problem.message, ...(problem.remedy && { remedy: problem.remedy }) });
    }
    if (w.error && !w.hygiene.some((p) => p.kind === 'corrupt')) checks.push({ id: 'workspace', status: 'fail', subject: w.dir, message: w.error, ...(w.remedy && { remedy: w.remedy }) });
    if (!w.error && w.hygiene.length === 0) {
      const what = w.has_actors_file ? `${w.agent_count} agent(s); actors.json private and git-ignored` : 'no .moot/actors.json yet';
      checks.push({ id: 'workspace', status: 'ok', subject: w.dir, message: `profile ${w.profile}: ${what}` });
    }
  }
  return checks;
};
