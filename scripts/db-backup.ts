import { createWriteStream, existsSync, promises as fs } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { BackupError } from '#db/backup/format.ts'
import { writeBackup } from '#db/backup/write.ts'
import { fromCommandLine, openPortalDatabase, root, runCommand } from './backup/cli.ts'

// `npm run db:backup -- [--out file] [--database-url url]`: one consistent, compressed backup of
// the portal's database, restorable with `npm run db:restore` (ADR 053, docs/backups.md).

const USAGE = `Usage: npm run db:backup -- [--out <file>] [--database-url <postgres://…>]
  --out            where to write (default .data/backups/scp-<UTC time>.backup.gz); never overwrites
  --database-url   the database to back up (default DATABASE_URL, else the embedded database of npm start)`

async function main() {
  const { values } = parseArgs({
    options: { out: { type: 'string', short: 'o' }, 'database-url': { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: false,
  })
  if (values.help) return void console.log(USAGE)
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-')
  const file = values.out ? fromCommandLine(values.out) : path.join(root, '.data', 'backups', `scp-${stamp}Z.backup.gz`)
  if (existsSync(file))
    throw new BackupError(`${file} already exists: choose another --out (a backup never overwrites).`)
  const database = await openPortalDatabase({ databaseUrl: values['database-url'], create: false })
  // Written under another name and renamed when complete: a file with the final name is a whole backup.
  const partial = `${file}.partial`
  try {
    // Holds password hashes and sessions: readable by its owner only.
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
    await fs.rm(partial, { force: true }) // left by a backup that was killed
    const { header } = await writeBackup(database.url, createWriteStream(partial, { mode: 0o600 }))
    await fs.rename(partial, file)
    const rows = header.tables.reduce((sum, t) => sum + t.rows, 0)
    const { size } = await fs.stat(file)
    console.log(
      `Backed up ${header.tables.length} tables (${rows.toLocaleString('en')} rows) of ${database.label} ` +
        `to ${file} (${(size / 1024).toFixed(0)} KiB, ${header.migrations.length} migrations applied).`,
    )
  } catch (error) {
    await fs.rm(partial, { force: true })
    throw error
  } finally {
    await database.close()
  }
}

runCommand('db:backup', USAGE, main)
