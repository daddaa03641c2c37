import { afterEach, describe, expect, it } from 'vitest';
import { connectEditor, eventually, resultText, type Editor } from '../../mcp/helpers';
import { secretToolLookup } from '../../helpers/keychain';
import { createWorld, meStatus, storedProfile } from '../../helpers/world';

const w = createWorld();
let editor: Editor | undefined;
afterEach(async () => {
  await editor?.close();
  editor = undefined;
});

const whoami = async (e: Editor) => resultText(await e.client.callTool({ name: 'whoami', arguments: {} }));

describe('a live `tokentray mcp` session across a PAT rotation', () => {
  it('keeps working with no restart, and the sandbox sees the new token', async () => {
    const { sb, t } = w;
    editor = await connectEditor(t, 'work');
    const pid = editor.pid;
    expect(await whoami(editor)).toContain('Alice Sandbox');
    expect(sb.state.mcpTokensSeen.at(-1)).toBe(sb.humanPat);

    const rotated = await w.cli(['pat', 'rotate', 'work', '--json']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const fresh = secretToolLookup(t.service, 'work')!;
    expect(await meStatus(sb, sb.humanPat)).toBe(401);

    // Same process, same session: the proxy's old token is refused once, it re-reads the keychain and retries.
    expect(await whoami(editor)).toContain('Alice Sandbox');
    expect(editor.pid).toBe(pid);
    expect(sb.state.mcpTokensSeen).toContain(fresh);
    expect(sb.state.mcpTokensSeen.at(-1)).toBe(fresh);
    expect(resultText(await editor.client.callTool({ name: 'echo', arguments: { text: 'still here' } }))).toContain('still here');
    expect(editor.stderr()).toContain('the token changed in the keychain; retrying with the new one');
    expect(editor.stderr()).not.toContain(fresh);
    // A refusal that a rotation explains is not a revocation of the profile.
    expect(storedProfile(t, 'work').revoked_at).toBeUndefined();
  });

  it('a PAT revoked elsewhere: the next call gets a JSON-RPC error and the profile is marked revoked', async () => {
    const { sb, t } = w;
    editor = await connectEditor(t, 'work');
    expect(await whoami(editor)).toContain('Alice Sandbox');
    sb.state.revokeToken(sb.humanPat);

    const call = editor.client.callTool({ name: 'whoami', arguments: {} });
    await expect(call).rejects.toThrow(/refused \(HTTP 401\): it was revoked or is invalid; store a new token with `tokentray profile replace work` \(or `tokentray pat rotate work`\)/);
    await eventually(() => expect(storedProfile(t, 'work')).toMatchObject({ revoked_at: expect.any(String), last_check: { result: 'revoked', message: expect.stringContaining('proxy') } }));

    const list = JSON.parse((await w.cli(['profile', 'list', '--json'])).stdout);
    expect(list[0]).toMatchObject({ name: 'work', status: 'revoked' });
    const doctor = await w.cli(['doctor', '--json']);
    expect(doctor.code).toBe(1);
    expect(JSON.parse(doctor.stdout).checks).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'token_revoked', status: 'fail', subject: 'work' })]));

    // Replacing the token heals the same running session.
    const replacement = sb.state.issuePat(sb.humanId, 'Replacement');
    const replaced = await w.cli(['profile', 'replace', 'work'], replacement.token);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(storedProfile(t, 'work').revoked_at).toBeUndefined();
    expect(await whoami(editor)).toContain('Alice Sandbox');
    expect(sb.state.mcpTokensSeen.at(-1)).toBe(replacement.token);
  });
});
