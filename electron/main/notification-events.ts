/**
 * Which notifications a change of state deserves, as data: each has a stable id (so it is shown once,
 * across restarts too), words for a person, and the place in the window its click opens. Pure: state
 * A → state B → events, tested as data.
 */
import { createHash } from 'node:crypto';
import type { AgentView, AppState, AuditEntryView, TokenFindingView } from '../../shared/app-state';
import { auditOutcome } from '../../shared/audit';
import type { WindowTarget } from '../../shared/navigation';
import { daysUntil, type ProfileView } from '../../shared/profile';
import { windowWords } from '../../shared/window-words';

/** One notification: what to show, and where its click leads. */
export interface NotificationEvent {
  /** Stable for the same event (names, dates, times; never a token), so it is shown once. */
  id: string;
  title: string;
  body: string;
  target: WindowTarget;
  /** Further ids this one notification covers (each plaintext token found), remembered with it. */
  covers?: string[];
}

/** Days before a token's expiry at which it is announced, once each (then once more when it has expired). */
export const EXPIRY_MILESTONES = [14, 3, 1] as const;
/** Failed proxied calls in a row, with the same cause, after which a profile's proxy "keeps failing". */
export const PROXY_FAILURE_STREAK = 3;
/** A failure streak older than this is history, not news (e.g. on the first snapshot after a restart). */
const PROXY_STREAK_FRESH_MS = 60 * 60_000;

/**
 * A profile that may carry `signin_needed` (true, or an object with a reason): the person must sign in
 * again. The notification memory's baseline keeps it in place of `oauth.sign_in`, whose URL and pid
 * are not worth remembering across a restart.
 */
export type SigninAwareProfile = ProfileView & { signin_needed?: boolean | { reason?: string } | null };

/** Options of one comparison. */
export interface EventOptions {
  now: Date;
  /**
   * When `previous` is the remembered baseline of an earlier run (no audit lines in it): audit lines
   * newer than this time are news. Unset while running: a line is news when `previous` lacked it.
   */
  auditSince?: string;
  /** Ids already shown (remembered across restarts): those are never shown again. */
  shown?: ReadonlySet<string>;
}

type Milestone = (typeof EXPIRY_MILESTONES)[number] | 'expired';

/** The tightest expiry milestone a profile has reached at `at` (14, 3, 1 days, or expired), or null. */
export function expiryMilestone(profile: Pick<ProfileView, 'expires_at'>, at: Date): Milestone | null {
  if (!profile.expires_at) return null;
  const days = daysUntil(profile.expires_at, at);
  if (days < 0) return 'expired';
  const reached = EXPIRY_MILESTONES.filter((m) => days <= m);
  return reached.length > 0 ? reached[reached.length - 1]! : null;
}

function inDays(days: number): string {
  return days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
}

function profileLabel(profile: ProfileView): string {
  return profile.label ? `${profile.label} (${profile.name})` : profile.name;
}

function expiryEvents(previous: AppState, next: AppState, now: Date): NotificationEvent[] {
  const before = previous.refreshed_at ? new Date(previous.refreshed_at) : null;
  const out: NotificationEvent[] = [];
  for (const profile of next.profiles) {
    const milestone = expiryMilestone(profile, now);
    if (milestone === null) continue;
    const old = previous.profiles.find((p) => p.name === profile.name);
    if (old && before && old.expires_at === profile.expires_at && expiryMilestone(old, before) === milestone) continue;
    const target: WindowTarget = { view: 'profiles', profile: profile.name };
    const id = `expiry:${profile.name}:${profile.expires_at}:${milestone}`;
    if (milestone === 'expired') {
      out.push({ id, target, title: `Token expired: ${profileLabel(profile)}`, body: `It expired on ${profile.expires_at}; editors using it get errors. Create a new token and replace it in tokentray.` });
    } else {
      const days = daysUntil(profile.expires_at!, now);
      out.push({ id, target, title: `Token expires ${inDays(days)}: ${profileLabel(profile)}`, body: `It expires on ${profile.expires_at}. Create a new token and replace it in tokentray before then.` });
    }
  }
  return out;
}

/** A sign-in this profile waits for: a proxy asked for one (`oauth.sign_in`, written by ../core/oauth), or a remembered baseline says so. */
export function signinNeeded(profile: ProfileView | undefined): { reason?: string } | null {
  const waiting = profile?.oauth?.sign_in;
  if (waiting) return { reason: SIGN_IN_REASON_WORDS[waiting.reason] };
  const flag = (profile as SigninAwareProfile | undefined)?.signin_needed;
  if (!flag) return null;
  return typeof flag === 'object' ? flag : {};
}

