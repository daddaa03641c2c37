import type { AgentStatus } from '../../../shared/app-state';
import type { Remedy } from '../../../shared/remedy';
import { TokentrayError, errorMessage } from '../errors';
import type { Agent } from '../mootup';

/** A status and why. */
export interface StatusVerdict {
  status: AgentStatus;
  message: string;
  remedy?: Remedy;
}

/** What GET /api/actors/me answered for the agent's local key. */
export type KeyCheck = { ok: true; actorId: string } | { ok: false; error: unknown };

/**
 * The server-side rules (DESIGN.md "Decisions on details"), decided without the local key:
 * released → available; both sides name an installation → equal: here, different: elsewhere.
 * Null when the local key has to be tried.
 */
export function statusFromServer(server: Agent | undefined, localInstallation: string | null): StatusVerdict | null {
  if (server?.connection_status === 'available') return { status: 'available', message: 'released: free to take over here' };
  const remote = server?.installation_id ?? null;
  if (localInstallation && remote) {
    return remote === localInstallation
      ? { status: 'here', message: `held by this installation (${remote})` }
      : { status: 'elsewhere', message: `held by another installation (${remote})` };
  }
  return null;
}

/** The key rule: the local key authenticates → here; refused (401) → elsewhere; unreachable → unknown. */
export function statusFromKeyCheck(actorId: string, check: KeyCheck): StatusVerdict {
  if (check.ok) {
    return check.actorId === actorId
      ? { status: 'here', message: 'the local key works' }
      : { status: 'unknown', message: `the local key belongs to another actor (${check.actorId}); re-create actors.json with \`moot init\`` };
  }
  const error = check.error;
  if (error instanceof TokentrayError && error.code === 'unauthorized') {
    return { status: 'elsewhere', message: 'local key refused: rotated or taken over by another installation' };
  }
  return { status: 'unknown', message: `could not check: ${errorMessage(error)}` };
}

/** A sponsored agent no workspace holds: released → available, else not_here. */
export function statusWithoutWorkspace(server: Agent): StatusVerdict {
  return server.connection_status === 'available'
    ? { status: 'available', message: 'released: free to take over here' }
    : { status: 'not_here', message: server.connection_status === 'connected' ? 'connected from an installation, but in no workspace added here' : 'in no workspace on this machine' };
}
