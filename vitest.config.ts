import { defineConfig } from 'vitest/config'

// Separate from vite.config.ts: the Remix plugin must not run inside vitest.
//
// Two projects. `unit` (files named *.unit.test.ts[x]) are pure: rules, merges, formatting,
// components; they get no database, so they start at once. `db` is everything else: each of its
// files gets its own clone of a migrated PostgreSQL database (tests/setup). A unit test that
// reaches for the database fails for want of DATABASE_URL, which says where it belongs.
const UNIT = '**/*.unit.test.{ts,tsx}'

export default defineConfig({
  test: {
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // The print view inlines stylesheets (`?raw`); vitest empties CSS unless told to process it.
    css: { include: [/\.css(\?raw)?$/] },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [`{core,app,db,seed,collab-server,tests}/${UNIT}`],
          env: {
            NODE_ENV: 'test',
            SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
            COLLAB_SECRET: 'test-collab-secret-that-is-long-enough-0123456789',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: [
            'core/**/*.test.ts',
            'app/**/*.test.{ts,tsx}',
            'db/**/*.test.ts',
            'seed/**/*.test.ts',
            'collab-server/**/*.test.ts',
            'tests/integration/**/*.test.ts',
            'tests/security/**/*.test.ts',
          ],
          exclude: [UNIT, '**/node_modules/**'],
          globalSetup: ['tests/setup/global-setup.ts'],
          setupFiles: ['tests/setup/setup-env.ts'],
        },
      },
    ],
  },
})
