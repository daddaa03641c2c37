import type { Dispatcher } from 'undici';
import { isRemedy } from '../../../shared/remedy';
import { TokentrayError, withRemedy } from '../errors';
import { API_TIMEOUTS, createDispatcher, type HttpTimeouts } from '../http/http-setup';
import type { Env } from '../paths';
import { FORCE_ROTATE_HEADER, INSTALLATION_ID_HEADER } from './assumptions';
import { rememberSecret } from '../redact/known-secrets';
import { createTransport } from './transport';
import type { Actor, ActorPatch, Agent, CreatedPat, NewActor, OkResult, PatMetadata, RegisteredActor, ReleaseResult, RotatedKey, Space, Tenant } from './types';
import * as v from './validate';

/** How to reach mootup and as whom. */
export interface MootupClientOptions {
  /** e.g. https://mootup.io; http:// only for loopback hosts. Checked before anything is sent. */
  baseUrl: string;
  /** A PAT or an agent key (`convo_…`), sent as `Authorization: Bearer`; null for anonymous calls. */
  token: string | null;
  /** A dispatcher to share (the caller closes it). Default: one per process with API_TIMEOUTS. */
  dispatcher?: Dispatcher;
  /** Timeouts for a private dispatcher (tests use short ones); closed by `close()`. */
  timeouts?: HttpTimeouts;
  /** Where HTTP_PROXY / HTTPS_PROXY / NO_PROXY are read; default process.env. */
  env?: Env;
  /** Extra attempts for GETs after a 5xx or network error (default 2). */
  retries?: number;
  /** This installation's id, sent on rotate-key (assumed header, see assumptions.ts). */
  installationId?: string;
  /** Called (and awaited) when mootup refuses `token` (401), before the `unauthorized` error reaches the caller; a Remedy it answers rides on that error. */
  onUnauthorized?: () => Promise<unknown>;
}

/** A client for the mootup API: one method per documented endpoint, typed errors, validated answers. */
export interface MootupClient {
  readonly baseUrl: string;
  /** GET /api/actors/me */
  getMe(): Promise<Actor>;
  /** GET /api/actors/me/spaces[?status=] */
  listSpaces(filter?: { status?: string }): Promise<Space[]>;
  /** GET /api/actors/me/agents (403 for agents) */
  listAgents(): Promise<Agent[]>;
  /** POST /api/actors — a human (anonymous allowed) or an agent (needs the sponsor's token). */
  createActor(input: NewActor): Promise<RegisteredActor>;
  /** PATCH /api/actors/{id} */
  updateActor(actorId: string, patch: ActorPatch): Promise<Actor>;
  /** DELETE /api/actors/{id} */
  deleteActor(actorId: string): Promise<OkResult>;
  /** POST /api/actors/{id}/rotate-key; throws AgentConnectedError (409) unless `force`. */
  rotateKey(actorId: string, options?: { force?: boolean; installationId?: string }): Promise<RotatedKey>;
  /** POST /api/actors/{id}/release; `already_released` is a success. */
  release(actorId: string): Promise<ReleaseResult>;
  /** POST /api/personal-access-tokens — the plaintext comes back once. */
  createPat(name: string): Promise<CreatedPat>;
  /** GET /api/personal-access-tokens[?include_revoked=true] */
  listPats(options?: { includeRevoked?: boolean }): Promise<PatMetadata[]>;
  /** DELETE /api/personal-access-tokens/{pat_id} — immediate. */
  revokePat(patId: string): Promise<OkResult>;
  /** POST /api/tenants */
  createTenant(name: string): Promise<Tenant>;
  /** GET /api/tenants/{id} */
  getTenant(tenantId: string): Promise<Tenant>;
  /** Closes the private dispatcher, if this client made one. */
  close(): Promise<void>;
}

let sharedDispatcher: Promise<Dispatcher> | undefined;

/** The process-wide keep-alive dispatcher for REST calls (API_TIMEOUTS, proxies from process.env). */
export function sharedApiDispatcher(): Promise<Dispatcher> {
  sharedDispatcher ??= createDispatcher(API_TIMEOUTS);
  return sharedDispatcher;
}

const seg = encodeURIComponent;

