import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Logger, runMigrations } from 'graphile-worker'
import { Migrator, type Kysely, type MigrationResultSet } from 'kysely'
import { createDb, poolOf } from './client.ts'
import { migrations } from './migrations/index.ts'

// The queue's migrations log every step at info level; only its warnings and errors are worth a line.
const quietQueueLogger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') console.error(`[job queue] ${message}`)
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function createMigrator(db: Kysely<any>) {
  // A static index rather than FileMigrationProvider: its runtime import() cannot load .ts files
  // under vitest, and a missing entry is caught by db/migrations/index.test.ts.
  // Unordered: migrations written in parallel may land with an earlier timestamp than one a
  // developer's database already ran; Kysely then runs the missing one instead of refusing to start.
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true })
}

/** Applies every pending migration; throws with the failing migration's name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const result = await createMigrator(db).migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(result.error)}`)
  }
  await migrateJobQueue(db)
  return result
}

/**
 * Installs or upgrades the job queue's own schema (`graphile_worker`, ADR 060) on the same pool, so
 * that requests can add jobs in their transactions from the first one on, and the tests' template
 * database holds it. The library keeps its own migrations; the web process's runner checks them again.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function migrateJobQueue(db: Kysely<any>) {
  const pgPool = poolOf(db)
  if (!pgPool) throw new Error('migrateToLatest needs a database made by createDb (the job queue migrates on its pool)')
  await runMigrations({ pgPool, logger: quietQueueLogger })
}

async function main() {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set')
  const db = createDb(url, { max: 1 })
  try {
    const command = process.argv[2] ?? 'latest'
    const migrator = createMigrator(db)
    if (command === 'latest') {
      const { results } = await migrateToLatest(db)
      for (const r of results ?? []) console.log(`${r.status}: ${r.migrationName}`)
      if (!results?.length) console.log('Database is up to date.')
    } else if (command === 'down') {
      const { error, results } = await migrator.migrateDown()
      for (const r of results ?? []) console.log(`${r.status}: ${r.migrationName}`)
      if (error) throw error
    } else if (command === 'status') {
      for (const m of await migrator.getMigrations()) console.log(`${m.executedAt ? 'applied' : 'pending'}  ${m.name}`)
    } else {
      throw new Error(`Unknown command ${command}; use latest | down | status`)
    }
  } finally {
    await db.destroy()
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
