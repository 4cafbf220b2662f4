import { once } from 'node:events'
import { type Readable } from 'node:stream'
import { finished } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams'
import { migrations as knownMigrations } from '../migrations/index.ts'
import {
  countOtherConnections,
  countRows,
  dropPortalObjects,
  firstTableWithRows,
  listColumns,
  listSequences,
  listTables,
  quote,
} from './catalog.ts'
import { BackupError, type BackupHeader } from './format.ts'
import { migrateInTransaction } from './migrate-in-transaction.ts'
import { BackupReader, type RowSink } from './read.ts'

export interface RestoreSummary {
  header: BackupHeader
  /** Migrations this code has and the backup had not, applied after its rows were loaded. */
  laterMigrations: string[]
}

/**
 * Restores a backup (format.ts) into the database at `connectionString`, all in one transaction:
 * if anything fails (a damaged file, a refused row, a lost connection) nothing is left behind.
 *
 * 1. The header is read and checked before the database is touched.
 * 2. The target must hold no rows, unless `replace`; either way its portal objects are dropped.
 * 3. The backup's own migrations rebuild the schema the rows were taken from, which must match.
 * 4. Rows are loaded with triggers off (they would re-derive summaries the backup already holds
 *    and send notifications), sequences carry on from where they were, counts are compared.
 * 5. Migrations this code has and the backup had not then bring the data up to date.
 */
export async function restoreBackup(
  connectionString: string,
  input: Readable,
  options: { replace?: boolean } = {},
): Promise<RestoreSummary> {
  try {
    const reader = new BackupReader(input)
    const header = await reader.readHeader()
    const unknown = header.migrations.filter((name) => !Object.hasOwn(knownMigrations, name))
    if (unknown.length) {
      throw new BackupError(
        `The backup was made by a newer version of the portal: this code does not know its migration ${unknown[0]}` +
          `${unknown.length > 1 ? ` (and ${unknown.length - 1} more)` : ''}. Restore it with that version or a later one.`,
      )
    }
    const client = new pg.Client({ connectionString, application_name: 'scp-restore' })
    client.on('error', () => {}) // a lost connection fails the query in flight, which is reported
    await client.connect()
    try {
      await client.query('BEGIN')
      const laterMigrations = await restoreInTransaction(client, reader, header, options.replace ?? false)
      await client.query('COMMIT')
      return { header, laterMigrations }
    } catch (error) {
      // Bounded: if the connection is stuck, closing it below rolls back just the same.
      const timeout = new Promise((resolve) => setTimeout(resolve, 5_000).unref())
      await Promise.race([client.query('ROLLBACK'), timeout]).catch(() => {})
      throw error
    } finally {
      await client.end().catch(() => {})
    }
  } finally {
    input.destroy() // a refused restore stops reading the file
  }
}

async function restoreInTransaction(
  client: pg.Client,
  reader: BackupReader,
  header: BackupHeader,
  replace: boolean,
): Promise<string[]> {
  await clearTarget(client, replace)
  await migrateInTransaction(client, Object.fromEntries(header.migrations.map((n) => [n, knownMigrations[n]!])))
  await checkSchema(client, header)
  await disableTriggers(client)
  // A migration may insert reference rows; the backup's own rows replace them.
  if (header.tables.length) await client.query(`TRUNCATE ${header.tables.map((t) => quote(t.name)).join(', ')}`)
  for (const table of header.tables) await loadTable(client, reader, table)
  await reader.readEnd()
  for (const table of header.tables) {
    const rows = await countRows(client, table.name)
    if (rows !== table.rows) throw new Error(`Table ${table.name}: loaded ${rows} rows, the backup has ${table.rows}.`)
  }
  await restoreSequences(client, header)
  await client.query('SET LOCAL session_replication_role = origin')
  return migrateInTransaction(client, knownMigrations)
}

/** Refuses a target that holds rows (unless replacing), then drops what the migrations will create. */
async function clearTarget(client: pg.Client, replace: boolean): Promise<void> {
  const tables = await listTables(client)
  const refuse = (table: string) =>
    new BackupError(
      `The target database already holds data (table ${table} has rows), so nothing was restored. ` +
        'Restore into an empty database, or add --replace to delete everything in it first.',
    )
  const withRows = await firstTableWithRows(client, tables)
  if (withRows && !replace) throw refuse(withRows)
  // A web or collab-server process still running would keep serving (and writing back) what it
  // holds in memory from the data being replaced. Checked before locking, which would wait for them.
  const others = withRows ? await countOtherConnections(client) : 0
  if (others > 0) {
    throw new BackupError(
      `${others} other connection${others > 1 ? 's are' : ' is'} open on the target database (is the portal still ` +
        'running?), so nothing was replaced. Stop its web and collab-server processes, then restore again.',
    )
  }
  // Held to the end: from here nothing can write a row that the drop would take away unseen.
  if (tables.length) await client.query(`LOCK TABLE ${tables.map(quote).join(', ')} IN ACCESS EXCLUSIVE MODE`)
  const arrived = replace ? undefined : await firstTableWithRows(client, tables)
  if (arrived) throw refuse(arrived)
  await dropPortalObjects(client)
}

