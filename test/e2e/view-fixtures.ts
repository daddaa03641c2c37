/** A populated AppState for the rendering tests: one of every status, hygiene problem and editor case. */
import type { AgentView, AppState } from '../../shared/app-state';
import type { AuditRecord } from '../../shared/audit';
import { EMPTY_APP_STATE } from '../../shared/app-state';
import type { ProfileView } from '../../shared/profile';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const checked = { at: new Date(Date.now() - 3_600_000).toISOString(), result: 'ok' as const };

function profile(name: string, overrides: Partial<ProfileView>): ProfileView {
  return { name, kind: 'mootup', url: 'https://mootup.io', created_at: '2026-01-01T00:00:00Z', token_hint: 'mootup_pat_0123abcd…beef', has_token: true, status: 'ok', last_check: checked, ...overrides };
}

function agent(actor_id: string, display_name: string, status: AgentView['status'], workspace: string | null, message?: string): AgentView {
  return { actor_id, display_name, status, workspace, profile: 'work', ...(message && { message }) };
}

export const SHOP = '/home/alice/projects/shop';
export const BLOG = '/home/alice/projects/blog';

/** Six profiles, one per status; agents in two folders and one elsewhere; editors, findings, a session, activity. */
export function populatedState(): AppState {
  return {
    ...EMPTY_APP_STATE,
    refreshed_at: new Date().toISOString(),
    profiles: [
      profile('work', { label: 'Work' }),
      profile('moly', { kind: 'mcp', url: 'https://api.moly.so/mcp', token_hint: 'mp_AbCd…wxyz', expires_at: day(3), status: 'expiring' }),
      profile('old-moly', { kind: 'mcp', url: 'https://api.moly.so/mcp', token_hint: 'mp_QrSt…1234', expires_at: '2026-01-31', status: 'expired' }),
      profile('side', { revoked_at: '2026-11-20T08:00:00Z', status: 'revoked', last_check: { at: '2026-11-20T08:00:00Z', result: 'revoked', message: 'mootup answered 401' } }),
      profile('lost', { has_token: false, status: 'missing_token', token_hint: undefined }),
      profile('fresh', { status: 'unchecked', last_check: undefined }),
    ],
    workspaces: [
      {
        dir: SHOP,
        profile: 'work',
        has_actors_file: true,
        agent_count: 2,
        hygiene: [
          { kind: 'mode', message: '.moot/actors.json is readable by other users (mode 0644)', fixable: true },
          { kind: 'not_ignored', message: '.moot/actors.json is not in .gitignore', fixable: true },
        ],
      },
      { dir: BLOG, profile: 'work', has_actors_file: true, agent_count: 1, hygiene: [{ kind: 'tracked', message: '.moot/actors.json is committed to git', fixable: false }] },
    ],
    agents: [
      agent('agt_helper', 'Helper', 'here', SHOP),
      agent('agt_builder', 'Builder', 'elsewhere', SHOP, 'local key refused: taken over by another installation'),
      agent('agt_writer', 'Writer', 'unknown', BLOG, 'mootup could not be reached'),
      agent('agt_reviewer', 'Reviewer', 'available', null),
      agent('agt_scout', 'Scout', 'not_here', null),
    ],
    editors: [
      { editor: 'cursor', display_name: 'Cursor', present: true, files: [{ path: '/home/alice/.cursor/mcp.json', scope: 'user', exists: true, installed: [{ key: 'mootup', profile: 'work' }] }] },
      { editor: 'vscode', display_name: 'VS Code', present: true, files: [{ path: '/home/alice/.config/Code/User/mcp.json', scope: 'user', exists: false, installed: [] }] },
      { editor: 'claude-desktop', display_name: 'Claude Desktop', present: false, files: [] },
    ],
    findings: [{ file: '/home/alice/.codeium/windsurf/mcp_config.json', json_path: 'mcpServers.moly.headers.Authorization', token_hint: 'mp_ZZzz…9876', kind: 'moly_pat', editor: 'windsurf' }],
    sessions: [{ pid: 4242, profile: 'work', parent_name: 'Cursor', started_at: new Date(Date.now() - 600_000).toISOString(), calls: 17 }],
    // Kinds and statuses core writes (shared/audit.ts).
    audit: [
      { time: '2026-11-22T09:00:00Z', kind: 'profile.add', profile: 'work', status: 'ok' },
      { time: '2026-11-22T09:10:00Z', kind: 'pat.rotate', profile: 'work', status: 'ok' },
      { time: '2026-11-22T09:05:00Z', kind: 'agent.takeover', profile: 'work', actor_id: 'agt_builder', status: 'ok' },
      { time: '2026-11-22T09:07:00Z', kind: 'mcp.call', profile: 'moly', method: 'tools/call', tool: 'search', duration_ms: 231, status: 'error', message: 'token revoked' },
      { time: '2026-11-22T09:08:00Z', kind: 'agent.release', profile: 'work', actor_id: 'agt_helper', status: 'released' },
    ] satisfies AuditRecord[],
  };
}
