import type { AppState, StateError } from '../../../shared/app-state';
import { readAuditTail } from '../audit/audit-log';
import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import { listProfiles } from '../secrets/profiles';

/** One part of the state; a failing source leaves its part empty and adds an error, never blanks the rest. */
type Source<K extends keyof AppState> = { source: StateError['source']; key: K; load: (ctx: CoreContext) => Promise<AppState[K]> };

const SOURCES: Array<Source<keyof AppState>> = [
  { source: 'profiles', key: 'profiles', load: (ctx) => listProfiles(ctx) },
  { source: 'audit', key: 'audit', load: async (ctx) => readAuditTail(ctx.home, 200) },
] as Array<Source<keyof AppState>>;

/** Builds the snapshot the tray and the settings window show, from every capability of core. */
export async function buildAppState(ctx: CoreContext): Promise<AppState> {
  const state: AppState = { profiles: [], agents: [], workspaces: [], sessions: [], editors: [], findings: [], audit: [], errors: [], refreshed_at: '' };
  await Promise.all(
    SOURCES.map(async ({ source, key, load }) => {
      try {
        (state as unknown as Record<string, unknown>)[key] = await load(ctx);
      } catch (error) {
        state.errors.push({ source, message: errorMessage(error) });
      }
    }),
  );
  state.refreshed_at = ctx.now().toISOString();
  return state;
}
