import { TokentrayError } from '../errors';
import { rememberSecret } from '../redact/known-secrets';
import { ensureSessionBusAddress, keychainBackendName, keychainService } from './keychain-env';

/** Where tokens live: the OS keychain, one entry per profile (account = profile name). */
export interface SecretStore {
  readonly service: string;
  readonly backend: string;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Account names that have a secret under our service. */
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

/** Turns keytar's raw failures into one typed error that says what is wrong and how to fix it. */
export function keychainError(error: unknown): TokentrayError {
  const raw = error instanceof Error ? error.message : String(error);
  let advice: string;
  if (/locked/i.test(raw)) {
    advice = 'the keyring is locked. Unlock it (log in to your desktop session, or run `gnome-keyring-daemon --unlock`) and try again.';
  } else if (/dbus|d-bus|autolaunch|could not connect|org\.freedesktop\.secrets|secret service|no such interface|\.service files/i.test(raw)) {
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

/** The real SecretStore over keytar. */
export function createKeychainStore(service: string = keychainService()): SecretStore {
  return {
    service,
    backend: keychainBackendName(),
    get: (account) =>
      guarded(async () => {
        const secret = await (await loadKeytar()).getPassword(service, account);
        rememberSecret(secret);
        return secret;
      }),
    set: (account, secret) => {
      rememberSecret(secret);
      return guarded(async () => (await loadKeytar()).setPassword(service, account, secret));
    },
    delete: (account) => guarded(async () => (await loadKeytar()).deletePassword(service, account)),
    list: () => guarded(async () => (await (await loadKeytar()).findCredentials(service)).map((c) => c.account).sort()),
  };
}
