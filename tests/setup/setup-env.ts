import pg from 'pg'
import { afterAll, beforeEach, inject } from 'vitest'
import { closeDb } from '#app/utils/db.server.ts'
import { stopPlanEvents } from '#app/utils/plan-events.server.ts'
import { TEMPLATE_DB, withDatabase } from './test-database.ts'

// Each test file gets a fresh clone of the migrated template (dropping the previous one also ends
// any connection an earlier file left open). Every test starts on empty tables, but the tables are
// emptied only when the previous test left something: a TRUNCATE of every table costs tens of
// milliseconds, and most tests (permissions, wording, merges) never touch the database.
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

// The process-wide connections the app opens on first use (getDb's pool, the plan-events LISTEN
// connection) are closed after the file's own afterAll hooks. With a process per file (today) that
// only ends them cleanly; it is also a step towards a db project without isolation (ADR 049).
afterAll(async () => {
  await stopPlanEvents()
  await closeDb()
  await tables.end()
})
