import type { AgentView, WorkspaceView } from '../../../../shared/app-state';
import { remedyHint } from '../../../../shared/remedy';
import { ActionMessage } from '../../components/action-message';
import { RemedyButton } from '../../components/remedy-button';
import { folderName } from '../../lib/format';
import { useAction } from '../../store/use-action';
import { AgentRow } from './agent-row';

/** One workspace folder: its hygiene warnings (with Fix), its agents, and Remove. */
export function WorkspaceSection({ workspace, agents, workspaces }: { workspace: WorkspaceView; agents: AgentView[]; workspaces: WorkspaceView[] }) {
  const action = useAction(`workspace:${workspace.dir}`);
  const fixable = workspace.hygiene.some((h) => h.fixable);
  const titleId = `ws-${workspace.dir.replace(/[^a-zA-Z0-9]/g, '-')}`;
  return (
    <section className="card workspace" aria-labelledby={titleId} data-testid="workspace">
      <div className="card-head">
        <h2 id={titleId}>{folderName(workspace.dir)}</h2>
        <span className="mono muted">{workspace.dir}</span>
        <span className="muted">· profile {workspace.profile}</span>
        <button type="button" className="push-right" title="tokentray stops watching this folder; nothing in it is changed" disabled={action.pending} onClick={() => void action.run('workspace:remove', { dir: workspace.dir })}>
          Remove from list
        </button>
      </div>
      {workspace.error && (
        <div className="inline-error" role="alert">
          <p>{workspace.error}</p>
          <RemedyButton remedy={workspace.remedy} />
        </div>
      )}
      {workspace.hygiene.length > 0 && (
        <div className="hygiene" role="alert">
          <p>The agent keys in this folder are at risk:</p>
          <ul>
            {workspace.hygiene.map((h, i) => (
              <li key={i}>
                {h.message}
                {!h.fixable &&
                  (h.remedy ? (
                    <span className="remedy-hint" data-testid="remedy-hint">
                      {' '}
                      {remedyHint(h.remedy)}
                    </span>
                  ) : (
                    ' (take the agents over to replace their keys)'
                  ))}
              </li>
            ))}
          </ul>
          {fixable && (
            <button type="button" className="primary" disabled={action.pending} onClick={() => void action.run('workspace:fix', { dir: workspace.dir })}>
              Fix
            </button>
          )}
        </div>
      )}
      <ActionMessage result={action.result} />
      {!workspace.has_actors_file && !workspace.error ? (
        <p className="muted">No agents here yet: this folder has no .moot/actors.json. Agents you create in it with mootup appear here.</p>
      ) : agents.length === 0 ? (
        <p className="muted">No agents in this folder.</p>
      ) : (
        <ul className="agent-list" aria-label={`Agents in ${folderName(workspace.dir)}`}>
          {agents.map((a) => (
            <AgentRow key={a.actor_id} agent={a} workspaces={workspaces} />
          ))}
        </ul>
      )}
    </section>
  );
}
