// Several collab-server instances on one database serve the same documents at the same time
// (ADR 051): stored updates and presence cross instances, a missed notification is made good.
import { sql } from 'kysely'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CLOSE_CODES, docName } from '#core/collab/contract.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import { MESSAGE_SYNC } from './documents.ts'
import { clientPool, rawSocket, startServer, token, waitFor } from './test-utils.ts'

type Instance = Awaited<ReturnType<typeof startServer>>
let one: Instance
let two: Instance
// Every client a test opens is destroyed after the file's tests.
const { open, destroyAll } = clientPool()

beforeAll(async () => {
  ;[one, two] = await Promise.all([startServer(), startServer()])
})
afterAll(async () => {
  destroyAll()
  await Promise.all([one.stop(), two.stop()])
})

async function sharedDocument(substep: '1.1' | '2.1' | '3.1' | '4.1' | '5.1' | '6.1' = '1.1') {
  const lead = await createUser(one.db, { name: 'Lea Lead' })
  const plan = await createPlan(one.db, lead.id)
  return { lead, plan, name: docName({ planId: plan.id, substep }) }
}

/** Every struct a sync message carries, as "client:clock" for each clock it covers. */
function structIds(message: Buffer): string[] {
  const decoder = decoding.createDecoder(new Uint8Array(message))
  if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return []
  const type = decoding.readVarUint(decoder)
  if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) return []
  const { structs } = Y.decodeUpdate(decoding.readVarUint8Array(decoder))
  return structs.flatMap((s) =>
    s.constructor.name === 'Skip' ? [] : Array.from({ length: s.length }, (_, i) => `${s.id.client}:${s.id.clock + i}`),
  )
}