const SIGN_IN_REASON_WORDS: Record<NonNullable<NonNullable<ProfileView['oauth']>['sign_in']>['reason'], string> = {
  login: 'A sign-in was started and waits for you in the browser.',
  no_token: 'It is not signed in yet.',
  refresh_failed: 'Its sign-in expired and could not be renewed.',
  step_up: 'The server asks for more permissions.',
  server_changed: 'Its sign-in server changed.',
};

function profileStateEvents(previous: AppState, next: AppState): NotificationEvent[] {
  const out: NotificationEvent[] = [];
  for (const profile of next.profiles) {
    const old = previous.profiles.find((p) => p.name === profile.name);
    const target: WindowTarget = { view: 'profiles', profile: profile.name };
    if (profile.status === 'revoked' && old?.status !== 'revoked') {
      out.push({
        id: `revoked:${profile.name}:${profile.revoked_at ?? next.refreshed_at}`,
        target,
        title: `Token refused: ${profileLabel(profile)}`,
        body: `The service refused this token: it was revoked. Editors using ${profile.name} get errors until you replace ${profile.kind === 'mootup' ? 'or rotate ' : ''}it in tokentray.`,
      });
    }
    if (profile.status === 'missing_token' && old && old.status !== 'missing_token') {
      out.push({ id: `missing:${profile.name}:${next.refreshed_at}`, target, title: `Token missing: ${profileLabel(profile)}`, body: 'The keychain no longer holds this token. Paste it again in tokentray.' });
    }
    const signin = signinNeeded(profile);
    if (signin && !signinNeeded(old)) {
      out.push({
        id: `signin:${profile.name}:${next.refreshed_at}`,
        target,
        title: `Sign in again: ${profileLabel(profile)}`,
        body: `${signin.reason ? `${signin.reason} ` : ''}Editors using ${profile.name} cannot reach the service until you sign in again in tokentray.`,
      });
    }
  }
  return out;
}

function folderOf(dir: string): string {
  return dir.split(/[\\/]+/).filter(Boolean).at(-1) ?? dir;
}

function agentEvents(previous: AppState, next: AppState): NotificationEvent[] {
  const out: NotificationEvent[] = [];
  for (const agent of next.agents) {
    const old: AgentView | undefined = previous.agents.find((a) => a.actor_id === agent.actor_id && a.workspace === agent.workspace);
    if (old?.status !== 'here' || agent.status !== 'elsewhere') continue;
    const where = agent.workspace ? ` Its key in the folder ${folderOf(agent.workspace)} (${agent.workspace}) no longer works.` : '';
    out.push({
      id: `elsewhere:${agent.actor_id}:${agent.workspace ?? ''}:${next.refreshed_at}`,
      target: { view: 'agents', actor_id: agent.actor_id, ...(agent.workspace && { workspace: agent.workspace }) },
      title: `Agent taken over elsewhere: ${agent.display_name}`,
      body: `Another installation took ${agent.display_name} over.${where} Take it back in tokentray if it should run here.`,
    });
  }
  return out;
}

/** Proxy failure causes (the audit's `message` tag of an mcp.call) in words. */
const CAUSE_WORDS: Record<string, string> = {
  revoked: 'the service refused the token (revoked or invalid)',
  expired: 'the token has expired',
  network: 'the MCP server could not be reached',
  timeout: 'the MCP server did not answer in time',
  server: 'the MCP server answered with an error',
  http: 'the MCP server refused the request',
  session_lost: 'the MCP server ended the session',
  keychain: 'the keychain could not be read',
  setup: 'the proxy could not start',
};

function causeWords(cause: string | undefined): string {
  return (cause && CAUSE_WORDS[cause]) ?? `the last error was “${cause ?? 'unknown'}”`;
}

/** For each profile, the newest run of failed proxied calls with one cause, newest first. */
function failureStreaks(audit: readonly AuditEntryView[]): Map<string, AuditEntryView[]> {
  const byProfile = new Map<string, AuditEntryView[]>();
  const calls = audit.filter((e) => e.kind === 'mcp.call' && e.profile).sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  for (const entry of calls) {
    const list = byProfile.get(entry.profile!) ?? [];
    byProfile.set(entry.profile!, [...list, entry]);
  }
  const streaks = new Map<string, AuditEntryView[]>();
  for (const [profile, entries] of byProfile) {
    const first = entries[0];
    if (!first || auditOutcome(first.status) !== 'failure') continue;
    const streak: AuditEntryView[] = [];
    for (const entry of entries) {
      if (auditOutcome(entry.status) !== 'failure' || entry.message !== first.message) break;
      streak.push(entry);
    }
    streaks.set(profile, streak);
  }
  return streaks;
}

