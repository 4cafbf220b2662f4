import { Kysely, Migrator, PostgresDialect, type Migration } from 'kysely'
import type pg from 'pg'

/**
 * Runs the given migrations on `client` inside the transaction the caller has open, so that the
 * schema a restore builds is undone with everything else if the restore fails. Kysely's Migrator
 * normally opens its own transaction; here it gets a "pool" that is this one connection and is
 * told not to (`disableTransactions`). Returns the names it applied, in order.
 */
export async function migrateInTransaction(
  client: pg.ClientBase,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against Kysely<any>
  const db = new Kysely<any>({
    dialect: new PostgresDialect({
      pool: {
        connect: async () => ({ query: client.query.bind(client), release: () => {} }),
        end: async () => {},
      },
    }),
  })
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
    disableTransactions: true,
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) {
    const failed = results.find((r) => r.status === 'Error')
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`)
  }
  return results.map((r) => r.migrationName)
}
