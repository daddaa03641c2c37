/** Agents on this machine: workspaces, status, release, takeover, hygiene. Import from here. */
export { listAgents, type ListAgentsOptions } from './agents-list';
export { releaseAgent, type ReleaseAgentResult } from './release';
export { takeoverAgent, type TakeoverOptions, type TakeoverResult } from './takeover';
export { addWorkspace, listWorkspaces, removeWorkspace, type WorkspaceAddResult } from './workspaces';
export { fixWorkspace, type WorkspaceFixResult } from './workspace-fix';
export { agentsChecks } from './doctor-checks';
