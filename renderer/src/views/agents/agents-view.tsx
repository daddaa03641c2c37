import type { AgentView, WorkspaceView } from '../../../../shared/app-state';
import { EmptyState } from '../../components/empty-state';
import { SourceErrors } from '../../components/source-errors';
import { useAppStore } from '../../store/app-store';
import { useUiStore } from '../../store/ui-store';
import { AddWorkspace } from './add-workspace';
import { AgentRow } from './agent-row';
import { WorkspaceSection } from './workspace-section';

/** Workspaces main knows plus any folder an agent was found in (scan roots), in one list. */
function allWorkspaces(workspaces: WorkspaceView[], agents: AgentView[]): WorkspaceView[] {
  const known = new Set(workspaces.map((w) => w.dir));
  const extra = [...new Set(agents.map((a) => a.workspace).filter((d): d is string => d !== null && !known.has(d)))];
  const profileOf = (dir: string) => agents.find((a) => a.workspace === dir)?.profile ?? '';
  return [...workspaces, ...extra.map((dir) => ({ dir, profile: profileOf(dir), has_actors_file: true, agent_count: 0, hygiene: [] }))];
}

/** The Agents view: agents grouped by workspace folder, with release, takeover and folder hygiene. */
export function AgentsView() {
  const { agents, workspaces, profiles } = useAppStore((s) => s.state);
  const setView = useUiStore((s) => s.setView);
  const mootupProfiles = profiles.filter((p) => p.kind === 'mootup');
  const groups = allWorkspaces(workspaces, agents);
  const elsewhere = agents.filter((a) => a.workspace === null);

  return (
    <section aria-labelledby="view-title" className="view">
      <h1 id="view-title">Agents</h1>
      <p className="intro">Your mootup agents, by the project folder that holds their keys. Release an agent to free it, or take one over to run it here.</p>
      <SourceErrors sources={['agents', 'workspaces']} />
      {mootupProfiles.length === 0 ? (
        <EmptyState title="Add your mootup token first">
          <p>tokentray asks mootup which agents are yours with your personal access token.</p>
          <button type="button" className="primary" onClick={() => setView('profiles')}>
            Go to Profiles
          </button>
        </EmptyState>
      ) : (
        <>
          {groups.length === 0 && (
            <EmptyState title="No project folders yet">
              <p>Add the folders you run agents from (the ones with a .moot folder). tokentray then shows which of their agents run on this machine.</p>
            </EmptyState>
          )}
          {groups.map((w) => (
            <WorkspaceSection key={w.dir} workspace={w} agents={agents.filter((a) => a.workspace === w.dir)} workspaces={workspaces} />
          ))}
          {elsewhere.length > 0 && (
            <section className="card workspace" aria-labelledby="not-here-title">
              <div className="card-head">
                <h2 id="not-here-title">Not in any folder on this machine</h2>
              </div>
              <ul className="agent-list" aria-label="Agents not on this machine">
                {elsewhere.map((a) => (
                  <AgentRow key={a.actor_id} agent={a} workspaces={workspaces} />
                ))}
              </ul>
            </section>
          )}
          <AddWorkspace profiles={mootupProfiles} />
        </>
      )}
    </section>
  );
}
