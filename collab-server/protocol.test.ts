import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { CLOSE_CODES, docName } from '#core/collab/contract.ts'
import { isEverythingSaved } from '#core/collab/saved.ts'
import { mintCollabToken } from '#core/collab/token.server.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { clientPool, countBlocks, countHeadings, rawSocket, startServer, token, waitFor } from './test-utils.ts'

let env: Awaited<ReturnType<typeof startServer>>
// Every client a test opens is destroyed after the file's tests.
const { open, destroyAll } = clientPool()

beforeAll(async () => {
  env = await startServer({ limits: { maxMessageBytes: 64 * 1024 } })
})
afterAll(async () => {
  destroyAll()
  await env.stop()
})

async function team() {
  const lead = await createUser(env.db)
  const plan = await createPlan(env.db, lead.id)
  const coauthor = await createUser(env.db, { constituency: 'workers' })
  const viewer = await createUser(env.db, { constituency: 'employers' })
  await addMember(env.db, plan.id, coauthor.id, 'coauthor', lead.id)
  await addMember(env.db, plan.id, viewer.id, 'viewer', lead.id)
  const name = docName({ planId: plan.id, substep: '1.1' })
  return { lead, plan, coauthor, viewer, name }
}

describe('collab-server protocol', () => {
  it('syncs edits between two clients and serves the server-made initial content', async () => {
    const { lead, coauthor, name } = await team()
    const a = open(env.url, name, token(lead.id, name, 'rw'))
    const b = open(env.url, name, token(coauthor.id, name, 'rw'))
    await Promise.all([a.synced(), b.synced()])
    // Notes start as one empty paragraph, made by the server (ADR 057).
    expect(countBlocks(a.doc)).toBe(1)
    expect(countHeadings(a.doc)).toBe(0)
    a.text.insert(0, 'hello')
    await waitFor(() => b.text.toString() === 'hello')
  })

  it('converges after concurrent edits', async () => {
    const { lead, coauthor, name } = await team()
    const a = open(env.url, name, token(lead.id, name, 'rw'))
    const b = open(env.url, name, token(coauthor.id, name, 'rw'))
    await Promise.all([a.synced(), b.synced()])
    for (let i = 0; i < 50; i++) {
      a.text.insert(0, 'a')
      b.text.insert(b.text.length, 'b')
    }
    await waitFor(() => a.text.length === 100 && b.text.length === 100)
    expect(a.text.toString()).toBe(b.text.toString())
    const fresh = open(env.url, name, token(lead.id, name, 'ro'))
    await fresh.synced()
    await waitFor(() => fresh.text.toString() === a.text.toString())
  })

  it('refuses updates from a read-only connection, in memory and in the database', async () => {
    const { lead, viewer, name } = await team()
    const writer = open(env.url, name, token(lead.id, name, 'rw'))
    const reader = open(env.url, name, token(viewer.id, name, 'ro'))
    await Promise.all([writer.synced(), reader.synced()])
    reader.text.insert(0, 'vandalism')
    writer.text.insert(0, 'ok')
    await waitFor(() => reader.text.toString().includes('ok'))
    await new Promise((r) => setTimeout(r, 100))
    expect(writer.text.toString()).toBe('ok')
    writer.destroy()
    reader.destroy()
    const fresh = open(env.url, name, token(lead.id, name, 'ro'))
    await fresh.synced()
    expect(fresh.text.toString()).toBe('ok')
    const stored = await CollabDocumentRepository.findForLoad(env.db, name)
    const check = new Y.Doc()
    Y.applyUpdate(check, stored!.state)
    stored!.tail.forEach((row) => Y.applyUpdate(check, row.update))
    expect(check.getText('t').toString()).toBe('ok')
  })

  it('refuses bad, tampered, expired and wrong-document tokens', async () => {
    const { lead, name, plan } = await team()
    const good = token(lead.id, name, 'rw')
    const tampered = good.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))
    const expired = mintCollabToken(
      { sub: lead.id, doc: name, mode: 'rw' },
      process.env.COLLAB_SECRET!,
      Date.now() - 10 * 60_000,
    ).token
    const otherDoc = token(lead.id, docName({ planId: plan.id, substep: '1.2' }), 'rw')
    for (const bad of ['garbage', tampered, expired, otherDoc]) {
      const ws = await rawSocket(env.url, name, bad)
      expect(await ws.closedWith).toBe(CLOSE_CODES.unauthorized)
    }
  })

  it('refuses paths that are not document names', async () => {
    const { lead, name } = await team()
    for (const path of ['%E0%A4%A', 'plan.not-a-uuid.narrative', `${name}.extra`]) {
      const ws = await rawSocket(env.url, path, token(lead.id, name, 'rw'))
      expect(await ws.closedWith).toBe(CLOSE_CODES.documentNotFound)
    }
  })

  it('refuses a token whose mode the database no longer grants', async () => {
    const { viewer, name } = await team()
    const ws = await rawSocket(env.url, name, token(viewer.id, name, 'rw'))
    expect(await ws.closedWith).toBe(CLOSE_CODES.forbidden)
  })

  // The removal itself closes the socket (PostgreSQL NOTIFY, ADR 013), long before the token's
  // expiry would (4408); no timing is asserted, since the test machine's load varies.
  it('disconnects a removed member as soon as the removal is committed, not at token expiry', async () => {
    const { lead, coauthor, plan, name } = await team()
    const c = open(env.url, name, token(coauthor.id, name, 'rw'), { reconnect: false })
    await c.synced()
    const closed = c.closed()
    await MemberRepository.remove(env.db, { planId: plan.id, userId: coauthor.id, actorId: lead.id })
    expect(await closed).toBe(CLOSE_CODES.permissionChanged)
  })

  it('closes the read-write socket of a coauthor downgraded to viewer, and of a deactivated user', async () => {
    const { lead, coauthor, viewer, plan, name } = await team()
    const rw = open(env.url, name, token(coauthor.id, name, 'rw'), { reconnect: false })
    const ro = open(env.url, name, token(viewer.id, name, 'ro'), { reconnect: false })
    await Promise.all([rw.synced(), ro.synced()])
    const closed = rw.closed()
    await MemberRepository.upsert(env.db, { planId: plan.id, userId: coauthor.id, role: 'viewer', actorId: lead.id })
    expect(await closed).toBe(CLOSE_CODES.permissionChanged)
    expect(ro.provider.wsconnected).toBe(true)
    const roClosed = ro.closed()
    await UserRepository.updateActive(env.db, viewer.id, false)
    expect(await roClosed).toBe(CLOSE_CODES.permissionChanged)
  })

  it('closes sockets that send malformed frames and keeps serving others', async () => {
    const { lead, coauthor, name } = await team()
    const healthy = open(env.url, name, token(coauthor.id, name, 'rw'))
    await healthy.synced()
    const frame = (...parts: ((e: encoding.Encoder) => void)[]) => {
      const e = encoding.createEncoder()
      parts.forEach((p) => p(e))
      return encoding.toUint8Array(e)
    }
    const invalidUpdate = frame(
      (e) => encoding.writeVarUint(e, 0),
      (e) => encoding.writeVarUint(e, 2),
      (e) => encoding.writeVarUint8Array(e, new Uint8Array([5, 200, 1, 7, 7, 7])),
    )
    const frames: (Uint8Array | string)[] = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      frame((e) => encoding.writeVarUint(e, 42)),
      new Uint8Array([0x80]),
      invalidUpdate,
      frame(
        (e) => encoding.writeVarUint(e, 1),
        (e) => encoding.writeVarUint8Array(e, new Uint8Array([1, 2])),
      ),
      'text frame',
    ]
    for (const f of frames) {
      const ws = await rawSocket(env.url, name, token(lead.id, name, 'rw'))
      ws.send(f)
      expect(await ws.closedWith).toBe(CLOSE_CODES.malformed)
    }
    healthy.text.insert(0, 'still alive')
    const check = open(env.url, name, token(lead.id, name, 'ro'))
    await waitFor(() => check.text.toString() === 'still alive')
  })

  it('refuses a message larger than the limit', async () => {
    const { lead, name } = await team()
    const ws = await rawSocket(env.url, name, token(lead.id, name, 'rw'))
    ws.send(new Uint8Array(100 * 1024))
    expect(await ws.closedWith).toBe(CLOSE_CODES.messageTooLarge)
  })

  it('acknowledges edits only once they are stored, deletions included', async () => {
    const { lead, name } = await team()
    const c = open(env.url, name, token(lead.id, name, 'rw'), { ack: true })
    await c.synced()
    await waitFor(() => isEverythingSaved(c.doc, c.lastAck))
    c.text.insert(0, 'saved text')
    expect(isEverythingSaved(c.doc, c.lastAck)).toBe(false)
    await waitFor(() => isEverythingSaved(c.doc, c.lastAck))
    expect(await CollabDocumentRepository.countTail(env.db, name)).toBeGreaterThan(0)
    c.text.delete(0, 6)
    expect(isEverythingSaved(c.doc, c.lastAck)).toBe(false)
    await waitFor(() => isEverythingSaved(c.doc, c.lastAck))
  })

  it('acknowledges to receivers too, so that received edits count as saved', async () => {
    const { lead, coauthor, name } = await team()
    const writer = open(env.url, name, token(lead.id, name, 'rw'))
    const receiver = open(env.url, name, token(coauthor.id, name, 'rw'), { ack: true })
    await Promise.all([writer.synced(), receiver.synced()])
    writer.text.insert(0, 'from someone else')
    await waitFor(() => receiver.text.length > 0)
    await waitFor(() => isEverythingSaved(receiver.doc, receiver.lastAck))
  })

  it('keeps plain-text and HTML renderings, refreshed on compaction', async () => {
    const { lead, plan } = await team()
    const name = docName({ planId: plan.id, substep: null })
    const c = open(env.url, name, token(lead.id, name, 'rw'))
    await c.synced()
    expect(countHeadings(c.doc)).toBe(3)
    const rendering = await CollabDocumentRepository.findRendering(env.db, name)
    expect(rendering?.plain_text).toContain('Summary')
    expect(rendering?.html).toContain('<h2')
    c.text.insert(0, 'x')
    await waitFor(
      async () => (await CollabDocumentRepository.countTail(env.db, name)) === 0 && c.text.length === 1,
      20_000,
    )
  })

  it('refuses the connection when the stored document cannot be loaded', async () => {
    const { lead, plan, name } = await team()
    await CollabDocumentRepository.insertIfAbsent(env.db, {
      name,
      planId: plan.id,
      state: new Uint8Array([9, 9, 9]),
      plainText: '',
      html: '',
    })
    const ws = await rawSocket(env.url, name, token(lead.id, name, 'rw'))
    expect(await ws.closedWith).toBe(CLOSE_CODES.loadFailed)
  })
})