/** An answer that carries a new plaintext secret: the scrubber learns it before anyone can quote it. */
function secret<T extends object, K extends keyof T>(answer: T, field: K): T {
  rememberSecret(answer[field] as string);
  return answer;
}

/** Creates a client. Throws `insecure_url` at once for a non-HTTPS, non-loopback base URL. */
export function createMootupClient(options: MootupClientOptions): MootupClient {
  let own: Promise<Dispatcher> | undefined;
  const dispatcher = (): Promise<Dispatcher> => {
    if (options.dispatcher) return Promise.resolve(options.dispatcher);
    if (!options.timeouts && !options.env) return sharedApiDispatcher();
    own ??= createDispatcher(options.timeouts ?? API_TIMEOUTS, options.env);
    return own;
  };
  const transport = createTransport({ baseUrl: options.baseUrl, token: options.token, dispatcher, retries: options.retries ?? 2 });
  const hook = options.onUnauthorized;
  const send: typeof transport = !hook
    ? transport
    : async (req) => {
        try {
          return await transport(req);
        } catch (error) {
          if (!(error instanceof TokentrayError && error.code === 'unauthorized')) throw error;
          // The hook says whose token it is, and may answer with what to do (replace that profile's token).
          const remedy = await hook();
          throw isRemedy(remedy) ? withRemedy(error, remedy) : error;
        }
      };
  const get = (path: string, query?: Record<string, string | undefined>) => send({ method: 'GET', path, query });

  return {
    baseUrl: options.baseUrl,
    getMe: async () => v.parseActor(await get('/api/actors/me'), 'GET /api/actors/me'),
    listSpaces: async (filter = {}) =>
      v.checkList(await get('/api/actors/me/spaces', { status: filter.status }), 'spaces', v.parseSpace, 'GET /api/actors/me/spaces'),
    listAgents: async () => v.checkList(await get('/api/actors/me/agents'), 'agents', v.parseAgent, 'GET /api/actors/me/agents'),
    createActor: async (input) => secret(v.parseRegisteredActor(await send({ method: 'POST', path: '/api/actors', body: input }), 'POST /api/actors'), 'api_key'),
    updateActor: async (id, patch) =>
      v.parseActor(await send({ method: 'PATCH', path: `/api/actors/${seg(id)}`, body: patch }), 'PATCH /api/actors/{id}'),
    deleteActor: async (id) => v.parseOk(await send({ method: 'DELETE', path: `/api/actors/${seg(id)}` }), 'DELETE /api/actors/{id}'),
    rotateKey: async (id, rotate = {}) => {
      const headers: Record<string, string> = {};
      if (rotate.force) headers[FORCE_ROTATE_HEADER] = 'true';
      const installation = rotate.installationId ?? options.installationId;
      if (installation) headers[INSTALLATION_ID_HEADER] = installation;
      const body = await send({ method: 'POST', path: `/api/actors/${seg(id)}/rotate-key`, headers });
      return secret(v.parseRotatedKey(body, 'POST /api/actors/{id}/rotate-key'), 'api_key');
    },
    release: async (id) => v.parseRelease(await send({ method: 'POST', path: `/api/actors/${seg(id)}/release` }), 'POST /api/actors/{id}/release'),
    createPat: async (name) =>
      secret(v.parseCreatedPat(await send({ method: 'POST', path: '/api/personal-access-tokens', body: { name } }), 'POST /api/personal-access-tokens'), 'token'),
    listPats: async (list = {}) =>
      v.checkList(
        await get('/api/personal-access-tokens', { include_revoked: list.includeRevoked ? 'true' : undefined }),
        'personal_access_tokens',
        v.parsePat,
        'GET /api/personal-access-tokens',
      ),
    revokePat: async (patId) =>
      v.parseOk(await send({ method: 'DELETE', path: `/api/personal-access-tokens/${seg(patId)}` }), 'DELETE /api/personal-access-tokens/{pat_id}'),
    createTenant: async (name) => v.parseTenant(await send({ method: 'POST', path: '/api/tenants', body: { name } }), 'POST /api/tenants'),
    getTenant: async (id) => v.parseTenant(await get(`/api/tenants/${seg(id)}`), 'GET /api/tenants/{id}'),
    close: async () => {
      if (own) await (await own).close();
    },
  };
}
