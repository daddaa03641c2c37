import { describeRealClient, expectLine } from './client-suite';

// Qwen Code (a Gemini CLI fork): `qwen mcp list` connects to every server, as gemini does.
describeRealClient('qwen', async ({ run, expectOk }) => {
  const list = await run(['mcp', 'list']);
  expectOk(list, '`qwen mcp list`');
  expectLine(list, /✓ work: .*\bmcp work \(stdio\) - Connected$/m, '`qwen mcp list`');
});
