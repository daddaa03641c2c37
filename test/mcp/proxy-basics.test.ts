import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeMolyPat, makeTestEnv, type TestEnv } from '../helpers/cli';
import { startUpstream, type Upstream } from './fixtures/upstream';
import { addProfile, connectEditor, resultText, type Editor } from './helpers';

let t: TestEnv;
let upstream: Upstream;
let editor: Editor | undefined;
const token = fakeMolyPat();

beforeEach(async () => {
  t = makeTestEnv();
  upstream = await startUpstream({ token });
  await addProfile(t, 'moly', upstream.url, token);
});
afterEach(async () => {
  await editor?.close();
  editor = undefined;
  await upstream.close();
});

describe('tokentray mcp between the SDK client and an SDK server that demands the token', () => {
  it('passes tools through', async () => {
    editor = await connectEditor(t, 'moly');
    const tools = await editor.client.listTools();
    expect(tools.tools.map((x) => x.name)).toContain('echo');
    expect(resultText(await editor.client.callTool({ name: 'echo', arguments: { text: 'hi' } }))).toBe('hi');
  });
});
