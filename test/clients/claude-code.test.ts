import { describeRealClient, expectLine } from './client-suite';

// `claude mcp list` starts every stdio server and health-checks it: the entry must say Connected.
describeRealClient('claude-code', async ({ run, expectOk }) => {
  const list = await run(['mcp', 'list']);
  expectOk(list, '`claude mcp list`');
  expectLine(list, /^work: .*\bmcp work - ✔ Connected$/m, '`claude mcp list`');
});
