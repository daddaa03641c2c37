import { existsSync, readdirSync, readFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesContaining, spawnCli } from '../helpers/cli';
import { actorsFile, blockActorsWrite, createWorld, entryOf, keyIn, meStatus, readActorsText } from '../helpers/world';

const w = createWorld();
const audit = () => readFileSync(join(w.t.tokentrayHome, 'audit', 'audit.log'), 'utf8');

describe('tokentray agents takeover', () => {
  it('without --force: exit 3 with the server message, and nothing written or rotated', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    const dir = await w.workspace('proj', [entryOf(sb.agents.connectedHere), entryOf(builder)]);
    const before = readFileSync(actorsFile(dir));
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--json']);
    expect(res.code).toBe(3);
    expect(res.stderr).toContain(`Agent ${builder.actor_id} is currently connected to another installation`);
    expect(res.stderr).toContain('--force');
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    expect(readFileSync(actorsFile(dir)).equals(before)).toBe(true);
    expect(sb.agentKey(builder.actor_id)).toBe(builder.api_key);
    expect(audit()).toMatch(/"kind":"agent.takeover".*"status":"needs_confirmation"/);
  });

  it('with --force: the file holds the new key, the old one is refused, mode 0600, every other byte unchanged', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    const dir = await w.workspace('proj', [entryOf(sb.agents.connectedHere), entryOf(builder), entryOf(sb.agents.available)]);
    const before = readActorsText(dir);
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--force', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const newKey = sb.agentKey(builder.actor_id);
    expect(newKey).not.toBe(builder.api_key);
    expect(keyIn(dir, builder.actor_id)).toBe(newKey);
    expect(await meStatus(sb, newKey)).toBe(200);
    expect(await meStatus(sb, builder.api_key)).toBe(401);
    expect(statSync(actorsFile(dir)).mode & 0o777).toBe(0o600);

    const after = readActorsText(dir);
    // The JSON minus the key is equal, and the bytes differ only in the key itself.
    const strip = (text: string) => {
      const doc = JSON.parse(text);
      delete doc.actors.find((a: { actor_id: string }) => a.actor_id === builder.actor_id).api_key;
      return doc;
    };
    expect(strip(after)).toEqual(strip(before));
    expect(after.replace(newKey, builder.api_key)).toBe(before);
    expect(after.length - before.length).toBe(newKey.length - builder.api_key.length);

    const result = JSON.parse(res.stdout);
    expect(result).toMatchObject({ ok: true, actor_id: builder.actor_id, display_name: 'Builder', workspace: dir, profile: 'work', forced: true, key_written: true });
    expect(result.token_hint).toBe(`${newKey.slice(0, 10)}…${newKey.slice(-4)}`);
    for (const key of [newKey, builder.api_key]) expect(res.stdout + res.stderr + audit()).not.toContain(key);
    expect(audit()).toMatch(new RegExp(`"kind":"agent.takeover".*"actor_id":"${builder.actor_id}".*"status":"ok"`));
    expect(filesContaining(w.t.tokentrayHome, newKey)).toEqual([]);
    expect(readdirSync(join(dir, '.moot')).sort()).toEqual(['actors.json']);

    const list = await w.json(['agents', 'list']);
    expect(list.value.find((a: { actor_id: string }) => a.actor_id === builder.actor_id)).toMatchObject({ status: 'here' });
  });

  it('an agent in no workspace needs --workspace, which creates .moot/actors.json there', async () => {
    const { sb } = w;
    const reviewer = sb.agents.available;
    const noWhere = await w.cli(['agents', 'takeover', reviewer.actor_id]);
    expect(noWhere.code).toBe(2);
    expect(noWhere.stderr).toContain('--workspace <dir>');

    const dir = join(w.t.root, 'fresh');
    mkdirSync(dir);
    const res = await w.cli(['agents', 'takeover', reviewer.actor_id, '--workspace', dir]);
    expect(res.code, res.stderr).toBe(0);
    const key = sb.agentKey(reviewer.actor_id);
    expect(JSON.parse(readActorsText(dir))).toEqual({ actors: [{ actor_id: reviewer.actor_id, display_name: 'Reviewer', api_key: key }] });
    expect(statSync(actorsFile(dir)).mode & 0o777).toBe(0o600);
    expect(await meStatus(sb, key)).toBe(200);
  });

  it('into an existing file that lacks the agent: appended, the rest untouched', async () => {
    const { sb } = w;
    const reviewer = sb.agents.available;
    const dir = await w.workspace('proj', [entryOf(sb.agents.connectedHere)]);
    const before = readActorsText(dir);
    const res = await w.cli(['agents', 'takeover', reviewer.actor_id, '--workspace', dir]);
    expect(res.code, res.stderr).toBe(0);
    const doc = JSON.parse(readActorsText(dir));
    expect(doc.actors).toHaveLength(2);
    expect(doc.actors[0]).toEqual(JSON.parse(before).actors[0]);
    expect(doc.actors[1]).toEqual({ actor_id: reviewer.actor_id, display_name: 'Reviewer', api_key: sb.agentKey(reviewer.actor_id) });
    expect(doc.space_id).toBe('spc_fixture');
  });

  it('a corrupt actors.json is reported and left untouched; nothing is rotated', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    const dir = await w.workspace('proj', [entryOf(builder)]);
    const broken = `{"actors": [{"actor_id": "${builder.actor_id}", "api_key": "${builder.api_key}"`;
    writeFileSync(actorsFile(dir), broken);
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--force', '--workspace', dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/actors\.json is corrupt \(.*line 1, column \d+\)\. It has been left untouched/);
    expect(res.stderr).not.toContain(builder.api_key);
    expect(readFileSync(actorsFile(dir), 'utf8')).toBe(broken);
    expect(sb.agentKey(builder.actor_id)).toBe(builder.api_key);

    const workspaces = await w.json(['workspace', 'list']);
    expect(workspaces.value[0]).toMatchObject({ error: expect.stringContaining('corrupt'), hygiene: expect.arrayContaining([expect.objectContaining({ kind: 'corrupt', fixable: false })]) });
    const doctor = await w.json(['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.value.checks).toContainEqual(expect.objectContaining({ id: 'workspace_corrupt', status: 'fail', subject: dir }));
    expect(JSON.stringify(doctor.value) + JSON.stringify(workspaces.value)).not.toContain(builder.api_key);
    expect(readFileSync(actorsFile(dir), 'utf8')).toBe(broken);
  });

  it('when the key cannot be written it is shown once on stderr with instructions, never on stdout or in the audit log', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    const dir = await w.workspace('proj', [entryOf(builder)]);
    const resume = join(w.t.root, 'resume');
    const run = spawnCli(['agents', 'takeover', builder.actor_id, '--force', '--json'], { ...w.t.env, TOKENTRAY_TEST_PAUSE_AT: 'rotated', TOKENTRAY_TEST_RESUME_FILE: resume });
    await run.paused('rotated');
    blockActorsWrite(dir);
    writeFileSync(resume, '');
    const { code } = await run.exit;
    expect(code).toBe(1);
    const key = sb.agentKey(builder.actor_id);
    expect(run.stderr().split(key)).toHaveLength(2);
    expect(run.stderr()).toContain('shown only this once');
    expect(run.stdout()).not.toContain(key);
    expect(JSON.parse(run.stdout())).toMatchObject({ ok: false, key_written: false, key_shown_on: 'stderr' });
    expect(audit()).not.toContain(key);
    expect(audit()).toMatch(/"kind":"agent.takeover".*"status":"error".*not written/);
    expect(existsSync(join(dir, '.moot', 'aside.json'))).toBe(true);
    expect(filesContaining(w.t.root, key)).toEqual([]);
  });

  it('a refused PAT (401): exit 1, the profile is marked revoked, the file untouched', async () => {
    const { sb } = w;
    const builder = sb.agents.connectedElsewhere;
    const dir = await w.workspace('proj', [entryOf(builder)]);
    const before = readActorsText(dir);
    sb.state.revokeToken(sb.humanPat);
    const res = await w.cli(['agents', 'takeover', builder.actor_id, '--force']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('tokentray profile replace');
    expect(readActorsText(dir)).toBe(before);
    const profile = JSON.parse(readFileSync(join(w.t.tokentrayHome, 'profiles.json'), 'utf8')).profiles[0];
    expect(profile).toMatchObject({ revoked_at: expect.any(String), last_check: { result: 'revoked' } });
    expect(audit()).toMatch(/"kind":"agent.takeover".*"status":"error"/);
  });
});

