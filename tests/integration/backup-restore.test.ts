import { createReadStream, createWriteStream, promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { gunzipSync, gzipSync } from 'node:zlib'
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import * as Y from 'yjs'
import { buildAndRender } from '#collab/render.ts'
import { readStoredDocument } from '#core/collab/read-document.ts'
import { bindHeadless } from '#core/editor/headless.ts'
import { createDb, type Db } from '#db/client.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import { seedDemo } from '#seed/demo.ts'
import { appendNotesSentence } from '#tests/collab-notes.ts'
import { withDatabase } from '#tests/setup/test-database.ts'
import { BackupError } from '#db/backup/format.ts'
import { migrateInTransaction } from '#db/backup/migrate-in-transaction.ts'
import { restoreBackup } from '#db/backup/restore.ts'
import { writeBackup } from '#db/backup/write.ts'
import { migrations } from '#db/migrations/index.ts'

// A backup of a portal with the demo plans and co-edited documents (snapshot and log rows) is
// restored into new, empty databases on the same server and compared with what was backed up.
// The source clone is emptied before each test (setup-env.ts), so what it held is measured once.

const adminUrl = inject('testDatabaseAdminUrl')
const pool = process.env.VITEST_POOL_ID ?? '0'
const created: string[] = []
let dir: string
let backupFile: string
let before: Awaited<ReturnType<typeof measure>>

/** A new, empty database on the test server (dropped after the file). */
async function freshDatabase(label: string): Promise<string> {
  const name = `scp_restore_${pool}_${label}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  created.push(name)
  return withDatabase(adminUrl, name)
}

/** Each table's row count and a digest of all its rows; the plans; the documents' text; the migrations. */
async function measure(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )
    const digests: Record<string, { rows: number; md5: string }> = {}
    for (const { name } of tables.filter((t) => !t.name.startsWith('kysely_'))) {
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
      )
      digests[name] = rows[0]!
    }
    const plans = (await client.query(`SELECT * FROM plans ORDER BY id`)).rows
    const migrationsRun = (await client.query<{ name: string }>(`SELECT name FROM kysely_migration ORDER BY name`)).rows
    const db = createDb(url, { max: 1 })
    const texts: Record<string, string> = {}
    for (const { name } of (await client.query<{ name: string }>(`SELECT name FROM collab_documents`)).rows) {
      const stored = (await CollabDocumentRepository.findForLoad(db, name))!
      // buildAndRender reads through readStoredDocument: snapshot first, then every log row.
      texts[name] = buildAndRender(stored, (bad) => {
        throw new Error(`unreadable log row ${bad.seq}`)
      }).plainText
    }
    await db.destroy()
    return { digests, plans, texts, migrations: migrationsRun.map((m) => m.name) }
  } finally {
    await client.end()
  }
}

async function tableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
  )
  await client.end()
  return rows[0]!.n
}

/** Waits until the server has ended every session on the database (closing a client does not wait for that). */
async function untilNoSessions(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const database = new URL(url).pathname.slice(1)
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`,
        [database],
      )
      if (rows[0]!.n === 0) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error(`sessions on ${database} did not end`)
  } finally {
    await admin.end()
  }
}

/** Writes a paragraph into a stored document the way a client that loaded it would: as log rows. */
async function appendToStored(db: Db, name: string, sentence: string) {
  const doc = new Y.Doc()
  const headless = bindHeadless(doc)
  readStoredDocument((await CollabDocumentRepository.findForLoad(db, name))!, {
    into: doc,
    onUnreadableUpdate: () => {},
  })
  headless.editor.update(() => {}, { discrete: true })
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  headless.editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode(sentence))), {
    discrete: true,
  })
  headless.dispose()
  await CollabDocumentRepository.appendUpdates(
    db,
    updates.map((update) => ({ docName: name, update })),
  )
}

const restoreFrom = (url: string, bytes: Buffer, options = {}) => restoreBackup(url, Readable.from([bytes]), options)

beforeAll(async () => {
  const source = process.env.DATABASE_URL!
  const db = createDb(source, { max: 2 })
  const ids = await seedDemo(db, 'not-a-real-hash')
  const palmOil = ids.plans['palm-oil']!
  // Notes of 1.1: written, compacted into the snapshot, then written again (snapshot + log rows).
  const notes = await appendNotesSentence(db, palmOil, '1.1', 'Estates hire casual workers for years.')
  await appendNotesSentence(db, ids.plans['fishing']!, '2.1', 'Crews sign on without contracts.')
  await CollabDocumentRepository.compact(db, notes, (stored) => buildAndRender(stored))
  await appendToStored(db, notes, 'Written after the compaction.')
  // The newest log rows are compacted last: the highest seq ever handed out is then in no row,
  // only in this document's watermark (last_seq).
  const problem = await appendNotesSentence(db, palmOil, '1.2', 'Union and employers agree on the problem.')
  await CollabDocumentRepository.compact(db, problem, (stored) => buildAndRender(stored))
  await db.destroy()

  before = await measure(source)
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'scp-backup-test-'))
  backupFile = path.join(dir, 'portal.backup.gz')
  await writeBackup(source, createWriteStream(backupFile))
})

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.end()
  if (dir) await fs.rm(dir, { recursive: true, force: true })
})