/** The backup's migrations must give the tables and columns the backup has, no more and no fewer. */
async function checkSchema(client: pg.Client, header: BackupHeader): Promise<void> {
  const mismatch = (what: string) =>
    new BackupError(
      `The backup does not match the schema its migrations create (${what}): it cannot be restored as it is.`,
    )
  const tables = await listTables(client)
  const expected = header.tables.map((t) => t.name)
  const missing = expected.find((name) => !tables.includes(name))
  if (missing) throw mismatch(`no table ${missing}`)
  const extra = tables.find((name) => !expected.includes(name))
  if (extra) throw mismatch(`the backup has no table ${extra}`)
  for (const table of header.tables) {
    const columns = await listColumns(client, table.name)
    const differs = [...columns, ...table.columns].find((c) => !columns.includes(c) || !table.columns.includes(c))
    if (differs || columns.length !== table.columns.length) throw mismatch(`columns of ${table.name}: ${differs}`)
  }
  const sequences = (await listSequences(client)).map((s) => s.name)
  const names = header.sequences.map((s) => s.name)
  const differs = [...sequences, ...names].find((name) => !sequences.includes(name) || !names.includes(name))
  if (differs) throw mismatch(`sequence ${differs}`)
}

/**
 * Replica mode turns off user triggers and foreign-key checks for this transaction only (what
 * pg_restore --disable-triggers does): tables load in any order, derived tables keep the backup's
 * rows, and the collab-server hears no NOTIFY for rows that are not news.
 */
async function disableTriggers(client: pg.Client): Promise<void> {
  try {
    await client.query('SET LOCAL session_replication_role = replica')
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error
    throw new BackupError(
      'Restoring needs a PostgreSQL role allowed to set session_replication_role (a superuser, or on PostgreSQL 15 ' +
        'and later one granted SET on it), so that triggers stay off while rows are loaded. Use such a role in the URL.',
    )
  }
}

async function loadTable(client: pg.Client, reader: BackupReader, table: BackupHeader['tables'][number]) {
  const copy = client.query(copyFrom(`COPY ${quote(table.name)} (${table.columns.map(quote).join(', ')}) FROM STDIN`))
  const sink = copySink(copy)
  try {
    await reader.readTableInto(table, sink)
  } catch (error) {
    sink.abort(error instanceof Error ? error : new Error(String(error)))
    if (error instanceof BackupError) throw error
    throw new BackupError(`Table ${table.name} could not be loaded: ${String(error)}`)
  }
  if (copy.rowCount !== table.rows)
    throw new Error(`Table ${table.name}: COPY stored ${copy.rowCount} rows of ${table.rows}.`)
}

/**
 * Writes with backpressure. PostgreSQL refusing a row is emitted as 'error' at any moment (not
 * through destroy(), so neither `errored` nor a later finished() would see it): it is kept here
 * and rejects the next write or the end.
 */
function copySink(copy: CopyStreamQuery): RowSink & { abort(error: Error): void } {
  let failure: Error | undefined
  const failed = new Promise<never>((_, reject) => {
    copy.on('error', (error: Error) => {
      failure ??= error
      reject(error)
    })
  })
  failed.catch(() => {})
  return {
    async write(chunk) {
      if (failure) throw failure
      if (!copy.write(chunk)) await Promise.race([once(copy, 'drain'), failed])
    },
    async end() {
      if (failure) throw failure
      copy.end()
      await Promise.race([finished(copy), failed])
    },
    /** Ends a COPY the file broke off (CopyFail), so that the connection can roll back. */
    abort(error) {
      // A COPY that PostgreSQL has ended is over already (and pg-copy-streams has let go of the connection).
      if (!failure) copy.destroy(error)
    },
  }
}

/**
 * Each sequence goes back to where it stood, not to its column's highest value + 1: compaction
 * deletes the rows at the top of the update log, whose numbers a document's `last_seq` still
 * names, and handing them out again would break "a later row has a higher seq" for anyone who
 * remembers the last one seen. An owned sequence still never stays below its column's highest value.
 */
async function restoreSequences(client: pg.Client, header: BackupHeader): Promise<void> {
  const owners = new Map((await listSequences(client)).map((s) => [s.name, s.owner]))
  for (const sequence of header.sequences) {
    await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
      quote(sequence.name),
      sequence.lastValue,
      sequence.isCalled,
    ])
    const owner = owners.get(sequence.name)
    if (!owner) continue
    await client.query(
      `SELECT setval($1::regclass, top, true)
         FROM (SELECT max(${quote(owner.column)}) AS top FROM ${quote(owner.table)}) rows_,
              (SELECT last_value, is_called FROM ${quote(sequence.name)}) seq_
        WHERE top IS NOT NULL AND top >= last_value + CASE WHEN is_called THEN 1 ELSE 0 END`,
      [quote(sequence.name)],
    )
  }
}
