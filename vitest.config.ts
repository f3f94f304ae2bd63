import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Data keys of the tests go to a temporary config folder, never to the user's keyring.
    setupFiles: ['test/keys-setup.ts'],
    // Two cores on CI: forks keep native better-sqlite3 and child processes isolated.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
