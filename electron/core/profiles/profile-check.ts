import type { Remedy } from '../../../shared/remedy';
import type { Dispatcher } from 'undici';
import { createParser } from 'eventsource-parser';
import type { LastCheck, Profile, ProfileKind } from '../../../shared/profile';
import { mootupTokenPrefix } from '../../../shared/token-formats';
import type { CoreContext } from '../context';
import { TokentrayError, type ErrorCode } from '../errors';
import { API_TIMEOUTS, assertSecureUrl, createDispatcher, loadUndici, transportError, type HttpTimeouts } from '../http/http-setup';
import { createMootupClient } from '../mootup/client';
import { openMootupSession } from '../mootup/session';
import { matchByPrefix } from './pat/pat-session';
import { redactText } from '../redact/redact';
import { findProfile } from './profile-store';
import { profileMcpUrl } from './profile-urls';
import { readProfileToken } from './profiles';
import { markChecked, markRevoked } from './revocation';
import { OAuthHttp } from '../oauth/oauth-http';
import { readTokens } from '../oauth/oauth-secrets';
import { describeSummary, summarize, type OAuthSummary } from '../oauth/oauth-status';
import { usableTokens } from '../oauth/login';
import { refreshTokens } from '../oauth/refresh';

/** What `tokentray profile check` found; `last_check` is what was recorded on the profile. */
export interface ProfileCheckResult {
  name: string;
  kind: ProfileKind;
  url: string;
  status: 'ok' | 'revoked' | 'error';
  message: string;
  warning?: string;
  /** mootup: whom the token belongs to. */
  actor?: { actor_id: string; display_name: string; email: string | null; actor_type: string };
  /** mcp: what the server said about itself in `initialize`. */
  server?: { name?: string; version?: string; protocol_version: string };
  /** OAuth profiles: whom the sign-in is for, until when, which scopes. */
  oauth?: OAuthSummary;
  error_code?: ErrorCode;
  /** What to do when the check failed (replace a refused token, sign in again…). */
  remedy?: Remedy;
  last_check?: LastCheck;
}

/** The MCP protocol revision we offer in `initialize` (and send as MCP-Protocol-Version). */
export const MCP_PROTOCOL_VERSION = '2025-11-25';

/** What a successful verification found. */
export type Outcome = Pick<ProfileCheckResult, 'message' | 'warning' | 'actor' | 'server'>;

/**
 * Verifies a profile's token against its service — mootup: GET /api/actors/me; mcp: an MCP
 * `initialize` — and records the result on the profile (a 401 marks it revoked).
 */
export async function checkProfile(ctx: CoreContext, name: string, options: { timeouts?: HttpTimeouts } = {}): Promise<ProfileCheckResult> {
  const profile = findProfile(ctx.home, name);
  if (profile.auth === 'oauth') return checkOAuthProfile(ctx, name, options);
  const token = await readProfileToken(ctx, name);
  const url = serviceUrl(profile);
  const base = { name, kind: profile.kind, url };
  let outcome: Outcome;
  try {
    ({ outcome } = await verifyToken(ctx, profile, token, options));
  } catch (error) {
    if (!(error instanceof TokentrayError)) throw error;
    if (error.code === 'unauthorized') {
      const updated = await markRevoked(ctx, name, 'profile check');
      const message = `token revoked or invalid: ${new URL(url).host} refused it (401)`;
      return { ...base, status: 'revoked', message, remedy: { kind: 'replace-token', profile: name }, error_code: error.code, last_check: updated.last_check };
    }
    const updated = await markChecked(ctx, name, 'error', error.message);
    return { ...base, status: 'error', message: error.message, error_code: error.code, ...(error.remedy && { remedy: error.remedy }), last_check: updated.last_check };
  }
  const updated = await markChecked(ctx, name, 'ok', outcome.warning);
  return { ...base, status: 'ok', ...outcome, last_check: updated.last_check };
}

/**
 * An OAuth profile: its sign-in (refreshed first when about to expire), then an MCP initialize with
 * the access token; a 401 gets one refresh and a second try. Never marks the profile revoked: a
 * refused sign-in needs `profile login`, not a new token.
 */
