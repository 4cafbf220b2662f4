import { execFile } from 'node:child_process'
import { existsSync, promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { getDb } from '#app/utils/db.server.ts'
import { withDatabase } from '#tests/setup/test-database.ts'
import { createPlan, createUser } from '#tests/factories/index.ts'

// `npm run db:backup` and `npm run db:restore` as an operator runs them: real processes, their
// exit codes and what they print. What a restore brings back is db/backup/backup.test.ts's job.

const adminUrl = inject('testDatabaseAdminUrl')
const targetName = `scp_restore_${process.env.VITEST_POOL_ID ?? '0'}_cli`
const target = withDatabase(adminUrl, targetName)
let dir: string

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs one of the two commands the way `npm run` does (tsx), from the project root. */
function run(script: 'db-backup' | 'db-restore', args: string[], databaseUrl?: string): Promise<Run> {
  // Relative paths are taken from INIT_CWD, the folder `npm run` was typed in.
  const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: dir }
  delete env.DATABASE_URL
  if (databaseUrl) env.DATABASE_URL = databaseUrl
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    )
  })
}

/** A failure is told in a line or two, never with a stack trace. */
function expectPlainFailure(result: Run, code: number, message: RegExp) {
  expect(result.code).toBe(code)
  expect(result.stderr).toMatch(message)
  expect(result.stderr).not.toMatch(/^\s+at /m)
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'scp-backup-cli-'))
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${targetName} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${targetName}`)
  await admin.end()
})

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${targetName} WITH (FORCE)`)
  await admin.end()
  await fs.rm(dir, { recursive: true, force: true })
})

test('backs up DATABASE_URL to a private file and restores it into an empty database, once', async () => {
  const lead = await createUser(getDb())
  await createPlan(getDb(), lead.id, { title: 'Plan kept in the backup' })

  const backup = await run('db-backup', ['--out', 'portal.backup.gz'], process.env.DATABASE_URL)
  expect(backup.stderr).toBe('')
  expect(backup.stdout).toMatch(/^Backed up \d+ tables \(\d+ rows\) of database scp_test_\d+ on 127\.0\.0\.1:\d+ to /)
  const file = path.join(dir, 'portal.backup.gz')
  expect((await fs.stat(file)).mode & 0o777).toBe(0o600)
  expect(existsSync(`${file}.partial`)).toBe(false)

  const again = await run('db-backup', ['--out', file], process.env.DATABASE_URL)
  expectPlainFailure(again, 1, /^db:backup: .*portal\.backup\.gz already exists/)

  const restore = await run('db-restore', [file, '--database-url', target])
  expect(restore.stderr).toBe('')
  expect(restore.stdout).toMatch(/^Restored \d+ tables \(\d+ rows\) from the backup of .* into database scp_restore_/)
  const client = new pg.Client({ connectionString: target })
  await client.connect()
  const { rows } = await client.query<{ title: string }>('SELECT title FROM plans')
  await client.end()
  expect(rows).toEqual([{ title: 'Plan kept in the backup' }])

  const twice = await run('db-restore', [file, '--database-url', target])
  expectPlainFailure(twice, 1, /^db:restore: The target database already holds data \(table \w+ has rows\)/)
})

test('says what is wrong with the command line, the file or the database, in one line', async () => {
  expectPlainFailure(await run('db-restore', []), 2, /^db:restore: Name one backup file to restore\.\nUsage: /)
  expectPlainFailure(await run('db-backup', ['--bogus']), 2, /^db:backup: Unknown option '--bogus'/)
  expectPlainFailure(
    await run('db-restore', ['missing.backup.gz', '--database-url', target]),
    1,
    /^db:restore: .*missing\.backup\.gz does not exist or is not a file\.\n$/,
  )
  await fs.writeFile(path.join(dir, 'notes.txt'), 'not a backup')
  expectPlainFailure(
    await run('db-restore', ['notes.txt', '--database-url', target]),
    1,
    /^db:restore: The file is not a complete portal backup \(gzip: incorrect header check\)/,
  )
  // Port 1 on loopback: nothing listens there.
  expectPlainFailure(
    await run('db-backup', ['--database-url', 'postgres://nobody:secret@127.0.0.1:1/none']),
    1,
    /^db:backup: Could not reach the database \(ECONNREFUSED/,
  )
  expectPlainFailure(await run('db-backup', ['--database-url', 'mysql://x@y/z']), 1, /must start with postgres:\/\//)
})
