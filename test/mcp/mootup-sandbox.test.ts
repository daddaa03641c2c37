import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { makeTestEnv, type TestEnv } from '../helpers/cli';
import { addProfile, connectEditor, replaceToken, resultText, type Editor } from './helpers';

let t: TestEnv;
let sb: Sandbox;
let editor: Editor | undefined;

beforeEach(() => {
  t = makeTestEnv();
});
afterEach(async () => {
  await editor?.close();
  editor = undefined;
  await sb.close();
});

/** Calls the sandbox's PAT API the way the mootup web app would (loopback only). */
async function patApi(method: 'POST' | 'DELETE', path: string, token: string, body?: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${sb.url}/api/personal-access-tokens${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body && { body: JSON.stringify(body) }),
  });
  expect(res.ok, `${method} ${path}: ${res.status}`).toBe(true);
  return (await res.json()) as Record<string, unknown>;
}

describe.each([false, true])("the mootup sandbox's /mcp through a mootup profile (JSON answers: %s)", (mcpJsonResponse) => {
  it('proxies whoami and echo with the PAT from the keychain, survives a PAT rotation, and reports a revoked PAT', async () => {
    sb = await startSandbox({ mcpJsonResponse });
    await addProfile(t, 'work', sb.url, sb.humanPat, ['--kind', 'mootup']);
    editor = await connectEditor(t, 'work');
    expect(resultText(await editor.client.callTool({ name: 'whoami', arguments: {} }))).toContain('Alice Sandbox');
    expect(resultText(await editor.client.callTool({ name: 'echo', arguments: { text: 'through tokentray' } }))).toContain('through tokentray');

    // Rotate as a user would: make a new PAT, revoke the old one, store the new one.
    const created = await patApi('POST', '', sb.humanPat, { name: 'rotated by test' });
    await patApi('DELETE', `/${sb.humanPatId}`, sb.humanPat);
    await replaceToken(t, 'work', created.token as string);
    expect(resultText(await editor.client.callTool({ name: 'whoami', arguments: {} }))).toContain('Alice Sandbox');

    // Revoke the new one too, with nothing better in the keychain: a clear error.
    await patApi('DELETE', `/${String(created.pat_id ?? created.id)}`, created.token as string);
    const error = (await editor.client.callTool({ name: 'whoami', arguments: {} }).catch((e: unknown) => e)) as Error & { code: number };
    expect(error.code).toBe(-32001);
    expect(error.message).toMatch(/token of profile "work" was refused \(HTTP 401\).*tokentray pat rotate work/);
  });
});
