import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import * as Y from 'yjs'
import { bindHeadless } from '#core/editor/headless.ts'
import { docName } from '#core/collab/contract.ts'
import { isEverythingSaved } from '#core/collab/saved.ts'
import { createDb } from '#db/client.ts'
import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabase } from '#db/embedded.ts'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { migrateToLatest } from '#db/migrate.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import { connect, startServer, token, waitFor, type TestClient } from './test-utils.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** The real process entry, as production runs it. */
async function spawnServer(port: number, databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'collab-server/index.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      COLLAB_PORT: String(port),
      COLLAB_SECRET: process.env.COLLAB_SECRET,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`collab-server exited with ${code}`)))
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('collab-server listening')) resolve()
    })
  })
  child.removeAllListeners('exit')
  return child
}

/** Types into `client` every few milliseconds until stopped. */
function keepTyping(client: TestClient, everyMs = 3) {
  let i = 0
  const timer = setInterval(() => client.text.insert(client.text.length, `w${i++} `), everyMs)
  return () => clearInterval(timer)
}

/** Whether `doc` holds everything in `seen` (state vector and text prefix). */
function contains(doc: Y.Doc, seenState: Uint8Array, seenText: string) {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const [client, clock] of Y.decodeStateVector(seenState)) if ((have.get(client) ?? 0) < clock) return false
  return doc.getText('t').toString().startsWith(seenText)
}

describe('crash safety', () => {
  it('keeps every update another client received when the process is SIGKILLed', async () => {
    const db = createDb(process.env.DATABASE_URL!)
    cleanups.push(() => db.destroy())
    const lead = await createUser(db)
    const plan = await createPlan(db, lead.id)
    const name = docName({ planId: plan.id, substep: '2.1' })
    const port = await findFreePort()
    let child = await spawnServer(port, process.env.DATABASE_URL!)
    cleanups.push(() => void child.kill('SIGKILL'))
    const url = `ws://127.0.0.1:${port}`

    const writer = connect(url, name, token(lead.id, name, 'rw'))
    const observer = connect(url, name, token(lead.id, name, 'ro'))
    await Promise.all([writer.synced(), observer.synced()])
    const stop = keepTyping(writer)
    await waitFor(() => observer.text.length > 600, 20_000)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    stop()
    const seenState = Y.encodeStateVector(observer.doc)
    const seenText = observer.text.toString()
    writer.destroy()
    observer.destroy()

    child = await spawnServer(port, process.env.DATABASE_URL!)
    const fresh = connect(url, name, token(lead.id, name, 'ro'))
    cleanups.push(() => fresh.destroy())
    await fresh.synced()
    expect(seenText.length).toBeGreaterThan(600)
    expect(contains(fresh.doc, seenState, seenText)).toBe(true)
  }, 90_000)

  it('stores, compacts and closes sockets with serverShutdown on SIGTERM', async () => {
    const db = createDb(process.env.DATABASE_URL!)
    cleanups.push(() => db.destroy())
    const lead = await createUser(db)
    const plan = await createPlan(db, lead.id)
    const name = docName({ planId: plan.id, substep: '2.2' })
    const port = await findFreePort()
    const child = await spawnServer(port, process.env.DATABASE_URL!)
    cleanups.push(() => void child.kill('SIGKILL'))
    // A Lexical client, so the stored rendering (Lexical's reading of the document) has the words.
    const editor = bindHeadless(new Y.Doc())
    const writer = connect(`ws://127.0.0.1:${port}`, name, token(lead.id, name, 'rw'), {
      ack: true,
      reconnect: false,
      doc: editor.doc,
    })
    cleanups.push(() => writer.destroy())
    cleanups.push(() => editor.dispose())
    await writer.synced()
    editor.editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('before shutdown'))), {
      discrete: true,
    })
    await waitFor(() => isEverythingSaved(writer.doc, writer.lastAck))
    const closed = writer.closed()
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await closed).toBe(4503)
    expect(await exited).toBe(0)
    expect(await CollabDocumentRepository.countTail(db, name)).toBe(0)
    // Compacted at shutdown: the stored rendering has the last edit.
    expect((await CollabDocumentRepository.findRendering(db, name))?.plain_text).toContain('before shutdown')
  }, 90_000)

  it('loses nothing acknowledged when PostgreSQL restarts mid-session, and recovers', async () => {
    const dataDir = path.resolve(`.data/collab-pg-restart-${randomUUID().slice(0, 8)}`)
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const port = await findFreePort()
    let pg: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir, port })
    cleanups.push(() => pg.stop())
    const setupDb = createDb(pg.url, { max: 1 })
    await migrateToLatest(setupDb)
    const lead = await createUser(setupDb)
    const plan = await createPlan(setupDb, lead.id)
    await setupDb.destroy()
    const name = docName({ planId: plan.id, substep: '3.1' })
    const env = await startServer({ databaseUrl: pg.url })
    cleanups.push(() => env.stop())

    const writer = connect(env.url, name, token(lead.id, name, 'rw'), { ack: true })
    const observer = connect(env.url, name, token(lead.id, name, 'ro'))
    cleanups.push(() => writer.destroy())
    await Promise.all([writer.synced(), observer.synced()])
    const stop = keepTyping(writer, 5)
    await waitFor(() => observer.text.length > 300, 10_000)
    await pg.stop()
    const seenState = Y.encodeStateVector(observer.doc)
    const seenText = observer.text.toString()
    await new Promise((r) => setTimeout(r, 1_500))
    pg = await startEmbeddedPostgres({ dataDir, port })
    await new Promise((r) => setTimeout(r, 500))
    stop()
    // The writer was told nothing was stored while the database was down; it resends on reconnect.
    await waitFor(() => writer.provider.synced && isEverythingSaved(writer.doc, writer.lastAck), 20_000, 50)
    await waitFor(() => observer.text.toString() === writer.text.toString(), 10_000)
    const finalText = writer.text.toString()
    writer.destroy()
    observer.destroy()

    const fresh = connect(env.url, name, token(lead.id, name, 'ro'))
    cleanups.push(() => fresh.destroy())
    await fresh.synced()
    expect(contains(fresh.doc, seenState, seenText)).toBe(true)
    expect(fresh.text.toString()).toBe(finalText)
  }, 120_000)
})