async function checkOAuthProfile(ctx: CoreContext, name: string, options: { timeouts?: HttpTimeouts }): Promise<ProfileCheckResult> {
  const profile = findProfile(ctx.home, name);
  const url = profileMcpUrl(profile);
  assertSecureUrl(url);
  const base = { name, kind: profile.kind, url };
  const http = new OAuthHttp(ctx.env);
  const dispatcher = await createDispatcher(options.timeouts ?? API_TIMEOUTS, ctx.env);
  try {
    let record = await usableTokens(ctx, http, name);
    let outcome: Outcome;
    try {
      outcome = await probeMcp(url, record.access_token, dispatcher);
    } catch (error) {
      if (!(error instanceof TokentrayError && error.code === 'unauthorized' && record.refresh_token)) throw error;
      record = await refreshTokens(ctx, http, name, record.access_token);
      outcome = await probeMcp(url, record.access_token, dispatcher);
    }
    const summary = summarize(profile, record);
    const updated = await markChecked(ctx, name, 'ok', outcome.warning);
    return { ...base, status: 'ok', ...outcome, message: `${describeSummary(name, summary)}; ${outcome.message.replace(/^token works: /, '')}`, oauth: summary, last_check: updated.last_check };
  } catch (error) {
    if (!(error instanceof TokentrayError)) throw error;
    const summary = summarize(profile, await readTokens(ctx, name).catch(() => null));
    const message = error.message;
    const updated = await markChecked(ctx, name, 'error', message);
    const remedy = error.code === 'unauthorized' ? ({ kind: 'sign-in', profile: name } as const) : error.remedy;
    return { ...base, status: 'error', message, oauth: summary, error_code: error.code, ...(remedy && { remedy }), last_check: updated.last_check };
  } finally {
    await dispatcher.close();
    await http.close();
  }
}

/** mootup: GET /api/actors/me with `token`: whose token it is (warns when it is not a person's). */
export async function checkMootup(url: string, token: string, dispatcher: Dispatcher): Promise<Outcome> {
  const me = await createMootupClient({ baseUrl: url, token, dispatcher }).getMe();
  const actor = { actor_id: me.actor_id, display_name: me.display_name, email: me.email ?? null, actor_type: me.actor_type };
  const warning =
    me.actor_type === 'human'
      ? undefined
      : `this token belongs to ${me.actor_type === 'agent' ? 'an agent' : `an actor of type "${me.actor_type}"`}, not a person: a mootup personal access token should belong to a human; create one at mootup.io/settings/api-keys while signed in as yourself`;
  return { message: `token works: ${me.display_name}${me.email ? ` <${me.email}>` : ''} (${me.actor_type})`, actor, ...(warning && { warning }) };
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'tokentray', version: process.env.TOKENTRAY_VERSION ?? 'dev' } },
};

function statusError(status: number, url: string): TokentrayError {
  const host = new URL(url).host;
  if (status === 401) return new TokentrayError('unauthorized', `${host} refused the token (401)`, { status });
  const code: ErrorCode = status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status >= 500 ? 'server' : 'bad_response';
  const hint = status >= 300 && status < 400 ? '; it redirects elsewhere: update the profile URL' : status === 404 ? '; is this the MCP endpoint URL?' : '';
  return new TokentrayError(code, `${host} answered the MCP initialize request with HTTP ${status}${hint}`, { status });
}

/** A plain JSON-RPC `initialize` POST (JSON or SSE answer), then DELETE of the session it opened. */
export async function probeMcp(url: string, token: string, dispatcher: Dispatcher): Promise<Outcome> {
  const { request } = await loadUndici();
  const headers = { authorization: `Bearer ${token}`, 'mcp-protocol-version': MCP_PROTOCOL_VERSION };
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: 'POST',
      dispatcher,
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(INITIALIZE),
    });
  } catch (error) {
    throw transportError(error, url);
  }
  const sessionId = response.headers['mcp-session-id'];
  try {
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await response.body.dump();
      throw statusError(response.statusCode, url);
    }
    const type = String(response.headers['content-type'] ?? '');
    const text = type.includes('text/event-stream') ? await firstSseData(response.body) : await response.body.text();
    return initializeOutcome(text, url);
  } catch (error) {
    throw transportError(error, url);
  } finally {
    if (typeof sessionId === 'string') {
      await request(url, { method: 'DELETE', dispatcher, headers: { ...headers, 'mcp-session-id': sessionId } })
        .then((r) => r.body.dump())
        .catch(() => undefined); // best effort: the session expires on the server anyway
    }
  }
}

