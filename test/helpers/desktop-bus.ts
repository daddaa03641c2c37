import { existsSync } from 'node:fs';

/** The session bus address a desktop login has and the proxy falls back to: /run/user/<uid>/bus. */
export function desktopBusPath(): string | null {
  const uid = process.getuid?.();
  return process.platform === 'linux' && uid !== undefined ? `/run/user/${uid}/bus` : null;
}

/**
 * Why a test that needs the keychain at the desktop address cannot run here, or null when it can.
 * scripts/with-keychain.mjs puts the test bus at /run/user/<uid>/bus when that address is free and
 * says TOKENTRAY_TEST_DESKTOP_BUS=0 (with the reason) when it is not; macOS and Windows need no bus.
 */
export function desktopBusProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const path = desktopBusPath();
  if (!path || env.TOKENTRAY_TEST_KEYCHAIN === 'native') return null;
  if (env.TOKENTRAY_TEST_KEYCHAIN !== 'private') return 'these tests need the test keychain: run them through `node scripts/with-keychain.mjs vitest run …`';
  if (env.TOKENTRAY_TEST_DESKTOP_BUS !== '1') {
    return `the desktop bus address is held by another session: ${env.TOKENTRAY_TEST_DESKTOP_BUS_REASON ?? `${path} is not the test bus`}`;
  }
  if (!existsSync(path)) return `the test bus should listen at ${path}, but nothing is there`;
  return null;
}

/** Throws the reason (a readable test failure) when the keychain is not at the desktop address. */
export function requireDesktopBus(): void {
  const problem = desktopBusProblem();
  if (problem) throw new Error(problem);
}
