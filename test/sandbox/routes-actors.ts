import { errorReply, Reply, unauthorized } from './http-kit';
import type { Caller, SandboxActor, SandboxState } from './state';

/** What a route handler gets: the state, the caller (if authenticated), path params, query, body. */
export interface RouteContext {
  state: SandboxState;
  caller: Caller | null;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  header(name: string): string | undefined;
}

/** One endpoint: method, path pattern (capture groups become params), handler. */
export interface Route {
  method: string;
  pattern: RegExp;
  handle(ctx: RouteContext): Reply | Promise<Reply>;
}

/** The caller, or a 401. */
export function requireCaller(ctx: RouteContext): Caller {
  if (!ctx.caller) throw unauthorized();
  return ctx.caller;
}

/** The caller if it is a human, else 403 (agents may not do this). */
export function requireHuman(ctx: RouteContext, what: string): SandboxActor {
  const { actor } = requireCaller(ctx);
  if (actor.actor_type !== 'human') throw errorReply(403, 'forbidden', `Agents cannot ${what}`);
  return actor;
}

/** The JSON body as an object, or a 422. */
export function bodyObject(ctx: RouteContext): Record<string, unknown> {
  const body = ctx.body ?? {};
  if (typeof body !== 'object' || Array.isArray(body) || body === null) throw errorReply(422, 'validation_error', 'Body must be a JSON object');
  return body as Record<string, unknown>;
}

/** A non-empty string field of at most `max` characters, or a 422. */
export function nonEmptyString(value: unknown, field: string, max = 200): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) throw errorReply(422, 'validation_error', `${field} must be a string of 1–${max} characters`);
  return value;
}

/** The target actor if the caller may manage it (itself when human, or its sponsor); 404 / 403 otherwise. */
function managedActor(ctx: RouteContext, allowSelf: boolean): SandboxActor {
  const caller = requireCaller(ctx).actor;
  const target = ctx.state.actors.get(ctx.params[0]!);
  if (!target) throw errorReply(404, 'not_found', 'Actor not found');
  const self = allowSelf && target.actor_id === caller.actor_id && caller.actor_type === 'human';
  if (!self && target.sponsor_id !== caller.actor_id) throw errorReply(403, 'forbidden', 'You do not own this actor');
  return target;
}

/** The ASSUMED header naming the calling installation (see electron/core/mootup/assumptions.ts). */
export const INSTALLATION_HEADER = 'x-installation-id';

const ID = '([^/]+)';

/** GET /me, /me/spaces, /me/agents, POST /api/actors, PATCH/DELETE /api/actors/{id}, rotate-key, release. */
export const ACTOR_ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/api\/actors\/me$/, handle: (ctx) => new Reply(200, ctx.state.view(requireCaller(ctx).actor)) },
  {
    method: 'GET',
    pattern: /^\/api\/actors\/me\/spaces$/,
    handle: (ctx) => {
      const { actor } = requireCaller(ctx);
      const status = ctx.query.get('status');
      const spaces = [...ctx.state.spaces.values()].filter((s) => s.member_ids.includes(actor.actor_id) && (!status || s.status === status));
      return new Reply(200, spaces.map(({ member_ids: _m, ...space }) => space));
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/actors\/me\/agents$/,
    handle: (ctx) => {
      const human = requireHuman(ctx, 'list sponsored agents');
      const agents = [...ctx.state.actors.values()].filter((a) => a.sponsor_id === human.actor_id);
      return new Reply(200, agents.map((a) => ctx.state.view(a)));
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/actors$/,
    handle: (ctx) => {
      const body = bodyObject(ctx);
      const displayName = nonEmptyString(body.display_name, 'display_name');
      const type = body.actor_type ?? 'human';
      if (type === 'human') {
        const email = nonEmptyString(body.email, 'email (required for human actors)');
        if ([...ctx.state.actors.values()].some((a) => a.email === email)) throw errorReply(409, 'email_taken', 'An actor with this email already exists');
        const human = ctx.state.createHuman({ displayName, email });
        return new Reply(201, { ...ctx.state.view(human), api_key: human.api_key });
      }
      if (type !== 'agent') throw errorReply(422, 'validation_error', 'actor_type must be human or agent');
      const sponsor = requireHuman(ctx, 'sponsor agents');
      const agent = ctx.state.createAgent({
        sponsorId: sponsor.actor_id,
        displayName,
        installationId: ctx.header(INSTALLATION_HEADER) ?? null,
        ...(typeof body.agent_profile === 'string' && { agentProfile: body.agent_profile }),
        ...(typeof body.metadata === 'object' && body.metadata !== null && { metadata: body.metadata as Record<string, unknown> }),
      });
      return new Reply(201, { ...ctx.state.view(agent), api_key: agent.api_key });
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/api/actors/${ID}$`),
    handle: (ctx) => {
      const target = managedActor(ctx, true);
      const body = bodyObject(ctx);
      if (body.display_name !== undefined) target.display_name = nonEmptyString(body.display_name, 'display_name');
      if (body.metadata !== undefined) {
        if (typeof body.metadata !== 'object' || body.metadata === null) throw errorReply(422, 'validation_error', 'metadata must be an object');
        target.metadata = body.metadata as Record<string, unknown>;
      }
      return new Reply(200, ctx.state.view(target));
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/api/actors/${ID}$`),
    handle: (ctx) => {
      ctx.state.deleteActor(managedActor(ctx, true).actor_id);
      return new Reply(200, { ok: true });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/actors/${ID}/rotate-key$`),
    handle: (ctx) => {
      const target = managedActor(ctx, true);
      const installation = ctx.header(INSTALLATION_HEADER) ?? null;
      const force = ctx.header('x-force-rotate')?.toLowerCase() === 'true';
      const heldElsewhere = target.connection_status === 'connected' && (installation === null || target.installation_id !== installation);
      if (target.actor_type === 'agent' && heldElsewhere && !force) {
        throw errorReply(409, 'agent_connected', `Agent ${target.actor_id} is currently connected to another installation. Release it first or retry with X-Force-Rotate: true.`, {
          agent_id: target.actor_id,
        });
      }
      const apiKey = ctx.state.rotateKey(target, installation);
      return new Reply(200, { ...ctx.state.view(target), api_key: apiKey });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/actors/${ID}/release$`),
    handle: (ctx) => {
      const target = managedActor(ctx, false);
      if (target.connection_status !== 'connected') return new Reply(200, { status: 'already_released' });
      target.connection_status = 'available';
      target.installation_id = null;
      return new Reply(200, { agent_id: target.actor_id, status: 'released' });
    },
  },
];