describe('updates across instances', () => {
  it('brings every update typed on one instance to the clients of the other, both ways', async () => {
    const { lead, name } = await sharedDocument()
    const a = open(one.url, name, token(lead.id, name, 'rw'))
    const b = open(two.url, name, token(lead.id, name, 'rw'))
    await Promise.all([a.synced(), b.synced()])
    for (let i = 0; i < 200; i++) {
      a.text.insert(a.text.length, `a${i} `)
      b.text.insert(0, `b${i} `)
      if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    // A paste too large to travel inside the notification is read back from the log.
    const paste = `${'pasted paragraph '.repeat(400)}end of paste`
    a.text.insert(0, paste)
    await waitFor(() => a.text.length === b.text.length && a.text.toString() === b.text.toString(), 15_000)
    expect(b.text.toString()).toContain(paste)
    expect(a.text.toString()).toContain('a199 ')
    expect(b.text.toString()).toContain('a199 ')
    expect(a.text.toString()).toContain('b199 ')
    // And what both show is what is stored.
    const later = open(one.url, name, token(lead.id, name, 'ro'))
    await later.synced()
    expect(later.text.toString()).toBe(a.text.toString())
  })

  it('relays each stored update to a client of another instance exactly once', async () => {
    const { lead, name } = await sharedDocument('2.1')
    const writer = open(one.url, name, token(lead.id, name, 'rw'))
    await writer.synced()
    const watcher = await rawSocket(two.url, name, token(lead.id, name, 'ro'))
    const received: string[] = []
    watcher.on('message', (data: Buffer) => received.push(...structIds(data)))
    // Ask for the document, as a client does, so that the first reply holds what is stored.
    watcher.send(Buffer.from([MESSAGE_SYNC, syncProtocol.messageYjsSyncStep1, 1, 0]))
    for (let i = 0; i < 100; i++) writer.text.insert(writer.text.length, `${i},`)
    const typed = Y.decodeStateVector(Y.encodeStateVector(writer.doc)).get(writer.doc.clientID)!
    const mine = () => received.filter((id) => id.startsWith(`${writer.doc.clientID}:`))
    await waitFor(() => new Set(mine()).size === typed, 15_000)
    await new Promise((resolve) => setTimeout(resolve, 300)) // anything sent twice would come now
    expect(mine().length).toBe(typed)
    watcher.close()
  })

  it('catches up on notifications it never heard, from the stored document', async () => {
    const { lead, plan, name } = await sharedDocument('3.1')
    const b = open(two.url, name, token(lead.id, name, 'rw'))
    await b.synced()
    // An update stored while no announcement went out, as after a dropped LISTEN connection.
    const writer = new Y.Doc()
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(b.doc))
    writer.getText('t').insert(0, 'stored quietly ')
    const update = Y.encodeStateAsUpdate(writer, Y.encodeStateVector(b.doc))
    await one.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx)
      await CollabDocumentRepository.appendUpdates(trx, [{ docName: name, update }])
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(b.text.toString()).not.toContain('stored quietly')
    // The next announcement names a row this instance cannot find (folded into the snapshot
    // meanwhile): it reads the document whole and so gets the quiet update too.
    await sql`SELECT pg_notify(${CollabDocumentRepository.UPDATES_CHANNEL}, ${`elsewhere\n${Number.MAX_SAFE_INTEGER} ${name}`})`.execute(
      one.db,
    )
    await waitFor(() => b.text.toString().includes('stored quietly'), 10_000)
    expect(plan.id).toBeTruthy()
  })

  it('reads again whatever was stored while its listening connection was down', async () => {
    const { lead, name } = await sharedDocument('4.1')
    const a = open(one.url, name, token(lead.id, name, 'rw'))
    const b = open(two.url, name, token(lead.id, name, 'rw'))
    await Promise.all([a.synced(), b.synced()])
    // Drop instance two's listening connections (a database restart as that instance sees it).
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query ILIKE 'LISTEN scp_collab_awareness%' AND pid <> pg_backend_pid()`.execute(
      one.db,
    )
    a.text.insert(0, 'typed while two was deaf ')
    await waitFor(() => b.text.toString().includes('typed while two was deaf'), 15_000)
  })
})

describe('presence across instances', () => {
  it('shows who is on another instance, to clients there before and after, and removes them when they leave', async () => {
    const { lead, plan, name } = await sharedDocument('5.1')
    const colleague = await createUser(one.db, { name: 'Carla Colleague', constituency: 'workers' })
    await addMember(one.db, plan.id, colleague.id, 'coauthor', lead.id)
    const early = open(two.url, name, token(colleague.id, name, 'rw'))
    await early.synced()
    const a = open(one.url, name, token(lead.id, name, 'rw'))
    await a.synced()
    a.provider.awareness.setLocalState({ anchorPos: 3, focusing: true })
    await waitFor(() => early.provider.awareness.getStates().get(a.doc.clientID)?.name === 'Lea Lead', 10_000)
    expect(early.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({ anchorPos: 3 })
    // A client that opens the document on instance two later still learns about Lea at once.
    const late = open(two.url, name, token(colleague.id, name, 'ro'))
    await late.synced()
    await waitFor(() => late.provider.awareness.getStates().get(a.doc.clientID)?.name === 'Lea Lead', 10_000)
    // And Lea sees Carla, who is on the other instance.
    early.provider.awareness.setLocalState({ focusing: false })
    await waitFor(() => a.provider.awareness.getStates().get(early.doc.clientID)?.name === 'Carla Colleague', 10_000)
    a.destroy()
    await waitFor(() => !early.provider.awareness.getStates().has(a.doc.clientID), 10_000)
  })

  it('asks the other instances for presence when a document is loaded', async () => {
    const { lead, name } = await sharedDocument('6.1')
    const a = open(one.url, name, token(lead.id, name, 'rw'))
    await a.synced()
    a.provider.awareness.setLocalState({ anchorPos: 1 })
    await waitFor(() => one.server.isLoaded(name))
    const b = open(two.url, name, token(lead.id, name, 'ro'))
    await b.synced()
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.anchorPos === 1, 10_000)
  })
})

describe('access across instances', () => {
  it('closes the connections of a removed member on every instance', async () => {
    const { lead, plan, name } = await sharedDocument('2.1')
    const colleague = await createUser(one.db, { name: 'Rita Removed', constituency: 'employers' })
    await addMember(one.db, plan.id, colleague.id, 'coauthor', lead.id)
    const onOne = open(one.url, name, token(colleague.id, name, 'rw'), { reconnect: false })
    const onTwo = open(two.url, name, token(colleague.id, name, 'rw'), { reconnect: false })
    await Promise.all([onOne.synced(), onTwo.synced()])
    const closedOne = onOne.closed()
    const closedTwo = onTwo.closed()
    await MemberRepository.remove(one.db, { planId: plan.id, userId: colleague.id, actorId: lead.id })
    expect(await closedOne).toBe(CLOSE_CODES.permissionChanged)
    expect(await closedTwo).toBe(CLOSE_CODES.permissionChanged)
  })
})

describe('compaction with several instances', () => {
  it('lets one instance compact a document at a time; the other leaves it and loses nothing', async () => {
    const { lead, name } = await sharedDocument('1.1')
    const a = open(one.url, name, token(lead.id, name, 'rw'))
    const b = open(two.url, name, token(lead.id, name, 'rw'))
    await Promise.all([a.synced(), b.synced()])
    for (let i = 0; i < 50; i++) {
      a.text.insert(a.text.length, 'x')
      b.text.insert(0, 'y')
    }
    await waitFor(() => a.text.toString() === b.text.toString() && a.text.length === 100, 15_000)
    a.destroy()
    b.destroy()
    await waitFor(() => !one.server.isLoaded(name) && !two.server.isLoaded(name), 20_000)
    await waitFor(async () => (await CollabDocumentRepository.countTail(one.db, name)) === 0, 20_000)
    const again = open(two.url, name, token(lead.id, name, 'ro'))
    await again.synced()
    expect(again.text.length).toBe(100)
  })
})
