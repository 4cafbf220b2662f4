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
export function createDb(
  connectionString: string,
  options: {
    max?: number
    /** Names the connections to PostgreSQL; a collab-server instance recognises its own writes by it. */
    applicationName?: string
  } = {},
): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  })
  // A client losing its connection (database restart), idle or checked out, must not crash the
  // process: the query in flight fails and the pool replaces the client.
  pool.on('error', () => {})
  pool.on('connect', (client) => client.on('error', () => {}))
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  pools.set(db, pool)
  return db
}

const pools = new WeakMap<object, pg.Pool>()

/** The pg pool under a Kysely instance made by createDb (the job queue's migrations run on it). */
export function poolOf(db: object): pg.Pool | undefined {
  return pools.get(db)
}
