import { defineConfig } from 'vitest/config'

// `npm run test:cluster`: one file, one process; the cluster it starts is the whole fixture
// (tests/cluster/cluster.ts), so the db project's cloned databases are not used here.
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    // The renderer's unit tests run with the other pure tests (`npm run test:unit`).
    exclude: ['**/*.unit.test.ts', '**/node_modules/**'],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
