import { agentActions } from '../../../../shared/agent-actions';
import { useState } from 'react';
import type { AgentView, WorkspaceView } from '../../../../shared/app-state';
import { ActionMessage } from '../../components/action-message';
import { InlineSelect } from '../../components/inline-select';
import { StatusBadge } from '../../components/status-badge';
import { AGENT_STATUS_HELP, agentBadge } from '../../lib/badges';
import { folderName } from '../../lib/format';
import { useAction } from '../../store/use-action';
import { useFocusTarget } from '../../store/use-focus';
import { TakeoverDialog } from './takeover-dialog';

/** One agent: its status, and Release / Take over (which asks first when the agent is connected elsewhere). */
export function AgentRow({ agent, workspaces }: { agent: AgentView; workspaces: WorkspaceView[] }) {
  const action = useAction(`agent:${agent.actor_id}`);
  const allowed = agentActions(agent.status);
  const [confirming, setConfirming] = useState(false);
  const targets = workspaces.filter((w) => w.profile === agent.profile);
  const [picked, setTarget] = useState('');
  // Folders may be added after this row first rendered: fall back to the first one that fits.
  const target = targets.some((w) => w.dir === picked) ? picked : (targets[0]?.dir ?? '');
  const workspace = agent.workspace ?? (target || undefined);

  const takeover = async (force: boolean) => {
    setConfirming(false);
    const answer = await action.run('agents:takeover', { actor_id: agent.actor_id, force, ...(workspace && { workspace }) });
    if (!answer.ok && answer.needs_confirmation) setConfirming(true);
  };

  const { ref, focused } = useFocusTarget<HTMLLIElement>((t) => t.view === 'agents' && t.actor_id === agent.actor_id && (!t.workspace || t.workspace === agent.workspace));

  return (
    <li ref={ref} className={`agent-row${focused ? ' is-focused' : ''}`} data-testid={`agent-${agent.actor_id}`} aria-label={agent.display_name} aria-current={focused ? 'true' : undefined}>
      <div className="agent-main">
        <span className="agent-name">{agent.display_name}</span>
        <StatusBadge badge={agentBadge(agent.status)} detail={AGENT_STATUS_HELP[agent.status]} />
        <span className="agent-id mono">{agent.actor_id}</span>
      </div>
      {agent.message && <p className="agent-message">{agent.message}</p>}
      <div className="card-actions">
        {allowed.release && (
          <button type="button" disabled={action.pending} onClick={() => void action.run('agents:release', { actor_id: agent.actor_id })}>
            Release
          </button>
        )}
        {allowed.takeover && (
          <>
            {agent.workspace === null && targets.length > 1 && (
              <InlineSelect label="into" value={target} options={targets.map((w) => ({ value: w.dir, label: folderName(w.dir) }))} onChange={setTarget} />
            )}
            <button type="button" disabled={action.pending || !workspace} title={workspace ? undefined : 'Add a workspace folder first'} onClick={() => void takeover(false)}>
              Take over
            </button>
          </>
        )}
        {action.pending && <span className="busy" role="status">Working…</span>}
      </div>
      {!action.result?.needs_confirmation && <ActionMessage result={action.result} />}
      <TakeoverDialog agent={agent} workspace={workspace} open={confirming} onCancel={() => {
          setConfirming(false);
          action.show(null);
        }} onConfirm={() => void takeover(true)} />
    </li>
  );
}
