import { errorReply, Reply } from './http-kit';
import { bodyObject, nonEmptyString, requireCaller, requireHuman, type Route } from './routes-actors';

const ID = '([^/]+)';

/** POST|GET /api/personal-access-tokens, DELETE /api/personal-access-tokens/{pat_id}, POST /api/tenants, GET /api/tenants/{id}. */
export const PAT_AND_TENANT_ROUTES: Route[] = [
  {
    method: 'POST',
    pattern: /^\/api\/personal-access-tokens$/,
    handle: (ctx) => {
      const human = requireHuman(ctx, 'create personal access tokens');
      const name = nonEmptyString(bodyObject(ctx).name, 'name', 64);
      const pat = ctx.state.issuePat(human.actor_id, name);
      return new Reply(201, { ...ctx.state.patView(pat), token: pat.token });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/personal-access-tokens$/,
    handle: (ctx) => {
      const human = requireHuman(ctx, 'list personal access tokens');
      const includeRevoked = ctx.query.get('include_revoked') === 'true';
      const pats = [...ctx.state.pats.values()].filter((p) => p.actor_id === human.actor_id && (includeRevoked || !p.revoked_at));
      return new Reply(200, pats.map((p) => ctx.state.patView(p)));
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/api/personal-access-tokens/${ID}$`),
    handle: (ctx) => {
      const human = requireHuman(ctx, 'revoke personal access tokens');
      const pat = ctx.state.pats.get(ctx.params[0]!);
      // Someone else's token answers exactly like a missing one: existence is not leaked.
      if (!pat || pat.actor_id !== human.actor_id) throw errorReply(404, 'not_found', 'Personal access token not found');
      pat.revoked_at ??= new Date().toISOString();
      return new Reply(200, { ok: true });
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/tenants$/,
    handle: (ctx) => {
      const human = requireHuman(ctx, 'create tenants');
      const tenant = ctx.state.createTenant(nonEmptyString(bodyObject(ctx).name, 'name', 100), human);
      const { member_ids: _m, ...view } = tenant;
      return new Reply(201, view);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/tenants/${ID}$`),
    handle: (ctx) => {
      const { actor } = requireCaller(ctx);
      const tenant = ctx.state.tenants.get(ctx.params[0]!);
      if (!tenant || !tenant.member_ids.includes(actor.actor_id)) throw errorReply(404, 'not_found', 'Tenant not found');
      const { member_ids: _m, ...view } = tenant;
      return new Reply(200, view);
    },
  },
];
