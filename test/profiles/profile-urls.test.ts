import { describe, expect, it } from 'vitest';
import { profileMcpUrl } from '../../electron/core/profiles/profile-urls';

describe('profileMcpUrl', () => {
  it('mcp profiles: the URL itself; mootup: mcp_url, else <url>/mcp', () => {
    expect(profileMcpUrl({ kind: 'mcp', url: 'https://api.moly.so/mcp' })).toBe('https://api.moly.so/mcp');
    expect(profileMcpUrl({ kind: 'mootup', url: 'https://mootup.io' })).toBe('https://mootup.io/mcp');
    expect(profileMcpUrl({ kind: 'mootup', url: 'https://mootup.io/' })).toBe('https://mootup.io/mcp');
    expect(profileMcpUrl({ kind: 'mootup', url: 'https://mootup.io', mcp_url: 'https://mcp.mootup.io/v1' })).toBe('https://mcp.mootup.io/v1');
  });
});
