/**
 * Native notifications: which ones a state change deserves (pure, tested as data), and the small
 * glue that shows them with the Notification class main hands in.
 */
import type { Notification as ElectronNotification, NotificationConstructorOptions } from 'electron';
import type { AppState, AuditEntryView } from '../../shared/app-state';
import { auditOutcome } from '../../shared/audit';
import { describeProfileStatus } from '../../shared/profile';

export interface TrayNotification {
  title: string;
  body: string;
}

const auditKey = (e: AuditEntryView) => `${e.time}|${e.kind}|${e.actor_id ?? ''}|${e.profile ?? ''}|${e.status}`;
const findingKey = (f: AppState['findings'][number]) => `${f.file}|${f.json_path}`;
const AGENT_ACTION = /(takeover|release)/;

function profileNotifications(previous: AppState, next: AppState, now: Date): TrayNotification[] {
  const out: TrayNotification[] = [];
  for (const profile of next.profiles) {
    const before = previous.profiles.find((p) => p.name === profile.name)?.status;
    if (before === profile.status) continue;
    const status = describeProfileStatus(profile, now);
    if (profile.status === 'revoked') {
      out.push({ title: `Token revoked: ${profile.name}`, body: `${status}. Replace or rotate it in tokentray; editors using it get errors until then.` });
    } else if (profile.status === 'expiring' || profile.status === 'expired') {
      if (before === 'expired') continue;
      out.push({ title: `Token ${profile.status === 'expired' ? 'expired' : 'expiring'}: ${profile.name}`, body: `${status}. Create a new token and replace it in tokentray.` });
    } else if (profile.status === 'missing_token') {
      out.push({ title: `Token missing: ${profile.name}`, body: 'The keychain no longer holds this token. Replace it in tokentray.' });
    }
  }
  return out;
}

function auditNotifications(previous: AppState, next: AppState): TrayNotification[] {
  // The first snapshot's audit entries are history, not news.
  if (previous.refreshed_at === '') return [];
  const seen = new Set(previous.audit.map(auditKey));
  // Only finished actions are news: a question waiting for the person's answer (needs_confirmation) is not.
  return next.audit
    .filter((e) => !seen.has(auditKey(e)) && AGENT_ACTION.test(e.kind) && (auditOutcome(e.status) === 'success' || auditOutcome(e.status) === 'failure'))
    .map((e) => {
      const action = e.kind.includes('takeover') ? 'Takeover' : 'Release';
      const subject = e.actor_id ?? e.profile ?? 'agent';
      const ok = auditOutcome(e.status) === 'success';
      return { title: `${action} ${ok ? 'done' : 'failed'}: ${subject}`, body: e.message ?? (ok ? `${action} of ${subject} finished.` : `${action} of ${subject} did not finish.`) };
    });
}

function findingNotifications(previous: AppState, next: AppState): TrayNotification[] {
  const seen = new Set(previous.findings.map(findingKey));
  const fresh = next.findings.filter((f) => !seen.has(findingKey(f)));
  if (fresh.length === 0) return [];
  const files = [...new Set(fresh.map((f) => f.file))];
  return [
    {
      title: `Plaintext token${fresh.length === 1 ? '' : 's'} found in editor config`,
      body: `${fresh.map((f) => f.token_hint).join(', ')} in ${files.join(', ')}. Open tokentray to move ${fresh.length === 1 ? 'it' : 'them'} into the keychain.`,
    },
  ];
}

/** The notifications a change from `previous` to `next` deserves; never repeats one for an unchanged fact. */
export function notificationsFor(previous: AppState, next: AppState, now: Date = new Date()): TrayNotification[] {
  return [...profileNotifications(previous, next, now), ...auditNotifications(previous, next), ...findingNotifications(previous, next)];
}

type NotificationClass = { new (options: NotificationConstructorOptions): ElectronNotification; isSupported(): boolean };

/** Shows the notifications each state change deserves; returns the unsubscribe function. */
export function registerNotifications(store: { current(): AppState; subscribe(listener: (s: AppState) => void): () => void }, NotificationCtor: NotificationClass): () => void {
  let previous = store.current();
  return store.subscribe((next) => {
    const list = notificationsFor(previous, next);
    previous = next;
    if (!NotificationCtor.isSupported()) return;
    for (const { title, body } of list) new NotificationCtor({ title, body, silent: false }).show();
  });
}
