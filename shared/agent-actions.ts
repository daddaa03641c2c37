import type { AgentStatus } from './app-state';

/** What a person may do with an agent in a given status: one rule that the tray and the window both read. */
export interface AgentActions {
  /** Free the agent for another machine (harmless when it is offline or already elsewhere). */
  release: boolean;
  /** Rotate its key into a workspace here (asks first when it is connected elsewhere). */
  takeover: boolean;
}

const ACTIONS: Record<AgentStatus, AgentActions> = {
  here: { release: true, takeover: false },
  elsewhere: { release: true, takeover: true },
  available: { release: false, takeover: true },
  // In no workspace here: it can be brought into one (the host asks which), and it is not ours to release.
  not_here: { release: false, takeover: true },
  unknown: { release: true, takeover: true },
};

/** The actions an agent in this status allows. */
export function agentActions(status: AgentStatus): AgentActions {
  return ACTIONS[status];
}
