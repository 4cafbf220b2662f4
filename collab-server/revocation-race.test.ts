// A member removed while their sockets are still connecting: every socket must end, and nothing
// they send once the server knows of the removal may be stored (ADR 034). Connects are raced
// against the removal, round after round, against the real server and PostgreSQL. The removal is
// committed while the document loads on a busy database, when connections already authenticated
// wait to be registered: the window in which a revocation used to find no socket to close.
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CLOSE_CODES, TOKEN_TTL_SECONDS, docName } from '#core/collab/contract.ts'
import { isEverythingSaved } from '#core/collab/saved.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import { type DB } from '#db/types.ts'
import { createDb } from '#db/client.ts'
import { type Logger } from '#core/log.server.ts'
import { connect, startServer, token, waitFor, type TestClient } from './test-utils.ts'

const ROUNDS = Number(process.env.RACE_ROUNDS ?? 20)
const SOCKETS_PER_ROUND = 30

/** Users whose membership change the server has heard of (it logs this the moment it does). */
const noticed = new Set<string>()
/** Called when the server starts loading a document. */
let onLoading: (doc: string) => void = () => {}
const observeServer: Logger = (_level, event, fields) => {
  if (event === 'membership changed' && typeof fields?.user === 'string') noticed.add(fields.user)
  if (event === 'loading document' && typeof fields?.doc === 'string') onLoading(fields.doc)
}

let env: Awaited<ReturnType<typeof startServer>>
/** The web app's own connection: the removal must not queue behind the server's reads. */
let webDb: Kysely<DB>
/** The server's pool size (test-utils startServer). */
const SERVER_POOL = 5
beforeAll(async () => {
  env = await startServer({ log: observeServer, limits: { maxConnectionsPerUser: 1_000, maxDocumentsPerUser: 1_000 } })
  webDb = createDb(process.env.DATABASE_URL!, { max: 1 })
})
afterAll(async () => {
  await webDb.destroy()
  await env.stop()
})

async function storedText(name: string): Promise<string> {
  const stored = await CollabDocumentRepository.findForLoad(env.db, name)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, stored!.state)
  stored!.tail.forEach((row) => Y.applyUpdate(doc, row.update))
  return doc.getText('t').toString()
}

describe('revocation racing connects', () => {
  it('ends every socket of a member removed while they connect, and stores nothing they send after it is known', async () => {
    let closedAfterRegistration = 0
    const lead = await createUser(env.db)
    const coauthor = await createUser(env.db)
    for (let round = 0; round < ROUNDS; round++) {
      noticed.delete(coauthor.id)
      const plan = await createPlan(env.db, lead.id)
      await addMember(env.db, plan.id, coauthor.id, 'coauthor', lead.id)
      const name = docName({ planId: plan.id, substep: '1.1' })

      let removal: Promise<unknown> | null = null
      const remove = () =>
        (removal ??= MemberRepository.remove(webDb, { planId: plan.id, userId: coauthor.id, actorId: lead.id }))
      let busy: Promise<unknown>[] = []
      onLoading = (doc) => {
        if (doc !== name || removal) return
        // The database is busy: the server's pool is taken for a moment, so the load (queued behind)
        // takes a while, and the removal commits meanwhile on the web app's own connection.
        busy = Array.from({ length: SERVER_POOL }, () => sql`select pg_sleep(0.3)`.execute(env.db))
        remove()
      }

      // Tokens that expire in 20 s: a socket the revocation missed would be closed then with
      // tokenExpired instead of permissionChanged, which fails the test rather than hanging it.
      const soon = Date.now() - TOKEN_TTL_SECONDS * 1000 + 20_000
      const lateMarkers = new Set<string>()
      const clients: TestClient[] = []
      const codes: Promise<number>[] = []
      for (let i = 0; i < SOCKETS_PER_ROUND; i++) {
        const client = connect(env.url, name, token(coauthor.id, name, 'rw', soon), { reconnect: false })
        clients.push(client)
        codes.push(
          new Promise((resolve) => client.provider.once('connection-close', (event) => resolve(event?.code ?? 0))),
        )
        let seq = 0
        const write = () => {
          if (client.closeCodes.length > 0 || client.doc.isDestroyed) return
          // Typed while connecting too: such edits are sent as soon as the socket is synced.
          const marker = `<${round}.${i}.${seq++}>`
          // Decided before the edit is made: the server heard of the removal before it could be sent.
          if (noticed.has(coauthor.id)) lateMarkers.add(marker)
          client.text.insert(0, marker)
          setTimeout(write, 10)
        }
        write()
        await new Promise(setImmediate)
      }
      await remove()
      await Promise.all(busy)

      const closedWith = await Promise.all(codes)
      for (const code of closedWith) expect([CLOSE_CODES.forbidden, CLOSE_CODES.permissionChanged]).toContain(code)
      closedAfterRegistration += closedWith.filter((code) => code === CLOSE_CODES.permissionChanged).length

      // Updates are stored in arrival order: once the lead's edit is stored, so is everything the
      // coauthor's sockets had got accepted.
      const observer = connect(env.url, name, token(lead.id, name, 'rw'), { ack: true, reconnect: false })
      await observer.synced()
      observer.text.insert(0, 'end')
      await waitFor(() => isEverythingSaved(observer.doc, observer.lastAck), 20_000)
      const stored = await storedText(name)
      expect([...lateMarkers].filter((m) => stored.includes(m))).toEqual([])
      expect(observer.text.toString()).toBe(stored)
      clients.forEach((c) => c.destroy())
      observer.destroy()
    }
    // The race was real: sockets were registered with access the database had already taken away.
    expect(closedAfterRegistration).toBeGreaterThan(0)
  }, 240_000)
})
