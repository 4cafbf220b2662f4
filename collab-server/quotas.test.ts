// Collab quotas (ADR 034): a cap on each document's stored size and a byte budget per user across
// all of their connections, each refused with its own close code. Small values here; the defaults
// are in config.ts and contract.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CLOSE_CODES, docName } from '#core/collab/contract.ts'
import { isEverythingSaved } from '#core/collab/saved.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import { clientPool, startServer, type TestClient, token, waitFor } from './test-utils.ts'

const KIB = 1024
const DOCUMENT_CAP = 96 * KIB
const BURST = 64 * KIB

let docEnv: Awaited<ReturnType<typeof startServer>>
let rateEnv: Awaited<ReturnType<typeof startServer>>
// Every client a test opens is destroyed after the file's tests.
const { open, destroyAll } = clientPool()

beforeAll(async () => {
  docEnv = await startServer({ limits: { maxDocumentBytes: DOCUMENT_CAP } })
  // Refill of 1 KiB/s: negligible while a test runs, so only the burst counts.
  rateEnv = await startServer({ limits: { userBytesBurst: BURST, userBytesPerSecond: KIB } })
})
afterAll(async () => {
  destroyAll()
  await docEnv.stop()
  await rateEnv.stop()
})

/** Random text does not shrink when Yjs merges it; `n` characters, one byte each. */
function filler(n: number): string {
  let s = ''
  while (s.length < n) s += Math.random().toString(36).slice(2)
  return s.slice(0, n)
}

async function storedSize(db: typeof docEnv.db, name: string): Promise<number> {
  const stored = await CollabDocumentRepository.findForLoad(db, name)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, stored!.state)
  stored!.tail.forEach((row) => Y.applyUpdate(doc, row.update))
  return Y.encodeStateAsUpdate(doc).byteLength
}

const closeCode = (c: TestClient) =>
  new Promise<number>((resolve) => c.provider.once('connection-close', (event) => resolve(event?.code ?? 0)))

describe('per-document size cap', () => {
  it('refuses the edit that would pass the cap, stores the ones before, and still accepts deletions', async () => {
    const lead = await createUser(docEnv.db)
    const plan = await createPlan(docEnv.db, lead.id)
    const coauthor = await createUser(docEnv.db)
    await addMember(docEnv.db, plan.id, coauthor.id, 'coauthor', lead.id)
    const name = docName({ planId: plan.id, substep: '3.1' })
    const writer = open(docEnv.url, name, token(lead.id, name, 'rw'), { ack: true, reconnect: false })
    await writer.synced()
    const closed = closeCode(writer)
    // 20 KiB at a time, each stored before the next, until the server refuses one.
    let accepted = 0
    for (let i = 0; i < 10 && writer.closeCodes.length === 0; i++) {
      writer.text.insert(writer.text.length, filler(20 * KIB))
      await waitFor(() => writer.closeCodes.length > 0 || isEverythingSaved(writer.doc, writer.lastAck), 20_000)
      if (writer.closeCodes.length === 0) accepted++
    }
    expect(await closed).toBe(CLOSE_CODES.documentTooLarge)
    expect(accepted).toBeGreaterThan(0)
    // What a joining viewer downloads stays within the cap; what was accepted is all there.
    const reader = open(docEnv.url, name, token(coauthor.id, name, 'rw'), { ack: true, reconnect: false })
    await reader.synced()
    expect(reader.text.length).toBe(accepted * 20 * KIB)
    expect(await storedSize(docEnv.db, name)).toBeLessThanOrEqual(DOCUMENT_CAP)
    // A full document can still be trimmed, and then grows again.
    reader.text.delete(0, 40 * KIB)
    await waitFor(() => isEverythingSaved(reader.doc, reader.lastAck), 20_000)
    reader.text.insert(0, filler(10 * KIB))
    await waitFor(() => isEverythingSaved(reader.doc, reader.lastAck), 20_000)
    expect(reader.closeCodes).toEqual([])
    expect(reader.text.length).toBe((accepted - 2) * 20 * KIB + 10 * KIB)
  })
})

describe('per-user byte budget', () => {
  it('is shared by all of a user’s connections and leaves other users alone', async () => {
    const lead = await createUser(rateEnv.db)
    const plan = await createPlan(rateEnv.db, lead.id)
    const coauthor = await createUser(rateEnv.db)
    await addMember(rateEnv.db, plan.id, coauthor.id, 'coauthor', lead.id)
    const [a, b] = (['4.1', '4.2'] as const).map((substep) => docName({ planId: plan.id, substep }))
    const first = open(rateEnv.url, a!, token(lead.id, a!, 'rw'), { reconnect: false })
    const second = open(rateEnv.url, b!, token(lead.id, b!, 'rw'), { reconnect: false })
    const other = open(rateEnv.url, a!, token(coauthor.id, a!, 'rw'), { ack: true, reconnect: false })
    await Promise.all([first.synced(), second.synced(), other.synced()])
    const codes = Promise.race([closeCode(first), closeCode(second)])
    // 40 KiB on each socket: within the burst for either alone, beyond it together.
    first.text.insert(0, filler(20 * KIB))
    second.text.insert(0, filler(20 * KIB))
    first.text.insert(0, filler(20 * KIB))
    second.text.insert(0, filler(20 * KIB))
    expect(await codes).toBe(CLOSE_CODES.byteRateExceeded)
    // Another person's budget is their own.
    other.text.insert(0, filler(40 * KIB))
    await waitFor(() => isEverythingSaved(other.doc, other.lastAck), 20_000)
    expect(other.closeCodes).toEqual([])
  })
})
