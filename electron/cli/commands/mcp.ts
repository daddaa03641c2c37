import { setFlagsFromString } from 'node:v8';
import { DEFAULT_MCP_TIMEOUT_SECONDS } from '../../../shared/profile';
import { startMcpProxy } from '../../core/mcp/proxy';
import type { Command } from '../command';

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

export const mcp: Command = {
  path: ['mcp'],
  args: ['<profile>'],
  summary: "Run the MCP stdio proxy an editor starts: it injects the profile's token into the profile's MCP endpoint.",
  details: [
    'Put this command (never a token) in the editor\'s MCP config, e.g. {"command": "tokentray", "args": ["mcp", "work"]}.',
    'stdin/stdout carry newline-delimited JSON-RPC (MCP stdio); every log line goes to stderr.',
    'The token is read from the keychain at start and re-read after a 401, so a rotation reaches running editors.',
    `A server that does not begin to answer within ${DEFAULT_MCP_TIMEOUT_SECONDS} s gets the editor an error; change the wait with \`tokentray profile set <profile> --timeout <seconds>\` (a streamed answer, once begun, is never cut).`,
    'Exit status: when the editor closes stdin, every request read is answered first (its answer, or an error), then 0;',
    'also 0 on SIGTERM/SIGINT/SIGHUP. 1 only when the proxy could not start (no such profile, an insecure URL, no token',
    'from the keychain), after a line on stderr saying why; until then each request is answered with that error (-32005).',
  ].join('\n'),
  async run(args, io, ctx) {
    // A proxy lives as long as the editor and keeps little: stop V8 from doubling the young generation
    // up to 2×64 MiB under a steady stream of short-lived allocations, and let the old generation grow
    // by 10% rather than 2× between collections (together: ~100 MB resident after 20k calls, not ~240).
    setFlagsFromString('--semi-space-growth-factor=1 --heap-growing-percent=10');
    const proxy = startMcpProxy(ctx, args.positionals[0]!, { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr });
    const stop = () => proxy.stop();
    for (const signal of SIGNALS) process.on(signal, stop);
    try {
      return await proxy.done;
    } finally {
      for (const signal of SIGNALS) process.removeListener(signal, stop);
    }
  },
};
