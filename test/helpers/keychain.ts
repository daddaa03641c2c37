import { spawnSync } from 'node:child_process';

/** Reads a secret straight from the Secret Service with libsecret's own tool, bypassing our code. */
export function secretToolLookup(service: string, account: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const result = spawnSync('secret-tool', ['lookup', 'service', service, 'account', account], { env, encoding: 'utf8' });
  return result.status === 0 ? result.stdout : null;
}

/** Whether this process can reach a private test keychain (scripts/with-keychain.mjs sets it up). */
export function haveTestKeychain(): boolean {
  return process.env.TOKENTRAY_TEST_KEYCHAIN === 'private' || process.env.TOKENTRAY_TEST_KEYCHAIN === 'native';
}
