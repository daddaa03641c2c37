/** Which scopes to ask for (MCP 2025-11-25 "Scope Selection Strategy", SEP-2350, SEP-2207). Pure. */

const OFFLINE = 'offline_access';

/** What the scope choice is made from. */
export interface ScopeInputs {
  /** `scope` of the WWW-Authenticate challenge, when it had one (authoritative for the request). */
  challenged?: string[];
  /** `scopes_supported` of the protected resource metadata. */
  resourceScopes?: string[];
  /** `scopes_supported` of the authorization server metadata (only for `offline_access`). */
  serverScopes?: string[];
  /** Scopes requested or granted before, kept on re-authorization so nothing is lost (SEP-2350). */
  prior?: string[];
}

/**
 * The challenge's scopes, else the resource's `scopes_supported`, else none (the `scope` parameter is
 * then omitted); on re-authorization the union with what was held before. `offline_access` is added
 * only when the authorization server lists it, and removed when it does not.
 */
export function chooseScopes(inputs: ScopeInputs): string[] | undefined {
  const base = inputs.challenged && inputs.challenged.length > 0 ? inputs.challenged : inputs.resourceScopes;
  const chosen = new Set([...(inputs.prior ?? []), ...(base ?? [])]);
  if (chosen.size === 0) return undefined;
  if (inputs.serverScopes?.includes(OFFLINE)) chosen.add(OFFLINE);
  else chosen.delete(OFFLINE);
  return chosen.size > 0 ? [...chosen] : undefined;
}

/** Whether a 403 challenge asks for something not already asked for (else stepping up again is pointless). */
export function stepUpWorthwhile(challenged: string[] | undefined, alreadyRequested: string[]): boolean {
  if (!challenged || challenged.length === 0) return false;
  return challenged.some((scope) => !alreadyRequested.includes(scope));
}
