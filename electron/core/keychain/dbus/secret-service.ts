import { openSessionBus, type DbusSession } from './dbus-session';

/**
 * What the Secret Service (org.freedesktop.secrets) says about our entries, asked over D-Bus
 * without reading any secret: which items exist, which of them sit in a locked collection, and
 * under which account. libsecret crashes keytar's findCredentials on a locked collection and
 * answers "no such entry" from getPassword, so these questions are asked here instead.
 */

const SERVICE = { destination: 'org.freedesktop.secrets', path: '/org/freedesktop/secrets', interface: 'org.freedesktop.Secret.Service' };

/** The items matching some attributes: those readable now and those in a locked collection. */
export interface ItemSearch {
  unlocked: string[];
  locked: string[];
}

/** One conversation with the Secret Service; close it when done. */
export interface SecretServiceQuery {
  search(attributes: Record<string, string>): Promise<ItemSearch>;
  /** An item's attributes (readable while its collection is locked). */
  attributes(item: string): Promise<Record<string, string>>;
  close(): void;
}

/** How long one conversation with the bus may take before the keychain counts as not answering. */
export const SECRET_SERVICE_TIMEOUT_MS = 10_000;

/** Opens a query on the session bus at `address`. Throws DbusUnavailable or DbusErrorReply. */
export async function openSecretServiceQuery(address: string | undefined, timeoutMs = SECRET_SERVICE_TIMEOUT_MS): Promise<SecretServiceQuery> {
  const bus: DbusSession = await openSessionBus(address, timeoutMs);
  return {
    search: async (attributes) => {
      const [unlocked, locked] = await bus.call({ ...SERVICE, member: 'SearchItems', signature: 'a{ss}', body: [attributes] });
      return { unlocked: unlocked as string[], locked: locked as string[] };
    },
    attributes: async (item) => {
      const [value] = await bus.call({
        destination: SERVICE.destination,
        path: item,
        interface: 'org.freedesktop.DBus.Properties',
        member: 'Get',
        signature: 'ss',
        body: ['org.freedesktop.Secret.Item', 'Attributes'],
      });
      return value as Record<string, string>;
    },
    close: () => bus.close(),
  };
}
