// `npm run test:cluster`: the shipped deployment (nginx with TLS, two web processes, three
// collab-server instances, one PostgreSQL) keeps co-editing and signed-in users going when a
// collab-server or a web process is killed (issue 12, ADR 051).
import { readFile } from 'node:fs/promises'
import { type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { hashPassword } from '#app/utils/crypto.server.ts'
import { docName } from '#core/collab/contract.ts'
import { mintCollabToken } from '#core/collab/token.server.ts'
import { createDb } from '#db/client.ts'
import { type DB } from '#db/types.ts'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { startCluster, type Cluster } from './cluster.ts'
import { request } from './https.ts'

// Every y-websocket provider adds a process 'exit' listener in Node.
process.setMaxListeners(0)

let cluster: Cluster
let db: Kysely<DB>
let ca: Buffer
const providers: WebsocketProvider[] = []

beforeAll(async () => {
  cluster = await startCluster()
  db = createDb(cluster.databaseUrl, { max: 2 })
  ca = await readFile(cluster.certificate)
}, 240_000)
afterAll(async () => {
  providers.forEach((p) => p.destroy())
  await db?.destroy()
  await cluster?.stop()
})

interface Client {
  label: string
  doc: Y.Doc
  text: Y.Text
  provider: WebsocketProvider
}

/** A stock y-websocket client, through nginx (wss, the test's certificate) or straight to an instance. */
function connect(label: string, base: string, name: string, userId: string): Client {
  const trusted = ca
  class TrustingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { ca: trusted })
    }
  }
  const doc = new Y.Doc()
  const { token } = mintCollabToken({ sub: userId, doc: name, mode: 'rw' }, cluster.collabSecret)
  const provider = new WebsocketProvider(base, name, doc, {
    params: { token },
    WebSocketPolyfill: TrustingWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  })
  providers.push(provider)
  return { label, doc, text: doc.getText('t'), provider }
}

const throughNginx = () => `${cluster.origin.replace('https:', 'wss:')}/collab`
const direct = (instance: number) => `ws://127.0.0.1:${cluster.collab[instance]!.port}`
const synced = (c: Client) =>
  new Promise<void>((resolve) => (c.provider.synced ? resolve() : c.provider.once('sync', () => resolve())))

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const converged = (clients: Client[]) => clients.every((c) => c.text.toString() === clients[0]!.text.toString())

/** Types a numbered word into each client in turn every `everyMs` until stopped. */
function keepTyping(clients: Client[], everyMs: number) {
  let n = 0
  const timer = setInterval(() => {
    for (const c of clients) c.text.insert(c.text.length, `${c.label}-${n} `)
    n++
  }, everyMs)
  return {
    stop: () => clearInterval(timer),
    words: () => clients.flatMap((c) => Array.from({ length: n }, (_, i) => `${c.label}-${i} `)),
  }
}

/** Which collab-server instances hold a document right now (their /stats). */
async function instancesHolding(): Promise<number[]> {
  const rooms = await Promise.all(
    cluster.collab.map(async (m) => {
      if (m.process.exitCode !== null || m.process.signalCode !== null) return 0
      const stats = (await (await fetch(`http://127.0.0.1:${m.port}/stats`)).json()) as { rooms: number }
      return stats.rooms
    }),
  )
  return rooms.flatMap((n, i) => (n > 0 ? [i] : []))
}

async function newDocument(substep: '1.1' | '2.1') {
  const lead = await createUser(db, { name: 'Cluster Lead' })
  const plan = await createPlan(db, lead.id)
  return { lead, plan, name: docName({ planId: plan.id, substep }) }
}

