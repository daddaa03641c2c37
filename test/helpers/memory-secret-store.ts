import { rememberSecret } from '../../electron/core/redact/known-secrets';
import { keychainLocked, type SecretStore } from '../../electron/core/keychain/secret-store';

/** A SecretStore in this process's memory, plus `lock()` and `unlock()` to stand for a locked keyring. */
export interface MemorySecretStore extends SecretStore {
  /** From now on every call fails `keychain_locked`, as the real store does on a locked collection. */
  lock(): void;
  unlock(): void;
}

/**
 * A second implementation of the SecretStore seam for tests whose subject is not the keychain: the
 * same contract as createKeychainStore (null for a missing entry, delete says whether there was
 * one, list gives sorted account names, every secret read or written is remembered for redaction),
 * without D-Bus or a keyring daemon. Tests about the keychain use the real one.
 */
export function createMemorySecretStore(service = 'tokentray-test-memory'): MemorySecretStore {
  const entries = new Map<string, string>();
  let locked = false;
  const open = async <T>(operation: () => T): Promise<T> => {
    if (locked) throw keychainLocked();
    return operation();
  };
  return {
    service,
    backend: 'memory',
    get: (account) =>
      open(() => {
        const secret = entries.get(account) ?? null;
        rememberSecret(secret);
        return secret;
      }),
    set: (account, secret) => {
      rememberSecret(secret);
      return open(() => void entries.set(account, secret));
    },
    delete: (account) => open(() => entries.delete(account)),
    list: () => open(() => [...entries.keys()].sort()),
    lock: () => void (locked = true),
    unlock: () => void (locked = false),
  };
}
