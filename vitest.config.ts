import { defineConfig } from 'vitest/config'

// Separate from vite.config.ts: the Remix plugin must not run inside vitest.
export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'app/**/*.test.{ts,tsx}',
      'db/**/*.test.ts',
      'seed/**/*.test.ts',
      'collab-server/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/security/**/*.test.ts',
    ],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/setup-env.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // The print view inlines stylesheets (`?raw`); vitest empties CSS unless told to process it.
    css: { include: [/\.css(\?raw)?$/] },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
