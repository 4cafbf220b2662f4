import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { type DB } from './types.ts'

// DATE columns stay 'YYYY-MM-DD' strings: converting them to JS Dates would shift days across time zones.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)
// int8 (bigserial ids, counts) fits in a JS number for any volume this portal will hold.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v))

export type Db = Kysely<DB>

/** Creates a Kysely instance over its own pg pool; the caller owns `destroy()`. */
export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5_000 })
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {})
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
}