describe('co-editing across three collab-server instances behind nginx', () => {
  it('brings six clients spread over the instances to the same text', async () => {
    const { lead, name } = await newDocument('1.1')
    const clients = [
      connect('n1', throughNginx(), name, lead.id),
      connect('n2', throughNginx(), name, lead.id),
      connect('d1', direct(0), name, lead.id),
      connect('d2', direct(1), name, lead.id),
      connect('d3', direct(2), name, lead.id),
      connect('d4', direct(1), name, lead.id),
    ]
    await Promise.all(clients.map(synced))
    expect(await instancesHolding()).toEqual([0, 1, 2])
    const typing = keepTyping(clients, 20)
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    typing.stop()
    await waitFor(() => converged(clients), 30_000, 'all six clients show the same text')
    const text = clients[0]!.text.toString()
    for (const word of typing.words()) expect(text).toContain(word)
  }, 90_000)

  it('loses nothing any client had received when an instance is killed mid-typing; its clients move on', async () => {
    const { lead, name } = await newDocument('2.1')
    const viaNginx = [1, 2, 3].map((i) => connect(`k${i}`, throughNginx(), name, lead.id))
    await Promise.all(viaNginx.map(synced))
    const [victim] = await instancesHolding()
    expect(victim).toBeDefined()
    const observer = connect('obs', direct((victim! + 1) % 3), name, lead.id)
    await synced(observer)
    const everyone = [...viaNginx, observer]
    const typing = keepTyping(everyone, 25)
    await waitFor(() => observer.text.length > 400, 30_000, 'the observer on another instance sees typing')
    // What each client has received at the moment of the kill must survive it.
    const seen = everyone.map((c) => ({ state: Y.encodeStateVector(c.doc), text: c.text.toString() }))
    cluster.collab[victim!]!.process.kill('SIGKILL')
    await cluster.collab[victim!]!.exited
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    typing.stop()
    await waitFor(() => converged(everyone), 45_000, 'the clients of the killed instance reconnect and converge')
    const final = everyone[0]!.doc
    for (const { state } of seen) {
      for (const [client, clock] of Y.decodeStateVector(state)) {
        expect(Y.decodeStateVector(Y.encodeStateVector(final)).get(client) ?? 0).toBeGreaterThanOrEqual(clock)
      }
    }
    const text = final.getText('t').toString()
    for (const word of typing.words()) expect(text).toContain(word)
    // And it is what is stored: a new client, on a surviving instance, reads the same.
    const reader = connect('reader', throughNginx(), name, lead.id)
    await synced(reader)
    await waitFor(() => reader.text.toString() === text, 15_000, 'a new reader sees the stored text')
  }, 120_000)
})

describe('two web processes behind nginx', () => {
  it('keeps a signed-in user working when one web process is killed', async () => {
    const password = 'cluster-password-123'
    const user = await createUser(db, { name: 'Wanda Web', passwordHash: await hashPassword(password) })
    const plan = await createPlan(db, user.id, { title: 'Plan served by two processes' })
    const signIn = await request(cluster.origin, '/login', {
      ca,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: cluster.origin },
      body: new URLSearchParams({ email: user.email, password }).toString(),
    })
    expect(signIn.status).toBe(302)
    const cookie = ([] as string[])
      .concat(signIn.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ')
    expect(cookie).not.toBe('')
    const page = () => request(cluster.origin, `/plans/${plan.id}`, { ca, headers: { cookie } })
    // Round robin: the session works on both processes.
    for (let i = 0; i < 4; i++) {
      const reply = await page()
      expect(reply.status).toBe(200)
      expect(reply.body).toContain('Plan served by two processes')
    }
    cluster.web[0]!.process.kill('SIGKILL')
    await cluster.web[0]!.exited
    for (let i = 0; i < 6; i++) {
      const reply = await page()
      expect(reply.status).toBe(200)
      expect(reply.body).toContain('Plan served by two processes')
    }
    const ticket = await request(cluster.origin, `/api/collab/token?planId=${plan.id}&substep=1.1`, {
      ca,
      headers: { cookie },
    })
    expect(ticket.status).toBe(200)
  }, 60_000)
})
