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
          // A worker runs its files one after another in one module graph instead of a fresh
          // process per file: no file re-imports React, Lexical or Yjs (41 files, 24 s -> 11 s).
          // Safe because these files share nothing that outlives them: none fakes timers, stubs
          // globals or env, mocks a module or changes a module's state (i18n instances are made per
          // test by createServerInstance); the files that start HTTP servers, worker threads
          // (render-pool) or processes (supervisor) stop them in afterEach. Checked 7 December
          // 2026 with three runs, one under --sequence.shuffle.
          isolate: false,
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
