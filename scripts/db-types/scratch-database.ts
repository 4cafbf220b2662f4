import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createDb } from '#db/client.ts'
import { startEmbeddedPostgres } from '#db/embedded.ts'
import { migrateToLatest } from '#db/migrate.ts'

/**
 * Runs `work` against a new database holding every migration, then drops it. The server is found the
 * way the tests find theirs (tests/setup/global-setup.ts): TEST_DATABASE_URL's server, else a
 * throwaway embedded PostgreSQL. DATABASE_URL is never touched: the schema comes from the
 * migrations alone, not from whatever a developer's database holds.
 */
export async function withMigratedScratchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const server = await startServer()
  const name = `scp_db_types_${process.pid}`
  try {
    await admin(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin(server.adminUrl, `CREATE DATABASE ${name}`)
    try {
      const url = withDatabase(server.adminUrl, name)
      const db = createDb(url, { max: 1 })
      try {
        await migrateToLatest(db)
      } finally {
        await db.destroy()
      }
      return await work(url)
    } finally {
      await admin(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  } finally {
    await server.stop()
  }
}

async function startServer(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const configured = process.env.TEST_DATABASE_URL
  if (configured) return { adminUrl: configured, stop: async () => {} }
  // A cluster of its own, so that a test run or another check in this checkout is never in the way.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'scp-db-types-'))
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), database: 'postgres' })
  return {
    adminUrl: embedded.url,
    stop: async () => {
      await embedded.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function admin(adminUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
