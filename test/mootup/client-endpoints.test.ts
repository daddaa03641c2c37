import { describe, expect, it } from 'vitest';
import { AgentConnectedError, MootupError } from '../../electron/core/mootup';
import { MOOTUP_PAT_PATTERN } from '../../shared/token-formats';
import { createWorld } from '../helpers/world';

const t = createWorld({ profile: false });

describe('actors: /me, spaces, agents', () => {
  it('GET /api/actors/me answers for a PAT and for an agent key, and refuses anything else with 401', async () => {
    const me = await t.client(t.sb.humanPat).getMe();
    expect(me).toMatchObject({ actor_id: t.sb.humanId, display_name: 'Alice Sandbox', actor_type: 'human', email: 'alice@example.com' });
    expect(me.metadata).toEqual({}); // a field the client does not know is kept
    expect(me).not.toHaveProperty('api_key');

    const agent = await t.client(t.sb.agents.available.api_key).getMe();
    expect(agent).toMatchObject({ actor_type: 'agent', sponsor_id: t.sb.humanId });

    const refused = t.client(`mootup_pat_${'0'.repeat(60)}`).getMe();
    await expect(refused).rejects.toBeInstanceOf(MootupError);
    await expect(refused).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    await expect(t.client(null).getMe()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('lists spaces, with the status filter', async () => {
    const c = t.client(t.sb.humanPat);
    expect((await c.listSpaces()).map((s) => s.space_id).sort()).toEqual([t.sb.spaces.active, t.sb.spaces.archived].sort());
    expect(await c.listSpaces({ status: 'archived' })).toEqual([expect.objectContaining({ space_id: t.sb.spaces.archived, name: 'Old project' })]);
  });

  it('lists sponsored agents with the assumed connection fields; an agent key gets 403', async () => {
    const agents = await t.client(t.sb.humanPat).listAgents();
    const byId = Object.fromEntries(agents.map((a) => [a.actor_id, a]));
    expect(Object.keys(byId).sort()).toEqual([t.sb.agents.connectedElsewhere, t.sb.agents.connectedHere, t.sb.agents.available].map((a) => a.actor_id).sort());
    expect(byId[t.sb.agents.connectedElsewhere.actor_id]).toMatchObject({ connection_status: 'connected', installation_id: t.sb.elsewhereInstallationId });
    expect(byId[t.sb.agents.available.actor_id]).toMatchObject({ connection_status: 'available', installation_id: null });
    await expect(t.client(t.sb.agents.available.api_key).listAgents()).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });
});

describe('actors: register, update, delete', () => {
  it('registers an agent with the sponsor PAT; its key works at once', async () => {
    const created = await t.client(t.sb.humanPat).createActor({ display_name: 'New agent', actor_type: 'agent', agent_profile: 'claude-code', metadata: { role: 'impl' } });
    expect(created).toMatchObject({ actor_type: 'agent', sponsor_id: t.sb.humanId, metadata: { role: 'impl' } });
    expect(created.api_key).toMatch(/^convo_/);
    expect(await t.client(created.api_key).getMe()).toMatchObject({ actor_id: created.actor_id });
  });

  it('registers a human anonymously; refuses an anonymous agent (401), an agent sponsor (403) and a bad body (422)', async () => {
    const human = await t.client(null).createActor({ display_name: 'Carol', email: 'carol@example.com' });
    expect(human).toMatchObject({ actor_type: 'human', email: 'carol@example.com' });
    await expect(t.client(null).createActor({ display_name: 'x', actor_type: 'agent' })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(t.client(t.sb.agents.available.api_key).createActor({ display_name: 'x', actor_type: 'agent' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(t.client(t.sb.humanPat).createActor({ display_name: '', actor_type: 'agent' })).rejects.toMatchObject({ code: 'invalid_input', status: 422 });
  });

  it('PATCH and DELETE an own agent; 403 for someone else’s, 404 for nobody’s', async () => {
    const c = t.client(t.sb.humanPat);
    const id = t.sb.agents.available.actor_id;
    expect(await c.updateActor(id, { display_name: 'Renamed', metadata: { updated: true } })).toMatchObject({ display_name: 'Renamed', metadata: { updated: true } });
    await expect(c.updateActor(t.sb.agents.othersAgent.actor_id, { display_name: 'mine now' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(c.updateActor('agt_doesnotexist', { display_name: 'x' })).rejects.toMatchObject({ code: 'not_found', status: 404 });

    expect(await c.deleteActor(id)).toEqual({ ok: true });
    await expect(t.client(t.sb.agents.available.api_key).getMe()).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(c.deleteActor(t.sb.agents.othersAgent.actor_id)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('rotate-key and release', () => {
  it('rotates a free agent: the old key dies at once, the new one works', async () => {
    const { actor_id, api_key: oldKey } = t.sb.agents.available;
    const rotated = await t.client(t.sb.humanPat).rotateKey(actor_id, { installationId: 'inst_test' });
    expect(rotated.api_key).toMatch(/^convo_/);
    expect(rotated.api_key).not.toBe(oldKey);
    await expect(t.client(oldKey).getMe()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await t.client(rotated.api_key).getMe()).toMatchObject({ actor_id });
    expect(t.sb.state.actors.get(actor_id)).toMatchObject({ connection_status: 'connected', installation_id: 'inst_test' });
  });

  it('409 agent_connected for an agent held elsewhere, carrying agent_id and the server message; X-Force-Rotate takes over', async () => {
    const c = t.client(t.sb.humanPat, { installationId: t.sb.localInstallationId });
    const { actor_id, api_key: theirKey } = t.sb.agents.connectedElsewhere;
    const error = await c.rotateKey(actor_id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentConnectedError);
    expect(error).toMatchObject({ code: 'conflict', status: 409, agentId: actor_id });
    expect((error as AgentConnectedError).serverMessage).toContain('X-Force-Rotate: true');
    expect(await t.client(theirKey).getMe()).toMatchObject({ actor_id }); // nothing changed yet

    const taken = await c.rotateKey(actor_id, { force: true });
    await expect(t.client(theirKey).getMe()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await t.client(taken.api_key).getMe()).toMatchObject({ actor_id });
    expect(t.sb.state.actors.get(actor_id)).toMatchObject({ installation_id: t.sb.localInstallationId });
  });

  it('reads the 409 also when a server wraps it in FastAPI\'s "detail"', async () => {
    const { actor_id } = t.sb.agents.connectedElsewhere;
    const body = { detail: { error: 'agent_connected', message: `Agent ${actor_id} is currently connected to another installation.`, agent_id: actor_id } };
    t.sb.inject.respondNext({ method: 'POST', path: `/api/actors/${actor_id}/rotate-key`, status: 409, body });
    const error = await t.client(t.sb.humanPat).rotateKey(actor_id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentConnectedError);
    expect(error).toMatchObject({ agentId: actor_id, serverMessage: body.detail.message });
  });

  it('an agent held by this installation rotates without 409', async () => {
    const c = t.client(t.sb.humanPat, { installationId: t.sb.localInstallationId });
    expect((await c.rotateKey(t.sb.agents.connectedHere.actor_id)).api_key).toMatch(/^convo_/);
  });

  it('release: released, then already_released; 403 for someone else’s agent, 404 for an unknown one', async () => {
    const c = t.client(t.sb.humanPat);
    const { actor_id, api_key } = t.sb.agents.connectedElsewhere;
    expect(await c.release(actor_id)).toEqual({ agent_id: actor_id, status: 'released' });
    expect(await c.release(actor_id)).toEqual({ status: 'already_released' });
    expect(await t.client(api_key).getMe()).toMatchObject({ actor_id }); // release keeps the key
    await expect(c.release(t.sb.agents.othersAgent.actor_id)).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    await expect(c.release('agt_unknown')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('personal access tokens', () => {
  it('create shows the plaintext once; list never does; revoke is immediate; include_revoked shows it again', async () => {
    const c = t.client(t.sb.humanPat);
    const created = await c.createPat('My laptop');
    expect(created.token).toMatch(MOOTUP_PAT_PATTERN);
    expect(created.token_prefix).toBe(created.token.slice(11, 19));
    expect(created).toMatchObject({ name: 'My laptop', last_used_at: null, revoked_at: null });

    const listed = await c.listPats();
    expect(listed.map((p) => p.pat_id)).toContain(created.pat_id);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    for (const pat of listed) expect(pat).not.toHaveProperty('token');

    expect(await t.client(created.token).getMe()).toMatchObject({ actor_id: t.sb.humanId });
    expect(await c.revokePat(created.pat_id)).toEqual({ ok: true });
    await expect(t.client(created.token).getMe()).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await c.listPats()).map((p) => p.pat_id)).not.toContain(created.pat_id);
    const all = await c.listPats({ includeRevoked: true });
    expect(all.find((p) => p.pat_id === created.pat_id)?.revoked_at).toEqual(expect.any(String));
  });

  it('404 for another user’s PAT and for a missing one, alike (existence is not leaked)', async () => {
    const bobs = await t.client(t.sb.otherPat).createPat('Bob laptop');
    const c = t.client(t.sb.humanPat);
    const foreign = await c.revokePat(bobs.pat_id).catch((e: MootupError) => e);
    const missing = await c.revokePat('pat_doesnotexist').catch((e: MootupError) => e);
    expect(foreign).toMatchObject({ code: 'not_found', status: 404 });
    expect(missing).toMatchObject({ code: 'not_found', status: 404 });
    expect((foreign as MootupError).serverMessage).toBe((missing as MootupError).serverMessage);
    expect(await t.client(bobs.token).getMe()).toMatchObject({ actor_id: t.sb.otherHumanId });
  });

  it('403 for an agent key on every PAT endpoint; 422 for a name over 64 characters', async () => {
    const agent = t.client(t.sb.agents.available.api_key);
    await expect(agent.createPat('x')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(agent.listPats()).rejects.toMatchObject({ code: 'forbidden' });
    await expect(agent.revokePat(t.sb.humanPatId)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(t.client(t.sb.humanPat).createPat('x'.repeat(65))).rejects.toMatchObject({ code: 'invalid_input', status: 422 });
  });
});

describe('tenants', () => {
  it('creates a tenant for a human, reads it back; others get 404, agents 403', async () => {
    const c = t.client(t.sb.humanPat);
    const tenant = await c.createTenant('Acme Corp');
    expect(tenant).toMatchObject({ name: 'Acme Corp', schema_name: 'tenant_acme_corp', status: 'active' });
    expect(await c.getTenant(tenant.tenant_id)).toEqual(tenant);
    expect(await c.getMe()).toMatchObject({ tenant_id: tenant.tenant_id });
    await expect(t.client(t.sb.otherPat).getTenant(tenant.tenant_id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(t.client(t.sb.agents.available.api_key).createTenant('Nope')).rejects.toMatchObject({ code: 'forbidden' });
  });
});
