/**
 * Native notifications: on every state change, the events notification-events.ts finds (pure, tested
 * as data) that were never shown before, each shown once with a click that opens the window on its
 * subject. What was shown is remembered in TOKENTRAY_HOME (notification-memory.ts).
 */
import type { Notification as ElectronNotification, NotificationConstructorOptions } from 'electron';
import type { AppState } from '../../shared/app-state';
import type { WindowTarget } from '../../shared/navigation';
import { notificationEvents, type NotificationEvent } from './notification-events';
import { loadNotificationMemory, saveNotificationMemory } from './notification-memory';

/** A notification's words, as the tray's own action results use them too. */
export interface TrayNotification {
  title: string;
  body: string;
}

type NotificationClass = { new (options: NotificationConstructorOptions): ElectronNotification; isSupported(): boolean };

/** What the notifications need from main. */
export interface NotificationDeps {
  /** TOKENTRAY_HOME, where notifications.json is kept. */
  home: string;
  /** Opens the settings window on the notification's subject. */
  onClick(target: WindowTarget): void;
  now?: () => Date;
  /** Where a failure to remember is reported (the notifications still show). */
  log?: (line: string) => void;
}

/** The part of a state whose change is worth remembering (statuses, not the refresh time). */
function baselineKey(state: AppState): string {
  return JSON.stringify([state.profiles.map((p) => [p.name, p.status, p.expires_at, p.revoked_at]), state.agents.map((a) => [a.actor_id, a.workspace, a.status])]);
}

/** Shows the notifications each state change deserves, once ever each; returns the unsubscribe function. */
export function registerNotifications(store: { current(): AppState; subscribe(listener: (s: AppState) => void): () => void }, NotificationCtor: NotificationClass, deps: NotificationDeps): () => void {
  const memory = loadNotificationMemory(deps.home);
  const shown = [...memory.shown];
  const shownSet = new Set(shown);
  let previous: AppState = memory.baseline ?? store.current();
  // The first comparison against a remembered baseline: audit lines written since are news.
  let auditSince: string | undefined = memory.baseline?.refreshed_at;
  let savedKey = memory.baseline ? baselineKey(memory.baseline) : '';
  // Electron drops a notification's click handler when the object is collected: hold each until it is done.
  const live = new Set<ElectronNotification>();

  const show = (event: NotificationEvent) => {
    const notification = new NotificationCtor({ title: event.title, body: event.body, silent: false });
    live.add(notification);
    notification.on('click', () => {
      live.delete(notification);
      deps.onClick(event.target);
    });
    notification.on('close', () => live.delete(notification));
    notification.show();
  };

  return store.subscribe((next) => {
    if (next.refreshed_at === '') return;
    const events = notificationEvents(previous, next, { now: deps.now?.() ?? new Date(), shown: shownSet, ...(auditSince !== undefined && { auditSince }) });
    previous = next;
    auditSince = undefined;
    for (const event of events) {
      for (const id of [event.id, ...(event.covers ?? [])]) {
        if (!shownSet.has(id)) shown.push(id);
        shownSet.add(id);
      }
    }
    const key = baselineKey(next);
    if (events.length > 0 || key !== savedKey) {
      try {
        saveNotificationMemory(deps.home, shown, next);
        savedKey = key;
      } catch (error) {
        deps.log?.(`tokentray: cannot remember the notifications shown: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (!NotificationCtor.isSupported()) return;
    for (const event of events) show(event);
  });
}
