import pg from 'pg'
import { afterAll, beforeEach, inject } from 'vitest'
import { TEMPLATE_DB, withDatabase } from './global-setup.ts'

// Each test worker gets its own clone of the migrated template, made by the first file it runs
// (the global setup drops the clones of earlier runs). Every test starts on empty tables, but the
// tables are emptied only when the previous test left something: a TRUNCATE of every table costs
// tens of milliseconds, and most tests (permissions, wording, merges) never touch the database.
const adminUrl = inject('testDatabaseAdminUrl')
const dbName = `scp_test_${process.env.VITEST_POOL_ID ?? '0'}`
const admin = new pg.Client({ connectionString: adminUrl })
await admin.connect()
const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])
if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${TEMPLATE_DB}`)
// Connections an earlier file of this worker left open (a pool never destroyed, a server a test
// started) would pile up until PostgreSQL refuses new ones: end them, as dropping the database did.
else await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName])
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
const names = rows.map((r) => `"${r.tablename}"`)
const truncate = names.length ? `TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE` : null
// Rows in any table, or a sequence that has been used (TRUNCATE ... RESTART IDENTITY resets it to unused).
const dirty = names.length
  ? `SELECT ${names.map((n) => `EXISTS (SELECT 1 FROM ${n})`).join(' OR ')}
       OR EXISTS (SELECT 1 FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL) AS dirty`
  : null

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
  if (!truncate || !dirty) return
  const { rows: state } = await tables.query<{ dirty: boolean }>(dirty)
  if (state[0]!.dirty) await emptyTables()
})

afterAll(async () => {
  await tables.end()
})
