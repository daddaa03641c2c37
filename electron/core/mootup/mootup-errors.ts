import { TokentrayError, type ErrorCode } from '../errors';
import { redactOptional, redactText } from '../redact/redact';
import { errorBody, serverMessage } from './assumptions';

/** How much of the server's explanation is kept (after redaction, so no token is cut in half and left). */
const SERVER_TEXT_LIMIT = 500;

/** An error answer from mootup: the TokentrayError code a caller acts on, plus the HTTP status. */
export class MootupError extends TokentrayError {
  readonly status: number;
  /** The server's own explanation, when it gave one. */
  readonly serverMessage: string | undefined;

  constructor(code: ErrorCode, status: number, message: string, serverText: string | undefined, details: Record<string, unknown> = {}) {
    super(code, message, { status, ...details });
    this.name = 'MootupError';
    this.status = status;
    this.serverMessage = serverText;
  }
}

/**
 * 409 `agent_connected` from rotate-key: the agent is held by another installation. Retry with
 * `force: true` (X-Force-Rotate) to take it over, after asking the person.
 */
export class AgentConnectedError extends MootupError {
  readonly agentId: string;

  constructor(agentId: string, serverText: string | undefined) {
    super(
      'conflict',
      409,
      `agent ${agentId} is connected to another installation: release it there first, or take it over (rotate its key with force) here`,
      serverText,
      { error: 'agent_connected', agent_id: agentId, server_message: serverText },
    );
    this.name = 'AgentConnectedError';
    this.agentId = agentId;
  }
}

const STATUS_CODES: Record<number, ErrorCode> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

function describe(status: number, what: string, host: string): string {
  switch (status) {
    case 401:
      return `mootup at ${host} refused the token for ${what} (401): it is revoked or invalid`;
    case 403:
      return `mootup at ${host} does not allow ${what} for this token (403); personal access tokens must belong to a person, and you can only manage agents you sponsor`;
    case 404:
      return `mootup at ${host} found nothing for ${what} (404): it does not exist or is not yours`;
    case 409:
      return `mootup at ${host} refused ${what} because of a conflict (409)`;
    default:
      return status >= 500
        ? `mootup at ${host} failed on ${what} (HTTP ${status}); try again later`
        : `mootup at ${host} rejected ${what} (HTTP ${status})`;
  }
}

/**
 * The typed error for a non-2xx answer (`what` is e.g. "GET /api/actors/me"). This is where server
 * text enters the process: it is redacted here (every secret the process knows, bearer values,
 * token shapes) before anything can store, log, print or send it. A server or proxy may quote the
 * request's own Authorization header.
 */
export function errorFromResponse(status: number, body: unknown, what: string, host: string): MootupError {
  const text = redactOptional(serverMessage(body))?.slice(0, SERVER_TEXT_LIMIT);
  const fields = errorBody(body);
  if (status === 409 && fields?.error === 'agent_connected') {
    const agentId = fields.agent_id;
    return new AgentConnectedError(typeof agentId === 'string' ? redactText(agentId).slice(0, 200) : 'unknown', text);
  }
  const code: ErrorCode = STATUS_CODES[status] ?? (status >= 500 ? 'server' : 'invalid_input');
  const message = `${describe(status, what, host)}${text ? `. The server said: ${text}` : ''}`;
  return new MootupError(code, status, message, text, { what });
}
