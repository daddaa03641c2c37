import { TokentrayError } from '../errors';
import { rememberSecret } from '../redact/known-secrets';
import { DbusErrorReply, DbusUnavailable } from './dbus/dbus-session';
import { openSecretServiceQuery, type SecretServiceQuery } from './dbus/secret-service';
import { ensureSessionBusAddress, keychainBackendName, keychainService } from './keychain-env';

/** Where tokens live: the OS keychain, one entry per profile (account = profile name). */
export interface SecretStore {
  readonly service: string;
  readonly backend: string;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Deletes the entry: false when there was none; `keychain_locked` when it is there but locked. */
  delete(account: string): Promise<boolean>;
  /** Account names that have a secret under our service, found without reading any secret. */
  list(): Promise<string[]>;
}

type Keytar = typeof import('keytar');

let keytarModule: Keytar | undefined;

async function loadKeytar(): Promise<Keytar> {
  if (keytarModule) return keytarModule;
  ensureSessionBusAddress();
  try {
    // Loaded on first use: commands that never touch the keychain should not pay for it.
    const loaded = (await import('keytar')) as Keytar & { default?: Keytar };
    keytarModule = loaded.default ?? loaded;
  } catch (error) {
    throw new TokentrayError(
      'keychain_unavailable',
      `the keychain module (keytar) could not be loaded: ${(error as Error).message}. ` +
        'Reinstall tokentray; on Linux, libsecret-1-0 must be installed.',
      {},
      { cause: error },
    );
  }
  return keytarModule;
}

/** The error for a keychain that is there but locked: what to do, in the desktop's own words. */
export function keychainLocked(platform: NodeJS.Platform = process.platform, options?: { cause?: unknown }): TokentrayError {
  const how = platform === 'darwin' ? 'log in again, or open Keychain Access' : platform === 'win32' ? 'log in to Windows again' : 'log in again, or open Passwords and Keys';
  return new TokentrayError('keychain_locked', `Your keyring is locked: unlock it (${how}) and retry`, { remedy: { kind: 'unlock-keychain' } }, options);
}

/** Turns keytar's raw failures into one typed error that says what is wrong and how to fix it. */
export function keychainError(error: unknown): TokentrayError {
  const raw = error instanceof Error ? error.message : String(error);
  if (/locked/i.test(raw)) return keychainLocked(process.platform, { cause: error });
  let advice: string;
  if (/dbus|d-bus|autolaunch|could not connect|org\.freedesktop\.secrets|secret service|no such interface|\.service files/i.test(raw)) {
    advice =
      'no Secret Service is reachable on D-Bus. Run tokentray inside your desktop session, or start a keyring ' +
      '(e.g. gnome-keyring or KeePassXC with Secret Service enabled) and make sure DBUS_SESSION_BUS_ADDRESS is set.';
  } else {
    advice = 'check that your OS keychain is running and unlocked, then try again.';
  }
  return new TokentrayError(
    'keychain_unavailable',
    `The OS keychain (${keychainBackendName()}) is not usable: ${advice} tokentray never stores tokens in plain text. (${raw})`,
    {},
    { cause: error },
  );
}

async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof TokentrayError) throw error;
    throw keychainError(error);
  }
}

/**
 * Asks the Secret Service over D-Bus (Linux), without reading a secret. Null where it cannot be
 * asked (another OS, a bus this client cannot use): keytar alone decides then. An error answer
 * (e.g. no Secret Service on the bus) is the keychain's error.
 */
async function askSecretService<T>(question: (query: SecretServiceQuery) => Promise<T>): Promise<T | null> {
  if (process.platform !== 'linux') return null;
  ensureSessionBusAddress();
  let query: SecretServiceQuery;
  try {
    query = await openSecretServiceQuery(process.env.DBUS_SESSION_BUS_ADDRESS);
  } catch (error) {
    if (error instanceof DbusErrorReply) throw keychainError(error);
    return null;
  }
  try {
    return await question(query);
  } catch (error) {
    if (error instanceof DbusErrorReply) throw keychainError(error);
    if (error instanceof DbusUnavailable) return null;
    throw error;
  } finally {
    query.close();
  }
}

/** Whether an entry sits in a locked collection (so keytar would say "not there" or crash). */
async function entryLocked(service: string, account: string): Promise<boolean> {
  return (await askSecretService(async (q) => (await q.search({ service, account })).locked.length > 0)) ?? false;
}

/** The accounts under `service`, read from item attributes only; a locked collection is an error, never a crash. */
async function listAccounts(service: string): Promise<string[]> {
  const accounts = await askSecretService(async (q) => {
    const found = await q.search({ service });
    if (found.locked.length > 0) throw keychainLocked();
    const attributes = await Promise.all(found.unlocked.map((item) => q.attributes(item)));
    return attributes.map((a) => a.account).filter((a): a is string => typeof a === 'string');
  });
  if (accounts) return [...new Set(accounts)].sort();
  // macOS and Windows (and a bus this client cannot use): keytar's listing, which reads the secrets.
  return (await (await loadKeytar()).findCredentials(service)).map((c) => c.account).sort();
}

/**
 * The real SecretStore over keytar. On Linux a locked keyring is told apart from a missing entry
 * (libsecret answers both with "nothing"): reads, deletes and listings then throw `keychain_locked`.
 */
export function createKeychainStore(service: string = keychainService()): SecretStore {
  return {
    service,
    backend: keychainBackendName(),
    get: (account) =>
      guarded(async () => {
        const secret = await (await loadKeytar()).getPassword(service, account);
        if (secret === null && (await entryLocked(service, account))) throw keychainLocked();
        rememberSecret(secret);
        return secret;
      }),
    set: (account, secret) => {
      rememberSecret(secret);
      return guarded(async () => (await loadKeytar()).setPassword(service, account, secret));
    },
    delete: (account) =>
      guarded(async () => {
        // A locked entry cannot be deleted: say so instead of letting the caller believe it is gone.
        if (await entryLocked(service, account)) throw keychainLocked();
        const deleted = await (await loadKeytar()).deletePassword(service, account);
        if (!deleted && (await entryLocked(service, account))) throw keychainLocked();
        return deleted;
      }),
    list: () => guarded(() => listAccounts(service)),
  };
}
