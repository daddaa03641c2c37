import { tokentrayHome, type Env } from './paths';
import { createKeychainStore, type SecretStore } from './keychain/secret-store';
import { keychainService } from './keychain/keychain-env';

/** The handles every core function takes: where metadata lives, where secrets live, the clock. */
export interface CoreContext {
  home: string;
  secrets: SecretStore;
  env: Env;
  now: () => Date;
}

/** The context the CLI and the tray use: real keychain, real files, the process environment. */
export function createCoreContext(env: Env = process.env): CoreContext {
  return {
    home: tokentrayHome(env),
    secrets: createKeychainStore(keychainService(env)),
    env,
    now: () => new Date(),
  };
}
