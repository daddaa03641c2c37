import type { Profile } from '../../../shared/profile';

/**
 * The MCP endpoint of a profile: an mcp profile's URL is its endpoint; a mootup profile uses its
 * `mcp_url`, or `<url>/mcp` when none was given. The one place this rule lives.
 */
export function profileMcpUrl(profile: Pick<Profile, 'kind' | 'url' | 'mcp_url'>): string {
  if (profile.kind === 'mcp') return profile.url;
  if (profile.mcp_url) return profile.mcp_url;
  return `${profile.url.replace(/\/+$/, '')}/mcp`;
}
