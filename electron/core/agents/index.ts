/** Agents on this machine: workspaces, status, release, takeover, hygiene. Import from here. */
export { createAgentServerMemory, listAgents, touchedSince, type AgentServerMemory, type ListAgentsOptions, type Touched } from './agents-list';
export { createGitMemory, type GitMemory } from './hygiene';
export { releaseAgent, type ReleaseAgentResult } from './release';
export { takeoverAgent, type TakeoverOptions, type TakeoverResult } from './takeover';
export { addWorkspace, listWorkspaces, removeWorkspace, type WorkspaceAddResult } from './workspaces';
export { fixWorkspace, type WorkspaceFixResult } from './workspace-fix';
export { agentsChecks } from './doctor-checks';
