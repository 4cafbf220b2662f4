import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { CLOSE_CODES, MAX_MESSAGE_BYTES, TOKEN_TTL_SECONDS, docName } from '#core/collab/contract.ts'
import { mintCollabToken } from '#core/collab/token.server.ts'
import { documentLockedBy, documentMode } from '#core/permissions.ts'
import { startServer, waitFor } from '#collab/test-utils.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import { CollabSession, backoffDelay } from '#app/editor/session.ts'
import { type TicketResult } from '#app/editor/ticket.ts'

let env: Awaited<ReturnType<typeof startServer>>
const sessions: CollabSession[] = []

beforeAll(async () => {
  env = await startServer()
})
afterAll(async () => {
  sessions.forEach((s) => s.destroy())
  await env.stop()
})

/** A browser window as far as the session cares: online/offline events and navigator.onLine. */
function fakeWindow() {
  const target = new EventTarget() as EventTarget & { navigator: { onLine: boolean } }
  target.navigator = { onLine: true }
  return {
    window: target as unknown as Window,
    goOffline() {
      target.navigator.onLine = false
      target.dispatchEvent(new Event('offline'))
    },
    goOnline() {
      target.navigator.onLine = true
      target.dispatchEvent(new Event('online'))
    },
  }
}

/** What the token route does, against the test database; `issuedAt` lets a test mint stale tokens. */
function ticketFor(userId: string, doc: string, planId: string, counter: { calls: number; issuedAt?: number }) {
  return async (): Promise<TicketResult> => {
    counter.calls++
    const user = await env.db
      .selectFrom('users')
      .select(['id', 'global_role'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
    const plan = await env.db.selectFrom('plans').select('status').where('id', '=', planId).executeTakeFirstOrThrow()
    const actor = { id: user.id, globalRole: user.global_role }
    const role = await MemberRepository.findRole(env.db, planId, userId)
    const mode = documentMode(actor, role, plan.status)
    if (!mode) return { ok: false, reason: 'noAccess' }
    const { token, expiresAt } = mintCollabToken(
      { sub: userId, doc, mode },
      process.env.COLLAB_SECRET!,
      counter.issuedAt ?? Date.now(),
    )
    counter.issuedAt = undefined
    return {
      ok: true,
      ticket: {
        url: env.url,
        doc,
        token,
        mode,
        expiresAt: expiresAt.toISOString(),
        lock: documentLockedBy(actor, role, plan.status),
      },
    }
  }
}

async function open(
  userId: string,
  planId: string,
  options: { issuedAt?: number; window?: Window; maxMessageBytes?: number; refreshMarginMs?: number } = {},
) {
  const doc = docName({ planId, substep: '1.1' })
  const counter = { calls: 0, issuedAt: options.issuedAt }
  const fetchTicket = ticketFor(userId, doc, planId, counter)
  const first = await fetchTicket()
  if (!first.ok) throw new Error('no ticket')
  const session = new CollabSession(first.ticket, {
    fetchTicket,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    baseDelayMs: 20,
    maxDelayMs: 200,
    window: options.window,
    maxMessageBytes: options.maxMessageBytes,
    refreshMarginMs: options.refreshMarginMs,
  })
  sessions.push(session)
  const ydoc = new Y.Doc()
  const provider = session.createProvider(ydoc)
  provider.awareness.setLocalState({ name: 'Someone else entirely', color: '#000000' })
  provider.connect()
  return { session, ydoc, provider, text: ydoc.getText('t'), counter, firstTicket: first.ticket }
}

async function team() {
  const lead = await createUser(env.db, { name: 'Ratna Lead' })
  const plan = await createPlan(env.db, lead.id)
  const coauthor = await createUser(env.db, { name: 'Budi Coauthor', constituency: 'workers' })
  await addMember(env.db, plan.id, coauthor.id, 'coauthor', lead.id)
  return { lead, plan, coauthor }
}

/** The lead (whose network the test controls) and a co-author, both connected; then the lead goes offline. */
async function leadOfflineBesideCoauthor() {
  const { lead, plan, coauthor } = await team()
  const net = fakeWindow()
  const a = await open(lead.id, plan.id, { window: net.window })
  const b = await open(coauthor.id, plan.id)
  await waitFor(
    () => a.session.getSnapshot().connection === 'connected' && b.session.getSnapshot().connection === 'connected',
  )
  net.goOffline()
  return { a, b, net }
}

/** Issued so that the token expires 2.5–3.5 s from now. */
const expiringSoon = () => Date.now() - TOKEN_TTL_SECONDS * 1000 + 3_500

describe('CollabSession against the collab-server', () => {
  it('syncs, reports saved only once the server acknowledged the local edits, and shows who else is here', async () => {
    const { lead, plan, coauthor } = await team()
    const a = await open(lead.id, plan.id)
    const b = await open(coauthor.id, plan.id)
    await waitFor(
      () => a.session.getSnapshot().connection === 'connected' && b.session.getSnapshot().connection === 'connected',
    )
    await waitFor(() => a.session.getSnapshot().acknowledged)
    expect(a.session.getSnapshot()).toMatchObject({ mode: 'rw', unsaved: false })
    a.text.insert(0, 'hello')
    expect(a.session.getSnapshot().unsaved).toBe(true)
    await waitFor(() => b.text.toString() === 'hello')
    await waitFor(() => !a.session.getSnapshot().unsaved)
    // The receiver has nothing of its own to save.
    expect(b.session.getSnapshot().unsaved).toBe(false)
    // Identity comes from the server, not from what the client claimed.
    await waitFor(() => a.session.getSnapshot().others.length === 1)
    expect(a.session.getSnapshot().others[0]).toMatchObject({ userId: coauthor.id, name: 'Budi Coauthor' })
    expect(a.session.getSnapshot().others[0]!.color).toMatch(/^#[0-9a-f]{6}$/)
    await waitFor(() => b.session.getSnapshot().others[0]?.userId === lead.id)
  })

  it('fetches a fresh token and reconnects when its token has expired', async () => {
    const { lead, plan } = await team()
    const a = await open(lead.id, plan.id, { issuedAt: Date.now() - 10 * 60_000 })
    await waitFor(() => a.session.getSnapshot().connection === 'connected')
    expect(a.counter.calls).toBe(2)
  })

  it('sends a fresh token before the old one expires: the connection stays open and others never see it leave', async () => {
    const { lead, plan, coauthor } = await team()
    const b = await open(coauthor.id, plan.id)
    await waitFor(() => b.session.getSnapshot().connection === 'connected')
    const a = await open(lead.id, plan.id, { issuedAt: expiringSoon(), refreshMarginMs: 2_000 })
    const closes: unknown[] = []
    a.provider.on('connection-close', (event) => closes.push(event))
    await waitFor(() => b.session.getSnapshot().others.length === 1)
    let othersLeft = false
    b.session.subscribe(() => (othersLeft ||= b.session.getSnapshot().others.length === 0))
    // Until just past the first token's expiry (rather than a flat 4 s): server and session run in
    // this process, so the server's expiry timer, due earlier, has fired by then.
    await new Promise((r) => setTimeout(r, Date.parse(a.firstTicket.expiresAt) + 200 - Date.now()))
    expect(a.counter.calls).toBe(2)
    expect(closes).toEqual([])
    expect(othersLeft).toBe(false)
    a.text.insert(0, 'after the first token expired')
    await waitFor(() => b.text.toString() === 'after the first token expired')
  })

  it('reconnects at once with a fresh token when the server ends a connection whose token expired, keeping edits', async () => {
    const { lead, plan, coauthor } = await team()
    const b = await open(coauthor.id, plan.id)
    // A refresh scheduled after expiry, i.e. too late: the server closes first.
    const a = await open(lead.id, plan.id, { issuedAt: expiringSoon(), refreshMarginMs: -60_000 })
    await waitFor(
      () => a.session.getSnapshot().connection === 'connected' && b.session.getSnapshot().connection === 'connected',
    )
    const closed = new Promise<number>((resolve) => a.provider.once('closed', ({ code }) => resolve(code)))
    expect(await closed).toBe(CLOSE_CODES.tokenExpired)
    a.text.insert(0, 'typed while reconnecting')
    await waitFor(() => b.text.toString() === 'typed while reconnecting')
    await waitFor(() => a.session.getSnapshot().connection === 'connected' && !a.session.getSnapshot().unsaved)
    expect(a.counter.calls).toBe(2)
    expect(a.session.getSnapshot().stranded).toBeNull()
  })

  it('backs off instead of looping when every token is refused', async () => {
    const { lead, plan } = await team()
    const doc = docName({ planId: plan.id, substep: '1.1' })
    let calls = 0
    const badTicket = async (): Promise<TicketResult> => {
      calls++
      const { token, expiresAt } = mintCollabToken(
        { sub: lead.id, doc, mode: 'rw' },
        'another-secret-that-is-long-enough-0123456789',
      )
      return {
        ok: true,
        ticket: { url: env.url, doc, token, mode: 'rw', expiresAt: expiresAt.toISOString(), lock: null },
      }
    }
    const first = await badTicket()
    if (!first.ok) throw new Error('no ticket')
    const session = new CollabSession(first.ticket, {
      fetchTicket: badTicket,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      baseDelayMs: 200,
      maxDelayMs: 2_000,
    })
    sessions.push(session)
    session.createProvider(new Y.Doc()).connect()
    await new Promise((r) => setTimeout(r, 1_500))
    expect(session.getSnapshot().connection).toBe('reconnecting')
    // One immediate retry, then 100-200, 200-400, 400-800 ms…: a handful of attempts, not hundreds.
    expect(calls).toBeGreaterThanOrEqual(3)
    expect(calls).toBeLessThanOrEqual(6)
  })

  it('switches to read-only when the person is downgraded, and stops when they are removed', async () => {
    const { lead, plan, coauthor } = await team()
    const b = await open(coauthor.id, plan.id)
    await waitFor(() => b.session.getSnapshot().connection === 'connected')
    const closed = new Promise<number>((resolve) => b.provider.once('closed', ({ code }) => resolve(code)))
    await addMember(env.db, plan.id, coauthor.id, 'viewer', lead.id)
    expect(await closed).toBe(CLOSE_CODES.permissionChanged)
    await waitFor(() => b.session.getSnapshot().mode === 'ro' && b.session.getSnapshot().connection === 'connected')
    // Nothing of theirs was pending: no warning about lost edits; the reason is their role.
    expect(b.session.getSnapshot()).toMatchObject({ stranded: null, modeChange: 'roleDowngraded', lock: null })
    await env.db.deleteFrom('plan_members').where('plan_id', '=', plan.id).where('user_id', '=', coauthor.id).execute()
    await waitFor(() => b.session.getSnapshot().connection === 'noAccess')
  })

  it('follows the plan’s status at once: read-only when it is submitted, editable when it is back in draft, saying why', async () => {
    const { lead, plan, coauthor } = await team()
    const a = await open(lead.id, plan.id)
    const b = await open(coauthor.id, plan.id)
    await waitFor(
      () => a.session.getSnapshot().connection === 'connected' && b.session.getSnapshot().connection === 'connected',
    )
    // Far from their token's refresh: only the status change can explain a new mode.
    expect(b.counter.calls).toBe(1)
    await LifecycleRepository.transition(env.db, {
      planId: plan.id,
      from: 'draft',
      to: 'in_review',
      name: 'submit',
      actorId: lead.id,
      note: null,
    })
    await waitFor(() => b.session.getSnapshot().mode === 'ro' && b.session.getSnapshot().connection === 'connected')
    expect(b.session.getSnapshot()).toMatchObject({
      lock: 'in_review',
      modeChange: 'locked',
      modeChanges: 1,
      stranded: null,
    })
    await LifecycleRepository.transition(env.db, {
      planId: plan.id,
      from: 'in_review',
      to: 'draft',
      name: 'withdraw',
      actorId: lead.id,
      note: null,
    })
    await waitFor(() => b.session.getSnapshot().mode === 'rw' && b.session.getSnapshot().connection === 'connected')
    expect(b.session.getSnapshot()).toMatchObject({ lock: null, modeChange: 'unlocked', modeChanges: 2 })
    // And the connection it reopened writes.
    b.text.insert(0, 'written after the withdrawal')
    await waitFor(() => a.text.toString() === 'written after the withdrawal')
    expect(b.counter.calls).toBe(3)
  })

  it('says the edits were stranded by the plan’s status, not by a change of role, when it is submitted meanwhile', async () => {
    const { lead, plan, coauthor } = await team()
    const net = fakeWindow()
    const b = await open(coauthor.id, plan.id, { window: net.window })
    await waitFor(() => b.session.getSnapshot().connection === 'connected')
    net.goOffline()
    b.text.insert(0, 'typed just before the submission')
    await LifecycleRepository.transition(env.db, {
      planId: plan.id,
      from: 'draft',
      to: 'in_review',
      name: 'submit',
      actorId: lead.id,
      note: null,
    })
    net.goOnline()
    await waitFor(() => b.session.getSnapshot().mode === 'ro' && b.session.getSnapshot().connection === 'connected')
    expect(b.session.getSnapshot()).toMatchObject({ stranded: 'locked', modeChange: 'locked', unsaved: true })
  })

  it('never sends an edit above the size limit, stops instead of reconnecting, and keeps the text as stranded', async () => {
    const { lead, plan, coauthor } = await team()
    const a = await open(lead.id, plan.id)
    const b = await open(coauthor.id, plan.id)
    await waitFor(
      () => a.session.getSnapshot().connection === 'connected' && b.session.getSnapshot().connection === 'connected',
    )
    const huge = 'y'.repeat(MAX_MESSAGE_BYTES + 1)
    a.text.insert(0, huge)
    expect(a.session.getSnapshot()).toMatchObject({ connection: 'tooLarge', stranded: 'tooLarge', unsaved: true })
    await new Promise((r) => setTimeout(r, 300))
    expect(a.counter.calls).toBe(1)
    expect(a.provider.wsconnected || a.provider.wsconnecting).toBe(false)
    expect(a.text.toString()).toBe(huge)
    expect(b.text.toString()).toBe('')
  })

  it('stops for good when the server closes because an edit was too large (no reconnect loop)', async () => {
    const { lead, plan } = await team()
    // A client that does not know the limit: the server's close code alone must stop it.
    const a = await open(lead.id, plan.id, { maxMessageBytes: Number.POSITIVE_INFINITY })
    await waitFor(() => a.session.getSnapshot().connection === 'connected')
    const closed = new Promise<number>((resolve) => a.provider.once('closed', ({ code }) => resolve(code)))
    a.text.insert(0, 'z'.repeat(MAX_MESSAGE_BYTES + 1))
    expect(await closed).toBe(CLOSE_CODES.messageTooLarge)
    expect(a.session.getSnapshot()).toMatchObject({ connection: 'tooLarge', stranded: 'tooLarge' })
    await new Promise((r) => setTimeout(r, 300))
    expect(a.counter.calls).toBe(1)
  })

  it('reports edits still unsaved when the person is downgraded to read-only, instead of dropping them silently', async () => {
    const { lead, plan, coauthor } = await team()
    const net = fakeWindow()
    const a = await open(lead.id, plan.id)
    const b = await open(coauthor.id, plan.id, { window: net.window })
    await waitFor(
      () => a.session.getSnapshot().connection === 'connected' && b.session.getSnapshot().connection === 'connected',
    )
    net.goOffline()
    b.text.insert(0, 'typed just before the downgrade')
    await addMember(env.db, plan.id, coauthor.id, 'viewer', lead.id)
    net.goOnline()
    await waitFor(() => b.session.getSnapshot().mode === 'ro' && b.session.getSnapshot().connection === 'connected')
    expect(b.session.getSnapshot()).toMatchObject({ stranded: 'readOnly', unsaved: true })
    // The server refused them: the lead never sees them; this tab still has them to offer.
    await new Promise((r) => setTimeout(r, 200))
    expect(a.text.toString()).toBe('')
    expect(b.text.toString()).toBe('typed just before the downgrade')
  })

  it('reports unsaved edits when access is removed altogether', async () => {
    const { plan, coauthor } = await team()
    const net = fakeWindow()
    const b = await open(coauthor.id, plan.id, { window: net.window })
    await waitFor(() => b.session.getSnapshot().connection === 'connected')
    net.goOffline()
    b.text.insert(0, 'typed before removal')
    await env.db.deleteFrom('plan_members').where('plan_id', '=', plan.id).where('user_id', '=', coauthor.id).execute()
    net.goOnline()
    await waitFor(() => b.session.getSnapshot().connection === 'noAccess')
    expect(b.session.getSnapshot().stranded).toBe('noAccess')
  })

  it('keeps edits made offline and sends them when the connection returns', async () => {
    const { a, b, net } = await leadOfflineBesideCoauthor()
    expect(a.session.getSnapshot().connection).toBe('offline')
    a.text.insert(0, 'written offline')
    expect(a.session.getSnapshot().unsaved).toBe(true)
    await new Promise((r) => setTimeout(r, 100))
    expect(b.text.toString()).toBe('')
    net.goOnline()
    await waitFor(() => b.text.toString() === 'written offline')
    await waitFor(() => a.session.getSnapshot().connection === 'connected' && !a.session.getSnapshot().unsaved)
  })

  it('sends edits made offline that add up to more than one frame may hold, in several frames, and saves them', async () => {
    const { a, b, net } = await leadOfflineBesideCoauthor()
    // Each paragraph is well below the limit; together they are 1.5 times it.
    const paragraph = 'Inspection visits planned for the palm oil estates. '.repeat(6_000)
    for (let i = 0; i < 6; i++) a.text.insert(a.text.length, paragraph)
    expect(a.text.length).toBeGreaterThan(MAX_MESSAGE_BYTES * 1.5)
    net.goOnline()
    await waitFor(() => b.text.length === a.text.length, 20_000)
    await waitFor(() => a.session.getSnapshot().connection === 'connected' && !a.session.getSnapshot().unsaved, 20_000)
    expect(a.session.getSnapshot().stranded).toBeNull()
    expect(b.text.toString()).toBe(a.text.toString())
  })
})

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with jitter between half and all of it', () => {
    expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250)
    expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500)
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000)
    expect(backoffDelay(50, 500, 30_000, () => 0.5)).toBe(22_500)
  })
})
