import { listAgents, listWorkspaces, releaseAgent, takeoverAgent } from '../../core/agents';
import { createSnapshotReads } from '../../core/fs/snapshot-reads';
import { stringOption, type Command } from '../command';
import { emit, note, table } from '../io';
import { cliMessage } from '../remedy';

export const agentsList: Command = {
  path: ['agents', 'list'],
  args: [],
  summary: 'Show each agent: here, elsewhere, available (released), not_here, or unknown (offline).',
  async run(_args, io, ctx) {
    const reads = createSnapshotReads(); // one read of workspaces.json and each actors.json for both lists
    const [agents, workspaces] = await Promise.all([listAgents(ctx, { reads }), listWorkspaces(ctx, { reads })]);
    for (const w of workspaces) {
      if (w.error) note(io, `warning: ${cliMessage(w.error, w.remedy)}`);
      for (const p of w.hygiene.filter((h) => h.kind !== 'corrupt')) note(io, `warning: ${cliMessage(p.message, p.remedy)}`);
    }
    emit(io, agents, () =>
      agents.length === 0
        ? 'No agents: add a project folder with `tokentray workspace add <dir>` and a mootup profile with `tokentray profile add`.'
        : table(
            ['ACTOR', 'NAME', 'STATUS', 'WORKSPACE', 'WHY'],
            agents.map((a) => [a.actor_id, a.display_name, a.status, a.workspace ?? '-', a.message ? cliMessage(a.message, a.remedy) : '']),
          ),
    );
  },
};

export const agentsRelease: Command = {
  path: ['agents', 'release'],
  args: ['<actor_id>'],
  summary: 'Free an agent for another machine (its key keeps working); already released is fine.',
  async run(args, io, ctx) {
    const result = await releaseAgent(ctx, args.positionals[0]!);
    emit(io, result, () => result.message);
  },
};

export const agentsTakeover: Command = {
  path: ['agents', 'takeover'],
  args: ['<actor_id>'],
  summary: "Rotate an agent's key and write it into this machine's actors.json (exit 3 if connected elsewhere, unless --force).",
  details:
    'The new key is written durably into the workspace holding the agent before anything else happens.\n' +
    'If another installation is connected, mootup refuses unless --force; its key then stops working at once.\n' +
    'An agent in several workspaces needs --workspace <dir> (the others keep a dead key, listed in the answer) or --all-workspaces.',
  options: {
    force: { type: 'boolean', description: 'take the agent over even if another installation is connected' },
    workspace: { type: 'string', value: '<dir>', description: 'the folder whose .moot/actors.json gets the key (for an agent in no workspace)' },
    'all-workspaces': { type: 'boolean', description: 'write the new key into every workspace holding the agent (else their key stops working)' },
  },
  async run(args, io, ctx) {
    const result = await takeoverAgent(ctx, {
      actorId: args.positionals[0]!,
      force: args.options.force === true,
      workspace: stringOption(args, 'workspace'),
      allWorkspaces: args.options['all-workspaces'] === true,
    });
    const { unsaved_key: key, ...shown } = result;
    if (key !== undefined) {
      // The one place a key is printed: to the person at the terminal, once, because it could not be saved.
      io.stderr.write(`\n${cliMessage(result.message, result.remedy)}\n\n    ${key}\n\n`);
      emit(io, { ...shown, key_shown_on: 'stderr' }, () => '');
      return 1;
    }
    emit(io, shown, () => cliMessage(result.message, result.remedy));
  },
};

export const AGENTS_COMMANDS: Command[] = [agentsList, agentsRelease, agentsTakeover];
