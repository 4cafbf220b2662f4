import { defineConfig } from 'vitest/config'

// `npm run test:cluster`: one file, one process; the cluster it starts is the whole fixture
// (tests/cluster/cluster.ts), so the db project's cloned databases are not used here.
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
