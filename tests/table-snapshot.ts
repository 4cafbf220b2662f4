import pg from 'pg'
import { afterAll } from 'vitest'

// Loading the demo takes seconds (two whole plans, written through the portal's own rules), and
// the test set-up empties every table before each test (tests/setup/setup-env.ts), so a file whose
// tests all start from the demo loaded it once per test. Such a file now loads it once: the rows
// are copied into a schema of their own, and before each later test the tables get exactly those
// rows back, with triggers off (the load already ran them) and the sequences where the load left
// them. Each test still starts from what the load wrote, ids included, and nothing else.

const SNAPSHOT = 'test_snapshot'

interface Snapshot {
  tables: string[]
  sequences: { name: string; lastValue: string | null }[]
}

/**
 * Returns a function for `beforeEach`: its first call runs `load` and keeps a copy of the rows it
 * wrote; later calls put those rows back instead of loading again. Both return what `load` returned.
 * Without superuser rights (triggers cannot be switched off) every call simply runs `load`.
 */
export function loadOncePerFile<T>(load: () => Promise<T>): () => Promise<T> {
  let client: pg.Client | undefined
  let loaded: { value: T; snapshot: Snapshot | null } | undefined
  afterAll(async () => {
    await client?.end()
  })
  return async () => {
    client ??= await connect()
    if (loaded?.snapshot) {
      await restore(client, loaded.snapshot)
      return loaded.value
    }
    const value = await load()
    loaded = { value, snapshot: (await isSuperuser(client)) ? await take(client) : null }
    return value
  }
}

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  return client
}

async function isSuperuser(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ on: boolean }>(`SELECT current_setting('is_superuser') = 'on' AS on`)
  return rows[0]!.on
}

async function take(client: pg.Client): Promise<Snapshot> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%'`,
  )
  const { rows: sequences } = await client.query<{ name: string; lastValue: string | null }>(
    `SELECT sequencename AS name, last_value::text AS "lastValue" FROM pg_sequences WHERE schemaname = 'public'`,
  )
  await client.query(`DROP SCHEMA IF EXISTS ${SNAPSHOT} CASCADE; CREATE SCHEMA ${SNAPSHOT}`)
  for (const { name } of tables) await client.query(`CREATE TABLE ${SNAPSHOT}."${name}" AS TABLE public."${name}"`)
  return { tables: tables.map((t) => t.name), sequences }
}

async function restore(client: pg.Client, snapshot: Snapshot): Promise<void> {
  // DELETE rather than TRUNCATE: the set-up has normally emptied the tables already, and deleting
  // from an empty table costs nothing where TRUNCATE makes new files for each table and index.
  const statements = [
    'BEGIN',
    'SET LOCAL session_replication_role = replica',
    ...snapshot.tables.map((t) => `DELETE FROM public."${t}"`),
    ...snapshot.tables.map((t) => `INSERT INTO public."${t}" SELECT * FROM ${SNAPSHOT}."${t}"`),
    ...snapshot.sequences.map(({ name, lastValue }) =>
      lastValue === null
        ? `SELECT setval('public."${name}"', 1, false)`
        : `SELECT setval('public."${name}"', ${lastValue})`,
    ),
    'COMMIT',
  ]
  try {
    await client.query(statements.join(';\n'))
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
}
