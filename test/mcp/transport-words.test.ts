/** One table words transport errors: the mootup/profile client (`profile check`) and the proxy say the same about the same refused port. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fakeMolyPat, runCli } from '../helpers/cli';
import { addProfile, initializeRequest, spawnRawProxy, useTestWorld } from './helpers';

const w = useTestWorld();

/** A port on 127.0.0.1 that nothing listens on (bound once, then closed). */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the one transport-error table', () => {
  it('gives `profile check` and the proxy the same words for a refused connection, each with its own code', async () => {
    const port = await refusedPort();
    await addProfile(w.t, 'gone', `http://127.0.0.1:${port}/mcp`, fakeMolyPat());
    const words = 'the connection was refused (is the server running?)';

    const check = await runCli(['profile', 'check', 'gone', '--json'], { env: w.t.env });
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).toContain(`could not reach 127.0.0.1:${port}: ${words}`);
    expect(check.stdout + check.stderr).toContain('"network"');

    const proxy = spawnRawProxy(w.t, 'gone');
    proxy.send(initializeRequest());
    const answer = (await proxy.next((m) => m.id === 1)) as { error?: { code: number; message: string; data?: { cause?: string } } };
    expect(answer.error).toMatchObject({ code: -32002, data: { cause: 'network' } });
    expect(answer.error!.message).toContain(`cannot reach the MCP server at 127.0.0.1:${port}: ${words}`);
    expect(await proxy.end()).toBe(0);
  });
});
