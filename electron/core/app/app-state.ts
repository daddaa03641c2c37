import { EMPTY_APP_STATE, type AppState, type StateError } from '../../../shared/app-state';
import { windowWords } from '../../../shared/window-words';
import { activitySeries, bucketStarts, type ActivitySummary } from '../../../shared/activity';
import { readAuditWindow, type AuditWindow } from '../audit/audit-log';
import { commandExists } from '../launcher/stale-entries';
import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import { listAgents, listWorkspaces } from '../agents/index';
import { listEditors } from '../editors/list';
import { scanForTokens } from '../editors/scan';
import { listEditorSessions } from '../mcp/session-registry';
import { listProfiles } from '../secrets/profiles';

/** What several parts of one snapshot read from the same files, read once per snapshot. */
interface SharedReads {
  audit(): AuditWindow;
}

/** One part of the state; a failing source leaves its part empty and adds an error, never blanks the rest. */
type Source<K extends keyof AppState> = { source: StateError['source']; key: K; load: (ctx: CoreContext, reads: SharedReads) => Promise<AppState[K]> };

/** How many audit lines the Activity table shows (the chart counts the whole 30 days). */
const AUDIT_TABLE_LINES = 200;

const SOURCES: Array<Source<keyof AppState>> = [
  { source: 'profiles', key: 'profiles', load: (ctx) => listProfiles(ctx) },
  { source: 'agents', key: 'agents', load: (ctx) => listAgents(ctx) },
  { source: 'workspaces', key: 'workspaces', load: (ctx) => listWorkspaces(ctx) },
  { source: 'audit', key: 'audit', load: async (_ctx, reads) => reads.audit().tail },
  { source: 'audit', key: 'activity', load: async (ctx, reads) => activitySummary(ctx, reads.audit().recent) },
  {
    source: 'sessions',
    key: 'sessions',
    load: async (ctx) =>
      listEditorSessions(ctx.home).map((s) => ({
        pid: s.pid,
        profile: s.profile,
        parent_pid: s.parent_pid,
        started_at: s.started_at,
        calls: s.calls,
        ...(s.parent_name && { parent_name: s.parent_name }),
        ...(s.last_error && { last_error: s.last_error }),
      })),
  },
  {
    source: 'editors',
    key: 'editors',
    load: async (ctx) =>
      listEditors(ctx.env).map((e) => ({
        editor: e.editor,
        display_name: e.label,
        present: e.present,
        files: e.files.map((f) => ({
          path: f.path,
          scope: f.scope,
          exists: f.exists,
          installed: f.entries.map((x) => ({ key: x.name, profile: x.profile, command: x.command, command_missing: !commandExists(x.command) })),
        })),
      })),
  },
  {
    source: 'editors',
    key: 'findings',
    load: async (ctx) =>
      scanForTokens(ctx.env).findings.map((f) => ({ file: f.file, json_path: f.json_path, token_hint: f.token_hint, kind: f.kind, ...(f.editor && { editor: f.editor }) })),
  },
] as Array<Source<keyof AppState>>;

/** Core's sentences in the state, in the GUI's words (shared/window-words.ts): no command to type, a button to press. */
function inWindowWords(state: AppState): void {
  for (const agent of state.agents) if (agent.message) agent.message = windowWords(agent.message);
  for (const workspace of state.workspaces) {
    if (workspace.error) workspace.error = windowWords(workspace.error);
    for (const problem of workspace.hygiene) problem.message = windowWords(problem.message);
  }
  for (const profile of state.profiles) if (profile.last_check?.message) profile.last_check = { ...profile.last_check, message: windowWords(profile.last_check.message) };
  for (const session of state.sessions) if (session.last_error) session.last_error = windowWords(session.last_error);
  for (const error of state.errors) error.message = windowWords(error.message);
}

/** Where the Activity chart's 30 days begin. */
function activitySince(now: Date): string {
  return bucketStarts('month', now).starts[0]!.toISOString();
}

/** The Activity chart's buckets, from every audit line of the last 30 days (the table shows only the newest lines). */
function activitySummary(ctx: CoreContext, entries: AuditWindow['recent']): ActivitySummary {
  const now = ctx.now();
  return { day: activitySeries(entries, 'day', now), month: activitySeries(entries, 'month', now) };
}

/** The per-snapshot reads: the audit log once, for both the table and the chart. */
function sharedReads(ctx: CoreContext): SharedReads {
  let audit: AuditWindow | undefined;
  return { audit: () => (audit ??= readAuditWindow(ctx.home, { limit: AUDIT_TABLE_LINES, since: activitySince(ctx.now()) })) };
}

/** Builds the snapshot the tray and the settings window show, from every capability of core. */
export async function buildAppState(ctx: CoreContext): Promise<AppState> {
  // A deep copy: a source that fails leaves its empty part, and errors are pushed onto this state's own list.
  const state: AppState = structuredClone(EMPTY_APP_STATE);
  const reads = sharedReads(ctx);
  await Promise.all(
    SOURCES.map(async ({ source, key, load }) => {
      try {
        (state as unknown as Record<string, unknown>)[key] = await load(ctx, reads);
      } catch (error) {
        state.errors.push({ source, message: errorMessage(error) });
      }
    }),
  );
  inWindowWords(state);
  state.refreshed_at = ctx.now().toISOString();
  return state;
}
