import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small HTTP helpers for the sandbox: JSON replies, early exits, body parsing. */

/** A reply a handler returns or throws (throwing ends the request at once, e.g. 401/403/404). */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** An error reply in the shape of the seeds' 409 example: `{"error", "message", ...}`. */
export function errorReply(status: number, error: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Reply {
  return new Reply(status, { error, message, ...extra }, headers);
}

/** 401 with the WWW-Authenticate challenge every bearer-protected endpoint sends. */
export function unauthorized(message = 'Invalid, revoked or missing credentials'): Reply {
  return errorReply(401, 'unauthorized', message, {}, { 'www-authenticate': `Bearer realm="mootup-sandbox", error="invalid_token"` });
}

/** Writes a reply as JSON (no body for 204); a Buffer body is sent as it is (for "not JSON" cases). */
export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) return;
  if (Buffer.isBuffer(reply.body)) {
    res.writeHead(reply.status, reply.headers).end(reply.body);
    return;
  }
  const text = reply.status === 204 || reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...(text && { 'content-type': 'application/json' }), ...reply.headers });
  res.end(text);
}

/** Reads and parses a JSON request body; an empty body is undefined, malformed JSON a 422. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw errorReply(422, 'invalid_json', 'Request body is not valid JSON');
  }
}

/** The bearer token of a request, or null (the sandbox, like mootup, accepts no other scheme). */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1]! : null;
}

/** A request header as one string (first value), or undefined. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
