import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox';

/** `npm run sandbox`: a mootup-compatible server on 127.0.0.1 for trying tokentray without an account. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write('Usage: npm run sandbox [-- --port <n>]   (or PORT=<n>; default: any free port)\n');
    return;
  }
  const port = Number(values.port ?? process.env.PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port ?? process.env.PORT}"`);
  const sandbox = await startSandbox({ port });
  const agents = Object.values(sandbox.agents).map((a) => `  ${a.actor_id}  ${a.display_name}`);
  process.stdout.write(
    [
      `mootup sandbox listening on ${sandbox.url}  (in memory; everything is lost on exit)`,
      `MCP endpoint: ${sandbox.mcpUrl}`,
      '',
      'Personal access token of "Alice Sandbox" (alice@example.com), to paste:',
      `  ${sandbox.humanPat}`,
      '',
      'Try it:',
      `  tokentray profile add sandbox --kind mootup --url ${sandbox.url}    (paste the token when asked)`,
      '  tokentray profile check sandbox',
      '',
      'Seeded agents:',
      ...agents,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${(error as Error).message}\n`);
  process.exit(1);
});
