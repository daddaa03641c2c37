/**
 * ASSUMPTIONS: everything the mootup client relies on that the service documents (seeds) do not
 * say. Each is optional or tolerant, so a server that lacks it still works. When mootup documents
 * one of these, change it here and nowhere else. The sandbox server (test/sandbox) implements them.
 */

/** Assumed agent field: whether an installation currently holds the agent. Absent on a plain server. */
export type ConnectionStatus = 'connected' | 'available';

/** Assumed agent fields carried on objects of GET /api/actors/me/agents (both optional). */
export interface AssumedAgentFields {
  /** `connected`: some installation holds it; `available`: released, free to claim. */
  connection_status?: ConnectionStatus | null;
  /** Which installation holds the agent; null/absent when none or when the server does not say. */
  installation_id?: string | null;
}

/** The values of `connection_status` we understand; anything else is treated as absent. */
export const CONNECTION_STATUSES: readonly ConnectionStatus[] = ['connected', 'available'];

/**
 * Assumed request header: the installation making a rotate-key call, so the server can tell "this
 * installation already holds the agent" (no 409) from "another one does" (409 agent_connected), and
 * record the new holder. The seeds only say "connected to another installation".
 */
export const INSTALLATION_ID_HEADER = 'X-Installation-Id';

/** Documented request header (seeds): take an agent over from another installation. */
export const FORCE_ROTATE_HEADER = 'X-Force-Rotate';

/**
 * Assumed list shapes: the seeds say GET /me/spaces and /me/agents "list" things without showing
 * the body. We accept a bare array, or an object wrapping it under the resource name or `items`.
 */
export function unwrapList(value: unknown, resource: string): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) {
    const wrapped = (value as Record<string, unknown>)[resource] ?? (value as Record<string, unknown>).items;
    if (Array.isArray(wrapped)) return wrapped;
  }
  return null;
}

/** Assumed space fields (not shown in the seeds): an id, a name and a status, all strings. */
export const SPACE_ID_FIELDS = ['space_id', 'id'] as const;

/**
 * Assumed rotate-key response: the seeds say it "returns the new plaintext key"; we expect it under
 * `api_key` as in actor registration, and accept `key` as a fallback.
 */
export const ROTATED_KEY_FIELDS = ['api_key', 'key'] as const;

/**
 * Assumed error body: `{"error": code, "message": text, ...}` as in the 409 example. A server built on
 * FastAPI may wrap that object in `detail` (or send `detail` as plain text); both are read.
 */
export function errorBody(body: unknown): Record<string, unknown> | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const detail = (body as Record<string, unknown>).detail;
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail)) return detail as Record<string, unknown>;
  return body as Record<string, unknown>;
}

/** The server's own words from an error body, as sent (unscrubbed: see mootup-errors.ts). */
export function serverMessage(body: unknown): string | undefined {
  const fields = errorBody(body);
  if (!fields) return undefined;
  const { message, detail } = fields;
  return typeof message === 'string' ? message : typeof detail === 'string' ? detail : undefined;
}
