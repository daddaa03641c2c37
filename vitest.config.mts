import { defineConfig } from 'vitest/config';

// Tests run inside scripts/with-keychain.mjs (a private D-Bus session with gnome-keyring), against the
// built CLI in dist/ (`npm test` builds first). Each test file uses its own TOKENTRAY_HOME and keychain service.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
