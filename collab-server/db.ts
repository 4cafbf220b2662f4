// The collab-server's database handle. Same as `createDb` (#db/client.ts, whose import also installs
// the type parsers), plus one guard: a pooled client that is checked out (inside a transaction,
// between two statements) has no 'error' listener in pg-pool, so a database restart would emit an
// unhandled 'error' and kill the process. Here every client gets a listener for its whole life;
// the failed statement still rejects and the caller retries.
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import '#db/client.ts' // installs the pg type parsers (int8 → number, date → string)
import { type Db } from '#db/client.ts'
import { type DB } from '#db/types.ts'

/** A Kysely over its own pool that survives PostgreSQL restarts; the caller owns `destroy()`. */
export function createCollabDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5_000 })
  pool.on('error', () => {})
  pool.on('connect', (client) => client.on('error', () => {}))
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
}
