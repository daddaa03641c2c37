import { describeRealClient, expectLine } from './client-suite';

// `gemini mcp list` connects to every server (folder trust is off in the world's settings).
describeRealClient('gemini', async ({ run, expectOk }) => {
  const list = await run(['mcp', 'list']);
  expectOk(list, '`gemini mcp list`');
  expectLine(list, /✓ work: .*\bmcp work \(stdio\) - Connected$/m, '`gemini mcp list`');
});
