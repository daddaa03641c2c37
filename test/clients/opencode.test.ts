import { describeRealClient, expectLine } from './client-suite';

// `opencode mcp list` connects to every server and prints its status.
describeRealClient('opencode', async ({ run, expectOk }) => {
  const list = await run(['mcp', 'list']);
  expectOk(list, '`opencode mcp list`');
  expectLine(list, /✓ work\s+connected/, '`opencode mcp list`');
});
