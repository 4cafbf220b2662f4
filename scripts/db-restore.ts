import { createReadStream, promises as fs } from 'node:fs'
import { parseArgs } from 'node:util'
import { BackupError } from '#db/backup/format.ts'
import { restoreBackup } from '#db/backup/restore.ts'
import { UsageError, fromCommandLine, openPortalDatabase, runCommand } from './backup/cli.ts'

// `npm run db:restore -- <file> [--database-url url] [--replace]`: loads a backup made by
// `npm run db:backup` into an empty database, in one transaction (ADR 053, docs/backups.md).

const USAGE = `Usage: npm run db:restore -- <file> [--database-url <postgres://…>] [--replace]
  <file>           a backup made by npm run db:backup
  --database-url   the database to restore into (default DATABASE_URL, else the embedded database of npm start)
  --replace        delete everything in the target database first (refused without it when it holds data)`

async function main() {
  const { values, positionals } = parseArgs({
    options: { 'database-url': { type: 'string' }, replace: { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: true,
  })
  if (values.help) return void console.log(USAGE)
  if (positionals.length !== 1) throw new UsageError('Name one backup file to restore.')
  const file = fromCommandLine(positionals[0]!)
  const stat = await fs.stat(file).catch(() => undefined)
  if (!stat?.isFile()) throw new BackupError(`${file} does not exist or is not a file.`)
  const database = await openPortalDatabase({ databaseUrl: values['database-url'], create: true })
  try {
    // The running portal keeps what it serves in memory: restoring under it would mix old and new.
    if (database.running) {
      throw new BackupError(
        'The portal is running on this database: stop `npm start` (Ctrl-C) first, then restore; start it again afterwards.',
      )
    }
    const { header, laterMigrations } = await restoreBackup(database.url, createReadStream(file), {
      replace: values.replace ?? false,
    })
    const rows = header.tables.reduce((sum, t) => sum + t.rows, 0)
    console.log(
      `Restored ${header.tables.length} tables (${rows.toLocaleString('en')} rows) from the backup of ` +
        `${header.createdAt} into ${database.label}.`,
    )
    if (laterMigrations.length) {
      console.log(
        `Then applied ${laterMigrations.length} migration(s) newer than the backup: ${laterMigrations.join(', ')}.`,
      )
    }
  } finally {
    await database.close()
  }
}

runCommand('db:restore', USAGE, main)
