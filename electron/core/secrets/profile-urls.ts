import type { Profile } from '../../../shared/profile';

/** The MCP endpoint of a profile: `url` for mcp profiles; `mcp_url`, else `${url}/mcp`, for mootup ones. */
export function profileMcpUrl(profile: Profile): string {
  if (profile.kind === 'mcp') return profile.url;
  return profile.mcp_url ?? `${profile.url.replace(/\/+$/, '')}/mcp`;
}
