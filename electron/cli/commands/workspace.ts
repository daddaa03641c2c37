import { addWorkspace, fixWorkspace, listWorkspaces, removeWorkspace } from '../../core/agents';
import { stringOption, type Command } from '../command';
import { emit, note, table } from '../io';
import { cliMessage } from '../remedy';

export const workspaceAdd: Command = {
  path: ['workspace', 'add'],
  args: ['<dir>'],
  summary: 'Add a project folder whose .moot/actors.json holds agents, tied to a mootup profile.',
  details: 'Without --profile, the only mootup profile is used. A folder without .moot/actors.json is accepted with a note.',
  options: { profile: { type: 'string', value: '<name>', description: 'the mootup profile that sponsors its agents' } },
  async run(args, io, ctx) {
    const result = await addWorkspace(ctx, args.positionals[0]!, stringOption(args, 'profile'));
    if (result.note) note(io, `note: ${result.note}`);
    emit(io, result, () => result.message);
  },
};

export const workspaceList: Command = {
  path: ['workspace', 'list'],
  args: [],
  summary: 'List workspaces with their agent count and any actors.json hygiene problem.',
  async run(_args, io, ctx) {
    const workspaces = await listWorkspaces(ctx);
    emit(io, workspaces, () => {
      if (workspaces.length === 0) return 'No workspaces yet. Add one with: tokentray workspace add <dir>';
      const rows = workspaces.map((w) => [
        w.dir,
        w.profile,
        w.has_actors_file ? String(w.agent_count) : '-',
        w.error ? cliMessage(w.error, w.remedy) : (w.hygiene.length === 0 ? 'ok' : w.hygiene.map((p) => p.kind).join(', ')),
      ]);
      const problems = workspaces.flatMap((w) => w.hygiene.map((p) => `  ${p.fixable ? 'fixable' : 'NOT fixable'}: ${cliMessage(p.message, p.remedy)}`));
      return [table(['DIR', 'PROFILE', 'AGENTS', 'STATE'], rows), ...(problems.length ? ['', 'Problems:', ...problems] : [])].join('\n');
    });
  },
};

export const workspaceRemove: Command = {
  path: ['workspace', 'remove'],
  args: ['<dir>'],
  summary: 'Remove a folder from the workspaces (its files are not touched).',
  async run(args, io, ctx) {
    const result = await removeWorkspace(ctx, args.positionals[0]!);
    emit(io, result, () => result.message);
  },
};

export const workspaceFix: Command = {
  path: ['workspace', 'fix'],
  args: ['<dir>'],
  summary: 'Make .moot/actors.json private (chmod 600) and git-ignored; say what cannot be fixed here.',
  details: 'A tracked actors.json means its keys are in the git history: take each agent over (agents takeover --force) to rotate them.',
  async run(args, io, ctx) {
    const result = await fixWorkspace(ctx, args.positionals[0]!);
    emit(io, result, () => cliMessage(result.message, result.remedy));
    return result.ok ? 0 : 1;
  },
};

export const WORKSPACE_COMMANDS: Command[] = [workspaceAdd, workspaceList, workspaceRemove, workspaceFix];
