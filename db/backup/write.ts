import { type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { countRows, listAppliedMigrations, listColumns, listSequences, listTables, quote } from './catalog.ts'
import {
  BackupError,
  FILE_END,
  FORMAT_VERSION,
  MAGIC,
  TABLE_END,
  TABLE_PREFIX,
  headerSchema,
  type BackupHeader,
} from './format.ts'

export interface BackupSummary {
  header: BackupHeader
}

/**
 * Writes a backup of the portal's database into `output` (gzip-compressed, see format.ts) and
 * ends it. Everything is read in one REPEATABLE READ, read-only transaction, so the backup is one
 * consistent moment of a live portal (as pg_dump does); rows stream from COPY to the output and
 * are never all in memory. Throws BackupError when there is nothing a restore could use.
 */
export async function writeBackup(connectionString: string, output: Writable): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString, application_name: 'scp-backup' })
  client.on('error', () => {}) // a lost connection fails the query in flight, which is reported
  await client.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const header = await readHeader(client)
    await pipeline(contents(client, header), createGzip(), output)
    await client.query('COMMIT')
    return { header }
  } finally {
    // On a failure the transaction (read-only) ends with the connection, even in the middle of a COPY.
    await client.end().catch(() => {})
  }
}

async function readHeader(client: pg.Client): Promise<BackupHeader> {
  const migrations = await listAppliedMigrations(client)
  if (!migrations) {
    throw new BackupError('This database has no portal tables (no migration has ever run on it): nothing to back up.')
  }
  const names = await listTables(client)
  // As pg_dump does: no migration (or other DDL) may change a table between its count and its copy.
  if (names.length) await client.query(`LOCK TABLE ${names.map(quote).join(', ')} IN ACCESS SHARE MODE`)
  const tables = []
  for (const name of names) {
    tables.push({ name, columns: await listColumns(client, name), rows: await countRows(client, name) })
  }
  const sequences = (await listSequences(client)).map(({ name, lastValue, isCalled }) => ({
    name,
    lastValue,
    isCalled,
  }))
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version')
  const parsed = headerSchema.safeParse({
    createdAt: new Date().toISOString(),
    serverVersion: rows[0]!.server_version,
    migrations,
    tables,
    sequences,
  })
  // Checked on the way out too: a backup that its own restore would refuse must fail now, not on the day it is needed.
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new BackupError(`This database cannot be backed up: ${issue.path.join('.')}: ${issue.message}.`)
  }
  return parsed.data
}

async function* contents(client: pg.Client, header: BackupHeader): AsyncGenerator<string | Buffer> {
  yield `${MAGIC} ${FORMAT_VERSION}\n${JSON.stringify(header)}\n`
  for (const table of header.tables) {
    yield `${TABLE_PREFIX}${table.name}\n`
    const copy = client.query(copyTo(`COPY ${quote(table.name)} (${table.columns.map(quote).join(', ')}) TO STDOUT`))
    for await (const chunk of copy) yield chunk as Buffer
    // Same snapshot as the count, so they agree; a difference means this code misreads COPY.
    if (copy.rowCount !== table.rows) {
      throw new Error(`Table ${table.name}: counted ${table.rows} rows but copied ${copy.rowCount}.`)
    }
    yield `${TABLE_END}\n`
  }
  yield `${FILE_END}\n`
}
