import pg from 'pg'
import { afterAll, beforeEach, inject } from 'vitest'
import { TEMPLATE_DB, withDatabase } from './global-setup.ts'

// Each test file gets a fresh clone of the migrated template; tables are emptied before each test.
const adminUrl = inject('testDatabaseAdminUrl')
const dbName = `scp_test_${process.env.VITEST_POOL_ID ?? '0'}`
const admin = new pg.Client({ connectionString: adminUrl })
await admin.connect()
await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${TEMPLATE_DB}`)
await admin.end()

process.env.NODE_ENV = 'test'
process.env.DATABASE_URL = withDatabase(adminUrl, dbName)
process.env.SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789'
process.env.COLLAB_SECRET = 'test-collab-secret-that-is-long-enough-0123456789'

const tables = new pg.Client({ connectionString: process.env.DATABASE_URL })
await tables.connect()
const { rows } = await tables.query<{ tablename: string }>(
  `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%'`,
)
const truncate = rows.length ? `TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE` : null

// A write the previous test left in flight (a collab-server flush or compaction finishing after
// its test, a summary trigger) can take its row locks in the other order than TRUNCATE takes its
// table locks; PostgreSQL then aborts one side as a deadlock. The write is stale by then: retry.
async function emptyTables(attempt = 1): Promise<void> {
  try {
    await tables.query(truncate!)
  } catch (error) {
    if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt))
    return emptyTables(attempt + 1)
  }
}

beforeEach(async () => {
  if (truncate) await emptyTables()
})

afterAll(async () => {
  await tables.end()
})
