/**
 * A mootup server (or a proxy in front of it) that quotes the request's Authorization header — and
 * an agent's key — in its 4xx/5xx error text. Every command, every IPC handler and every state push
 * runs against it; afterwards no secret may be in any file under TOKENTRAY_HOME or HOME, in any
 * audit line, in any byte the CLI printed, or in anything sent towards the window.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatchIpc } from '../../electron/core/app/ipc-handlers';
import { createCoreContext } from '../../electron/core/context';
import { createCoreApp } from '../helpers/invoke';
import { createWorld, entryOf } from '../helpers/world';
import { filesContaining, runCli, type CliResult } from '../helpers/cli';
import type { Sandbox } from '../sandbox/sandbox';

const w = createWorld();

/** Every secret the sandbox has ever issued (PATs, current agent keys), plus the ones given here. */
function secretsOf(sb: Sandbox, seen: Set<string>): string[] {
  for (const pat of sb.state.pats.values()) seen.add(pat.token);
  for (const actor of sb.state.actors.values()) seen.add(actor.api_key);
  return [...seen];
}

function auditLines(home: string): string[] {
  const dir = join(home, 'audit');
  let files: string[] = [];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  return files.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean));
}

/** Where each secret turned up: files under TOKENTRAY_HOME and HOME, audit lines, CLI output, window payloads. */
function leaks(secrets: string[], home: string, userHome: string, outputs: Array<{ what: string; text: string }>): string[] {
  const found: string[] = [];
  const lines = auditLines(home);
  for (const secret of secrets) {
    for (const file of [...filesContaining(home, secret), ...filesContaining(userHome, secret)]) found.push(`file ${file}`);
    for (const line of lines.filter((l) => l.includes(secret))) found.push(`audit line ${line.slice(0, 120)}`);
    for (const out of outputs.filter((o) => o.text.includes(secret))) found.push(`${out.what}: ${out.text.slice(0, 300)}`);
  }
  return found;
}

describe('a server that echoes the Authorization header (and an agent key) in its errors', () => {
  it('leaves no token in files, audit lines, CLI output or IPC answers and state pushes, across every command', async () => {
    const { sb, t } = w;
    const seen = new Set<string>([sb.humanPat]);
    const builder = sb.agents.connectedElsewhere;
    const reviewer = sb.agents.available;
    // No installation ids in the file: the status comes from trying each local key against the server.
    await w.workspace('proj', [entryOf(builder), entryOf(reviewer)]);
    const outputs: Array<{ what: string; text: string }> = [];
    const run = async (args: string[], input?: string): Promise<CliResult> => {
      const res = await runCli(args, { env: t.env, ...(input !== undefined && { input }) });
      outputs.push({ what: `tokentray ${args.join(' ')} (exit ${res.code})`, text: res.stdout + res.stderr });
      return res;
    };
    const everyCommand = async () => {
      await run(['profile', 'check', 'work']);
      await run(['profile', 'check', 'work', '--json']);
      await run(['profile', 'list']);
      await run(['profile', 'show', 'work', '--json']);
      await run(['agents', 'list']);
      await run(['agents', 'list', '--json']);
      await run(['agents', 'release', builder.actor_id]);
      await run(['agents', 'takeover', builder.actor_id, '--json']);
      await run(['agents', 'takeover', reviewer.actor_id, '--force']);
      await run(['pat', 'list', 'work']);
      await run(['pat', 'list', 'work', '--json']);
      await run(['pat', 'rotate', 'work']);
      await run(['pat', 'revoke', 'work', 'pat_does_not_matter', '--json']);
      const fresh = sb.state.issuePat(sb.humanId, 'pasted').token;
      seen.add(fresh);
      await run(['profile', 'replace', 'work'], `${fresh}\n`);
      await run(['doctor']);
      await run(['doctor', '--json']);
    };

    // 1. Every API call answers 403 quoting its Authorization header and the agent's key.
    sb.inject.echoAuthNext({ path: /^\/api\//, status: 403, times: Infinity, also: () => [sb.agentKey(builder.actor_id)] });
    await everyCommand();
    // 2. The same as 500 (GETs are retried) and in FastAPI's `detail` shape.
    sb.inject.clear().echoAuthNext({ path: /^\/api\//, status: 500, times: Infinity, body: (q) => ({ detail: { error: 'boom', message: q } }) });
    await everyCommand();
    sb.inject.clear().echoAuthNext({ path: /^\/api\//, status: 422, times: Infinity, body: (q) => ({ detail: q }) });
    await everyCommand();
    // 3. A 409 agent_connected whose message quotes the credentials (the takeover confirmation).
    sb.inject.clear().echoAuthNext({
      method: 'POST',
      path: /\/rotate-key$/,
      status: 409,
      times: Infinity,
      body: (q) => ({ error: 'agent_connected', agent_id: builder.actor_id, message: `connected elsewhere (${q})` }),
    });
    const asked = await run(['agents', 'takeover', builder.actor_id]);
    expect(asked.code).toBe(3);
    // 4. A rotation whose new PAT is created, then quoted back when it is verified.
    sb.inject.clear().echoAuthNext({ method: 'GET', path: '/api/actors/me', status: 403, times: Infinity });
    await run(['pat', 'rotate', 'work']);
    await run(['profile', 'check', 'work']);

    // 5. The tray and window path: the IPC handler table and the state store's pushes, in this process.
    sb.inject.clear().echoAuthNext({ path: /^\/api\//, status: 403, times: Infinity, also: () => [sb.agentKey(builder.actor_id)] });
    const { store, handlers } = createCoreApp(createCoreContext(t.env));
    store.subscribe((state) => outputs.push({ what: 'state push', text: JSON.stringify(state) }));
    const call = async (channel: string, payload: unknown) => outputs.push({ what: `ipc ${channel}`, text: JSON.stringify(await dispatchIpc(handlers, channel, payload)) });
    await call('profile:check', { name: 'work' });
    await call('agents:release', { actor_id: builder.actor_id });
    await call('agents:takeover', { actor_id: builder.actor_id, force: false });
    await call('agents:takeover', { actor_id: reviewer.actor_id, force: true });
    await call('pat:rotate', { name: 'work' });
    const pasted = sb.state.issuePat(sb.humanId, 'pasted in the window').token;
    seen.add(pasted);
    await call('profile:replace', { name: 'work', token: pasted });
    await call('state:refresh', {});
    await call('state:get', {});

    const secrets = secretsOf(sb, seen);
    expect(secrets.length).toBeGreaterThan(8);
    // The server really did quote them: the attack reached us.
    expect(sb.state.requests.filter((r) => r.status === 403).length).toBeGreaterThan(10);
    expect(leaks(secrets, t.tokentrayHome, t.home, outputs)).toEqual([]);
    // What the server said is kept, with each secret as its hint: the person still learns what happened.
    const printed = (what: string) => outputs.find((o) => o.what.startsWith(what))?.text ?? '';
    expect(printed('tokentray profile check work (')).toMatch(/The server said: request refused \(Authorization: Bearer mootup_pat_[0-9a-f]{8}…[0-9a-f]{4} convo_[0-9a-f]{4}…[0-9a-f]{4}\)/);
    expect(printed('tokentray agents list (')).toMatch(/could not check: .*Bearer convo_[0-9a-f]{4}…[0-9a-f]{4}/);
    expect(printed('ipc profile:check')).toMatch(/Bearer mootup_pat_[0-9a-f]{8}…/);
  }, 180_000); // ~50 CLI runs: a bound for a loaded machine, not a claim about speed
});