/** The data of the first SSE event that carries a JSON-RPC answer to our request id. */
async function firstSseData(body: Dispatcher.ResponseData['body']): Promise<string> {
  let found: string | undefined;
  const parser = createParser({
    onEvent: (event) => {
      if (found === undefined && answersInitialize(event.data)) found = event.data;
    },
  });
  for await (const chunk of body) {
    parser.feed(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    if (found !== undefined) {
      body.destroy();
      return found;
    }
  }
  throw new TokentrayError('bad_response', 'the MCP server closed its event stream without answering initialize');
}

/** Whether an SSE event's data is the JSON-RPC answer to our initialize (not a notification or a ping). */
function answersInitialize(data: string): boolean {
  try {
    const message = JSON.parse(data) as { id?: unknown };
    return message.id === INITIALIZE.id;
  } catch {
    return false;
  }
}

function initializeOutcome(text: string, url: string): Outcome {
  let message: { result?: { protocolVersion?: unknown; serverInfo?: { name?: unknown; version?: unknown } }; error?: { message?: unknown } };
  try {
    message = JSON.parse(text);
  } catch {
    throw new TokentrayError('bad_response', `${url} did not answer initialize with JSON-RPC; is it an MCP endpoint?`);
  }
  // Server text, which may quote our Authorization header: redacted before it is cut or kept.
  if (message.error) throw new TokentrayError('bad_response', `the MCP server refused initialize: ${redactText(String(message.error.message ?? 'no reason given')).slice(0, 300)}`);
  const result = message.result;
  if (!result || typeof result.protocolVersion !== 'string') throw new TokentrayError('bad_response', `${url} answered initialize without a protocolVersion; is it an MCP endpoint?`);
  const info = result.serverInfo ?? {};
  const server = {
    ...(typeof info.name === 'string' && { name: redactText(info.name).slice(0, 200) }),
    ...(typeof info.version === 'string' && { version: redactText(info.version).slice(0, 100) }),
    protocol_version: result.protocolVersion,
  };
  return { message: `token works: ${server.name ?? 'the MCP server'}${server.version ? ` ${server.version}` : ''} accepted it (protocol ${server.protocol_version})`, server };
}

/** The URL a profile's token is verified at (mootup: the API; mcp: the MCP endpoint); throws `insecure_url` for one we must not send it to. */
export function serviceUrl(profile: Profile): string {
  const url = profile.kind === 'mootup' ? profile.url : profileMcpUrl(profile);
  assertSecureUrl(url);
  return url;
}

/**
 * The one verification of a token against its profile's service, for `profile check` and
 * `profile replace` alike: mootup GET /api/actors/me (and, with `patId`, the PAT whose prefix the
 * token has, best effort); mcp an MCP initialize. Stores nothing; throws what was wrong.
 */
export async function verifyToken(
  ctx: CoreContext,
  profile: Profile,
  token: string,
  options: { timeouts?: HttpTimeouts; patId?: boolean } = {},
): Promise<{ outcome: Outcome; patId?: string }> {
  const url = serviceUrl(profile);
  const session = await openMootupSession({ env: ctx.env, ...(options.timeouts && { timeouts: options.timeouts }) });
  try {
    if (profile.kind !== 'mootup') return { outcome: await probeMcp(url, token, session.dispatcher) };
    const outcome = await checkMootup(url, token, session.dispatcher);
    if (!options.patId) return { outcome };
    const pats = await session.client(url, token).listPats().catch(() => []);
    return { outcome, patId: matchByPrefix(pats, mootupTokenPrefix(token)).found?.pat_id };
  } finally {
    await session.close();
  }
}
