import { addWorkspace, fixWorkspace, releaseAgent, removeWorkspace, takeoverAgent } from '../../agents/index';
import { act, answerOf } from '../ipc-act';
import type { IpcHandlers, IpcHost } from '../ipc-host';

/** The IPC handlers for agents and the workspaces that hold them: release, take over, add/remove/fix/pick a folder. */
export function agentsHandlers(host: IpcHost): Pick<IpcHandlers, 'agents:release' | 'agents:takeover' | 'workspace:add' | 'workspace:remove' | 'workspace:fix' | 'workspace:pick'> {
  const { ctx } = host;
  return {
    'agents:release': (req) =>
      act(host, async () => answerOf({ message: (await releaseAgent(ctx, req.actor_id)).message })),
    'agents:takeover': (req) =>
      act(host, async () => {
        // One click updates every folder on this machine that holds the agent, so none is left with a dead key.
        const { unsaved_key, ...result } = await takeoverAgent(ctx, {
          actorId: req.actor_id,
          force: req.force,
          allWorkspaces: true,
          ...(req.workspace && { workspace: req.workspace }),
        });
        if (unsaved_key) {
          await host.showUnsavedKey({ actor_id: result.actor_id, display_name: result.display_name, workspace: result.workspace, key: unsaved_key });
        }
        return answerOf(result);
      }),
    'workspace:add': (req) =>
      act(host, async () => {
        const result = await addWorkspace(ctx, req.dir, req.profile);
        return answerOf({ message: result.message, ...(result.note && { warning: result.note }) });
      }),
    'workspace:remove': (req) => act(host, async () => answerOf({ message: (await removeWorkspace(ctx, req.dir)).message })),
    'workspace:fix': (req) =>
      act(host, async () => answerOf(await fixWorkspace(ctx, req.dir))),
    'workspace:pick': async () => ({ dir: await host.pickFolder() }),
  };
}
