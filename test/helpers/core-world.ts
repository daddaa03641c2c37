import type { CoreContext } from '../../electron/core/context';
import { createKeychainStore, type SecretStore } from '../../electron/core/keychain/secret-store';
import { makeTestEnv, type TestEnv } from './cli';
import { createMemorySecretStore } from './memory-secret-store';

/** Where a core world keeps tokens: in memory (default), in the real OS keychain under the world's private service, or a given store. */
export type SecretsChoice = 'memory' | 'keychain' | SecretStore;

/** Options of a core world. */
export interface CoreWorldOptions {
  secrets?: SecretsChoice;
  /** Extra environment variables of the world (on top of makeTestEnv's). */
  env?: Record<string, string>;
  /** The clock core reads (default: the real one). */
  now?: () => Date;
}

/** A private world (temp HOME and TOKENTRAY_HOME) and the CoreContext on it, for tests that call core functions directly. */
export interface CoreWorld extends TestEnv {
  ctx: CoreContext;
}

/** The SecretStore for `choice` in the world `t`. */
export function secretsFor(t: TestEnv, choice: SecretsChoice = 'memory'): SecretStore {
  if (choice === 'memory') return createMemorySecretStore(t.service);
  if (choice === 'keychain') return createKeychainStore(t.service);
  return choice;
}

/** The CoreContext of world `t`: its home, its env, `secrets`, and `now`. */
export function coreContextFor(t: TestEnv, secrets: SecretStore, now: () => Date = () => new Date()): CoreContext {
  return { home: t.tokentrayHome, secrets, env: t.env, now };
}

/** A fresh private world and its CoreContext: no built CLI, and no keychain unless asked for. */
export function createCoreWorld(options: CoreWorldOptions = {}): CoreWorld {
  const t = makeTestEnv(options.env);
  return { ...t, ctx: coreContextFor(t, secretsFor(t, options.secrets), options.now) };
}
