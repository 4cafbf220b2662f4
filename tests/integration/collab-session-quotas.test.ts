// The editor's session when the collab-server enforces its quotas (ADR 034): a full document hands
// the text back; an exhausted byte budget pauses, then the unsaved edits are sent and saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { docName } from '#core/collab/contract.ts'
import { mintCollabToken } from '#core/collab/token.server.ts'
import { startServer, waitFor } from '#collab/test-utils.ts'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { CollabSession, type ConnectionState } from '#app/editor/session.ts'

const KIB = 1024
let fullEnv: Awaited<ReturnType<typeof startServer>>
let budgetEnv: Awaited<ReturnType<typeof startServer>>
const sessions: CollabSession[] = []

beforeAll(async () => {
  fullEnv = await startServer({ limits: { maxDocumentBytes: 64 * KIB } })
  budgetEnv = await startServer({ limits: { userBytesBurst: 128 * KIB, userBytesPerSecond: 64 * KIB } })
})
afterAll(async () => {
  sessions.forEach((s) => s.destroy())
  await fullEnv.stop()
  await budgetEnv.stop()
})

function filler(n: number): string {
  let s = ''
  while (s.length < n) s += Math.random().toString(36).slice(2)
  return s.slice(0, n)
}

async function open(env: typeof fullEnv) {
  const lead = await createUser(env.db)
  const plan = await createPlan(env.db, lead.id)
  const doc = docName({ planId: plan.id, substep: '1.1' })
  const fetchTicket = async () => {
    const { token, expiresAt } = mintCollabToken({ sub: lead.id, doc, mode: 'rw' }, process.env.COLLAB_SECRET!)
    return {
      ok: true as const,
      ticket: { url: env.url, doc, token, mode: 'rw' as const, expiresAt: expiresAt.toISOString(), lock: null },
    }
  }
  const first = await fetchTicket()
  const session = new CollabSession(first.ticket, {
    fetchTicket,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    baseDelayMs: 20,
    maxDelayMs: 200,
  })
  sessions.push(session)
  const ydoc = new Y.Doc()
  session.createProvider(ydoc).connect()
  await waitFor(() => session.getSnapshot().connection === 'connected', 20_000)
  return { session, text: ydoc.getText('t') }
}

describe('CollabSession and the collab quotas', () => {
  it('stops when the document is full and keeps the text as stranded', async () => {
    const { session, text } = await open(fullEnv)
    const typed = filler(100 * KIB)
    text.insert(0, typed)
    await waitFor(() => session.getSnapshot().connection === 'documentFull', 20_000)
    expect(session.getSnapshot()).toMatchObject({ stranded: 'documentFull', unsaved: true })
    expect(text.toString()).toBe(typed)
  })

  it('pauses when the byte budget is spent, then sends the unsaved edits and saves them', async () => {
    const { session, text } = await open(budgetEnv)
    const states = new Set<ConnectionState>()
    session.subscribe(() => states.add(session.getSnapshot().connection))
    for (let i = 0; i < 4; i++) text.insert(text.length, filler(60 * KIB))
    await waitFor(() => states.has('throttled'), 20_000)
    await waitFor(() => session.getSnapshot().connection === 'connected' && !session.getSnapshot().unsaved, 30_000)
    expect(session.getSnapshot().stranded).toBeNull()
  })
})
