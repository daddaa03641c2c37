import { agentActions } from '../../../../shared/agent-actions';
import { useRef, useState } from 'react';
import { runWithConfirm } from '../../../../shared/confirm-loop';
import type { AgentView, WorkspaceView } from '../../../../shared/app-state';
import { ActionMessage } from '../../components/action-message';
import { InlineSelect } from '../../components/inline-select';
import { RemedyButton } from '../../components/remedy-button';
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
  // The dialog's answer, for the one confirm loop (shared/confirm-loop.ts) waiting on it.
  const answerDialog = useRef<((yes: boolean) => void) | null>(null);
  const targets = workspaces.filter((w) => w.profile === agent.profile);
  const [picked, setTarget] = useState('');
  // Folders may be added after this row first rendered: fall back to the first one that fits.
  const target = targets.some((w) => w.dir === picked) ? picked : (targets[0]?.dir ?? '');
  const workspace = agent.workspace ?? (target || undefined);

  const ask = () =>
    new Promise<boolean>((resolve) => {
      answerDialog.current = resolve;
      setConfirming(true);
    });
  const decide = (yes: boolean) => {
    setConfirming(false);
    answerDialog.current?.(yes);
    answerDialog.current = null;
  };
  const takeover = async () => {
    const request = { actor_id: agent.actor_id, force: false, ...(workspace && { workspace }) };
    const { declined } = await runWithConfirm((req: typeof request) => action.run('agents:takeover', req), request, ask);
    if (declined) action.show(null);
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
      <RemedyButton remedy={agent.remedy} />
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
            <button type="button" disabled={action.pending || !workspace} title={workspace ? undefined : 'Add a workspace folder first'} onClick={() => void takeover()}>
              Take over
            </button>
          </>
        )}
        {action.pending && <span className="busy" role="status">Working…</span>}
      </div>
      {!confirming && action.result?.remedy?.kind !== 'confirm' && <ActionMessage result={action.result} retry={action.retry} />}
      <TakeoverDialog agent={agent} workspace={workspace} open={confirming} onCancel={() => decide(false)} onConfirm={() => decide(true)} />
    </li>
  );
}
