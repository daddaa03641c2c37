import { describeRealClient, expectLine } from './client-suite';

// `gemini mcp list` connects to every server (folder trust is off in the world's settings). Gemini
// CLI drops TOKENTRAY_* (and, on GitHub Actions, nearly everything): probe both, and install with
// TOKENTRAY_HOME set and with only XDG_CONFIG_HOME moved.
describeRealClient(
  'gemini',
  async ({ run, expectOk }) => {
    const list = await run(['mcp', 'list']);
    expectOk(list, '`gemini mcp list`');
    expectLine(list, /✓ work: .*\bmcp work \(stdio\) - Connected$/m, '`gemini mcp list`');
  },
  { probes: [{ label: 'GitHub Actions (GITHUB_SHA set)', env: { GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567' } }], modes: ['custom', 'xdg'] },
);
