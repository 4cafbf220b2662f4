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
    // `threads` (the unit project) without isolation: a worker runs its files one after another in
    // one module graph instead of a fresh one per file, so React, Lexical and Yjs are imported once
    // per worker. Said here and not in the project: vitest 3 reuses a worker or not from the root
    // pool options only. `forks` (the db project) keeps a process per file (ADR 049).
    poolOptions: { forks: { maxForks: 2, minForks: 1 }, threads: { maxThreads: 2, minThreads: 1, isolate: false } },
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
          // Without isolation (above): 41 files, 24 s -> 11 s on a quiet machine. Safe because
          // these files share nothing that outlives them: none fakes timers, stubs globals or env,
          // mocks a module or changes a module's state (i18n instances are made per test by
          // createServerInstance); the files that start HTTP servers, worker threads (render-pool)
          // or processes (supervisor) stop them in afterEach. Checked 7 December 2026: 620/620 in
          // seven runs (forks and threads), two under --sequence.shuffle.
          pool: 'threads',
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
