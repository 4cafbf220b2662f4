import { existsSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { type TestProject } from 'vitest/node'
import { createDb } from '#db/client.ts'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '#db/embedded.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { TEMPLATE_DB, withDatabase } from './test-database.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseAdminUrl: string
  }
}

let embedded: EmbeddedDatabase | undefined

// The embedded cluster the tests start holds nothing worth keeping, so it skips the flushes that
// make a database survive a power cut: each file's clone of the template (DROP + CREATE DATABASE,
// ~85 times a run) otherwise waits on fsync of every copied file. Measured 7 December 2026 on the
// shared 2-core machine (load 4-6), 8 small db files run alternately with and without, 24 clones
// each: median 2,250 ms -> 1,040 ms per clone. `STRATEGY FILE_COPY` measured no better (1,390 ms
// with fsync, 1,030 ms without: its two checkpoints per clone cost what the WAL copy saves), so
// CREATE DATABASE keeps its default. Only for a cluster started here: a TEST_DATABASE_URL server
// keeps its own settings. If the machine itself crashes mid-run, delete .data/test-postgres.
const THROWAWAY_CLUSTER_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }

/**
 * Starts a real PostgreSQL (embedded, or TEST_DATABASE_URL's server) and migrates a template
 * database once; each test file then clones it. DATABASE_URL is never used by the tests.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL
  let privateDir: string | undefined
  if (!adminUrl) {
    // A second test run in the same checkout (another terminal, an editor) gets its own throwaway cluster.
    const shared = path.resolve('.data/test-postgres')
    privateDir = clusterInUse(shared) ? path.join(os.tmpdir(), `scp-test-postgres-${process.pid}`) : undefined
    embedded = await startEmbeddedPostgres({
      dataDir: privateDir ?? shared,
      database: 'postgres',
      settings: THROWAWAY_CLUSTER_SETTINGS,
    })
    adminUrl = embedded.url
  }
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  // The workers' clones (setup-env.ts) are of the previous run's template: drop them with it.
  const clones = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname ~ '^scp_test_[0-9]+$'`,
  )
  for (const { datname } of clones.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`)
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`)
  await admin.end()
  const db = createDb(withDatabase(adminUrl, TEMPLATE_DB), { max: 1 })
  await migrateToLatest(db)
  await db.destroy()
  project.provide('testDatabaseAdminUrl', adminUrl)
  return async () => {
    await embedded?.stop()
    if (privateDir) rmSync(privateDir, { recursive: true, force: true })
  }
}

/** Whether a PostgreSQL process still runs on this data directory. */
function clusterInUse(dataDir: string): boolean {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return false
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
