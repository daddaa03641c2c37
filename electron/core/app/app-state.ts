import { EMPTY_APP_STATE, type AppState, type StateError } from '../../../shared/app-state';
import { windowWords } from '../../../shared/window-words';
import { activitySeries, bucketStarts, type ActivitySummary } from '../../../shared/activity';
import { readAuditWindow, type AuditWindow } from '../audit/audit-log';
import { commandExists } from '../launcher/stale-entries';
import type { CoreContext } from '../context';
import type { RefreshRequest } from './state-store';
import { errorMessage } from '../errors';
import { createAgentServerMemory, createGitMemory, listAgents, listWorkspaces, touchedSince, type AgentServerMemory, type GitMemory } from '../agents/index';
import { listEditors } from '../editors/list';
import { scanForTokens, scanScope } from '../editors/scan';
import { createSnapshotReads, type SnapshotReads } from '../fs/snapshot-reads';
import { listEditorSessions } from '../mcp/session-registry';
import { listProfiles } from '../profiles/profiles';

/**
 * What one snapshot reads, once, for every part that needs it: the audit log (table and chart),
 * and through `files` workspaces.json, each actors.json, each editor config and each scanned
 * `.env*` file (agents, workspaces, hygiene, editors and findings take the same parse).
 */
export interface SharedReads {
  audit(): AuditWindow;
  files: SnapshotReads;
}

/** What a state builder keeps between refreshes (the store's lifetime, never on disk). */
export interface StateMemory {
  /** Git's answers per workspace, re-asked only when a file they rest on changed. */
  git: GitMemory;
  /** What the server said about agents, and when. */
  agents: AgentServerMemory;
}

/** One part of the state; a failing source leaves its part empty and adds an error, never blanks the rest. */
type Source<K extends keyof AppState> = {
  source: StateError['source'];
  key: K;
  load: (ctx: CoreContext, reads: SharedReads, memory: StateMemory | undefined, request: RefreshRequest) => Promise<AppState[K]>;
};

/** How many audit lines the Activity table shows (the chart counts the whole 30 days). */
const AUDIT_TABLE_LINES = 200;

const SOURCES: Array<Source<keyof AppState>> = [
  { source: 'profiles', key: 'profiles', load: (ctx, reads) => listProfiles(ctx, reads.files) },
  {
    source: 'agents',
    key: 'agents',
    load: (ctx, reads, memory, request) =>
      listAgents(ctx, {
        reads: reads.files,
        ...(memory && { memory: memory.agents }),
        ...(memory && request.agents === 'reuse' && { reuseExcept: touchedSince(memory.agents, reads.audit().recent) }),
      }),
  },
  { source: 'workspaces', key: 'workspaces', load: (ctx, reads, memory) => listWorkspaces(ctx, { reads: reads.files, ...(memory && { git: memory.git }) }) },
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
    load: async (ctx, reads) =>
      listEditors(ctx.env, undefined, reads.files).map((e) => ({
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
    load: async (ctx, reads) =>
      scanForTokens(ctx.env, scanScope(ctx.home, reads.files)).findings.map((f) => ({ file: f.file, json_path: f.json_path, token_hint: f.token_hint, kind: f.kind, ...(f.editor && { editor: f.editor }) })),
  },
] as Array<Source<keyof AppState>>;

/**
 * The state's sentences core did not write for the window, in the GUI's words (shared/window-words.ts):
 * a profile's last check (profiles.json keeps what any version, and the proxy's refusal, recorded), an
 * editor session's last error (the proxy's words for the editor) and a source's refresh error (any thrown
 * message, which StateError carries without a remedy). Agents, workspaces and hygiene need none: their
 * sentences name no command, what to do is their `remedy`.
 */
function inWindowWords(state: AppState): void {
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

/** The per-snapshot reads: the audit log once, for both the table and the chart; every other file once. */
export function sharedReads(ctx: CoreContext, files: SnapshotReads = createSnapshotReads()): SharedReads {
  let audit: AuditWindow | undefined;
  return { files, audit: () => (audit ??= readAuditWindow(ctx.home, { limit: AUDIT_TABLE_LINES, since: activitySince(ctx.now()) })) };
}

/** Empty memory for a new state builder. */
export function createStateMemory(): StateMemory {
  return { git: createGitMemory(), agents: createAgentServerMemory() };
}

/**
 * Builds the snapshot the tray and the settings window show, from every capability of core, over
 * one read of each source (`reads`, default a fresh one). Without `memory` everything is asked now
 * (the CLI, tests); with it, git and the server only as `request` and the files' changes say.
 */
export async function buildAppState(
  ctx: CoreContext,
  options: { memory?: StateMemory; request?: RefreshRequest; reads?: SharedReads } = {},
): Promise<AppState> {
  // A deep copy: a source that fails leaves its empty part, and errors are pushed onto this state's own list.
  const state: AppState = structuredClone(EMPTY_APP_STATE);
  const reads = options.reads ?? sharedReads(ctx);
  const request = options.request ?? { agents: 'fetch' };
  await Promise.all(
    SOURCES.map(async ({ source, key, load }) => {
      try {
        (state as unknown as Record<string, unknown>)[key] = await load(ctx, reads, options.memory, request);
      } catch (error) {
        state.errors.push({ source, message: errorMessage(error) });
      }
    }),
  );
  inWindowWords(state);
  state.refreshed_at = ctx.now().toISOString();
  return state;
}

/** A state builder for one store: its memory (git answers, server statuses) lives as long as the store. */
export function createStateBuilder(ctx: CoreContext): (request?: RefreshRequest) => Promise<AppState> {
  const memory = createStateMemory();
  return (request) => buildAppState(ctx, { memory, ...(request && { request }) });
}