function proxyEvents(next: AppState, now: Date): NotificationEvent[] {
  const out: NotificationEvent[] = [];
  for (const [profile, streak] of failureStreaks(next.audit)) {
    if (streak.length < PROXY_FAILURE_STREAK) continue;
    const newest = streak[0]!;
    if (now.getTime() - Date.parse(newest.time) > PROXY_STREAK_FRESH_MS) continue;
    const oldest = streak[streak.length - 1]!;
    out.push({
      // The streak's first failure names it: it stays the same while the streak grows.
      id: `proxy:${profile}:${newest.message ?? ''}:${oldest.time}`,
      target: { view: 'activity', profile },
      title: `Editor calls keep failing: ${profile}`,
      body: `The last ${streak.length} calls through ${profile} failed: ${causeWords(newest.message)}.`,
    });
  }
  return out;
}

const auditKey = (e: AuditEntryView) => `${e.time}|${e.kind}|${e.actor_id ?? ''}|${e.profile ?? ''}|${e.status}`;

function agentActionEvents(previous: AppState, next: AppState, auditSince: string | undefined): NotificationEvent[] {
  // The first snapshot's audit lines are history, not news.
  if (previous.refreshed_at === '' && auditSince === undefined) return [];
  const seen = new Set(previous.audit.map(auditKey));
  const fresh = next.audit.filter((e) => (auditSince !== undefined ? e.time > auditSince : !seen.has(auditKey(e))));
  const out: NotificationEvent[] = [];
  for (const e of fresh) {
    if (e.kind !== 'agent.release' && e.kind !== 'agent.takeover') continue;
    // Only finished actions are news: a question waiting for the person's answer (needs_confirmation) is not.
    const outcome = auditOutcome(e.status);
    if (outcome !== 'success' && outcome !== 'failure') continue;
    const action = e.kind === 'agent.takeover' ? 'Takeover' : 'Release';
    const subject = e.actor_id ?? e.profile ?? 'agent';
    const ok = outcome === 'success';
    out.push({
      id: `audit:${auditKey(e)}`,
      target: { view: 'agents', ...(e.actor_id && { actor_id: e.actor_id }) },
      title: `${action} ${ok ? 'done' : 'failed'}: ${subject}`,
      // Audit lines hold core's sentences, which may name a CLI command: the notification names the button.
      body: e.message ? windowWords(e.message) : ok ? `${action} of ${subject} finished.` : `${action} of ${subject} did not finish.`,
    });
  }
  return out;
}

// Hashed, so the remembered ids hold no token hint: a new token in the same place is a new finding.
const findingKey = (f: TokenFindingView) => createHash('sha256').update(`${f.file}\0${f.json_path}\0${f.token_hint}`).digest('hex').slice(0, 24);

function findingEvents(previous: AppState, next: AppState, shown: ReadonlySet<string>): NotificationEvent[] {
  const before = new Set(previous.findings.map(findingKey));
  const fresh = next.findings.filter((f) => !before.has(findingKey(f)) && !shown.has(`finding:${findingKey(f)}`));
  if (fresh.length === 0) return [];
  const files = [...new Set(fresh.map((f) => f.file))];
  const covers = fresh.map((f) => `finding:${findingKey(f)}`);
  return [
    {
      id: `findings:${covers.map((c) => c.slice('finding:'.length)).join(',')}`,
      covers,
      target: { view: 'editors' },
      title: `Plaintext token${fresh.length === 1 ? '' : 's'} found in editor config`,
      body: `${fresh.map((f) => f.token_hint).join(', ')} in ${files.join(', ')}. Open tokentray to move ${fresh.length === 1 ? 'it' : 'them'} into the keychain.`,
    },
  ];
}

/** The notifications the change from `previous` to `next` deserves, each with a stable id; none already shown. */
export function notificationEvents(previous: AppState, next: AppState, options: EventOptions): NotificationEvent[] {
  const shown = options.shown ?? new Set<string>();
  return [
    ...expiryEvents(previous, next, options.now),
    ...profileStateEvents(previous, next),
    ...agentEvents(previous, next),
    ...proxyEvents(next, options.now),
    ...agentActionEvents(previous, next, options.auditSince),
    ...findingEvents(previous, next, shown),
  ].filter((event) => !shown.has(event.id));
}