describe('a backup restored into a fresh database', () => {
  test('holds every row of every table, the plans and the co-edited documents', async () => {
    expect(before.plans).toHaveLength(2)
    expect(Object.values(before.texts).join(' ')).toContain('Written after the compaction.')
    expect(before.digests.collab_updates!.rows).toBeGreaterThan(0)
    const target = await freshDatabase('full')

    const summary = await restoreBackup(target, createReadStream(backupFile))

    expect(summary.laterMigrations).toEqual([])
    const after = await measure(target)
    expect(after.digests).toEqual(before.digests)
    expect(after.plans).toEqual(before.plans)
    expect(after.texts).toEqual(before.texts)
    expect(after.migrations).toEqual(before.migrations)
  })

  test('numbers new rows after every number handed out before the backup', async () => {
    const target = await freshDatabase('sequences')
    await restoreBackup(target, createReadStream(backupFile))
    const db = createDb(target, { max: 1 })
    try {
      const docs = await db.selectFrom('collab_documents').select(['name', 'plan_id', 'last_seq']).execute()
      const watermark = Math.max(...docs.map((d) => d.last_seq))
      const highestRow = await db
        .selectFrom('collab_updates')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirstOrThrow()
      // The case that matters: a compaction took the top of the log, so max+1 would reuse numbers.
      expect(watermark).toBeGreaterThan(Number(highestRow.seq))
      const doc = docs.find((d) => d.last_seq === watermark)!
      await CollabDocumentRepository.appendUpdates(db, [{ docName: doc.name, update: new Uint8Array([0, 0]) }])
      const fresh = await db
        .selectFrom('collab_updates')
        .select('seq')
        .where('doc_name', '=', doc.name)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow()
      expect(fresh.seq).toBeGreaterThan(watermark)
    } finally {
      await db.destroy()
    }
  })
})

describe('a restore that cannot be done leaves the target as it was', () => {
  test('refuses a database that holds data, and replaces it only when asked', async () => {
    const target = await freshDatabase('occupied')
    await restoreBackup(target, createReadStream(backupFile))
    const client = new pg.Client({ connectionString: target })
    await client.connect()
    await client.query(`UPDATE plans SET title = 'Changed after the restore'`)

    const refused = restoreBackup(target, createReadStream(backupFile))
    await expect(refused).rejects.toThrow(/already holds data \(table \w+ has rows\)/)
    // Another session is open (a portal still running): even --replace is refused.
    await expect(restoreBackup(target, createReadStream(backupFile), { replace: true })).rejects.toThrow(
      /other connections? (is|are) open on the target database/,
    )
    const { rows } = await client.query<{ title: string }>(`SELECT DISTINCT title FROM plans`)
    expect(rows).toEqual([{ title: 'Changed after the restore' }])
    await client.end()
    await untilNoSessions(target)

    await restoreBackup(target, createReadStream(backupFile), { replace: true })
    expect((await measure(target)).digests).toEqual(before.digests)
  })

  test('refuses a file cut short, damaged or of another kind, and leaves an empty target empty', async () => {
    const bytes = await fs.readFile(backupFile)
    const target = await freshDatabase('damaged')
    const cases: [Buffer, RegExp][] = [
      // Everything but gzip's last 8 bytes (checksum and length): every row and the end mark
      // arrive, and only the end of the file tells that it is incomplete.
      [bytes.subarray(0, bytes.length - 8), /not a complete portal backup \(gzip: unexpected end of file\)/],
      [bytes.subarray(0, Math.floor(bytes.length / 2)), /not a complete portal backup/],
      [Buffer.from('PGDMP custom-format dump'), /not a complete portal backup/],
      [gzipSync('-- PostgreSQL database dump\n'), /not a portal backup/],
    ]
    for (const [damaged, message] of cases) {
      const failure = await restoreFrom(target, damaged).catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(BackupError)
      expect(String(failure)).toMatch(message)
      expect(await tableCount(target)).toBe(0)
    }
  })

  test('refuses a row count that does not match the header, after loading part of the rows', async () => {
    const text = gunzipSync(await fs.readFile(backupFile)).toString('utf8')
    // Drop the last row of the plans: the file stays well-formed gzip, its content is short.
    const start = text.indexOf('TABLE plans\n')
    const end = text.indexOf('\n\\.\n', start)
    const lastRow = text.lastIndexOf('\n', end - 1)
    const damaged = gzipSync(text.slice(0, lastRow) + text.slice(end))
    const target = await freshDatabase('short')

    await expect(restoreFrom(target, damaged)).rejects.toThrow(/table plans has 1 rows, its header says 2/)
    expect(await tableCount(target)).toBe(0)
  })

  test('refuses a backup made by a newer version of the portal', async () => {
    const text = gunzipSync(await fs.readFile(backupFile)).toString('utf8')
    const newer = gzipSync(text.replace('"migrations":[', '"migrations":["2099_01_01_0000_from_the_future",'))
    const target = await freshDatabase('newer')

    await expect(restoreFrom(target, newer)).rejects.toThrow(
      /newer version of the portal: this code does not know its migration 2099_01_01_0000_from_the_future/,
    )
    expect(await tableCount(target)).toBe(0)
  })
})

test('a backup of an older schema is restored as it was, then migrated to this version', async () => {
  const names = Object.keys(migrations).sort()
  const latest = names.at(-1)!
  const older = await freshDatabase('older')
  const client = new pg.Client({ connectionString: older })
  await client.connect()
  await client.query('BEGIN')
  await migrateInTransaction(client, Object.fromEntries(names.slice(0, -1).map((n) => [n, migrations[n]!])))
  await client.query(
    `INSERT INTO organisations (name, constituency, country_code) VALUES ('Old ministry', 'government', 'XL')`,
  )
  await client.query('COMMIT')
  await client.end()
  const file = path.join(dir, 'older.backup.gz')
  await writeBackup(older, createWriteStream(file))
  const target = await freshDatabase('upgraded')

  const { laterMigrations } = await restoreBackup(target, createReadStream(file))

  expect(laterMigrations).toEqual([latest])
  const after = await measure(target)
  expect(after.migrations).toEqual(names)
  expect(after.digests.organisations!.rows).toBe(1)
})
