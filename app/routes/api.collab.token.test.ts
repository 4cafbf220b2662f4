import { describe, expect, it } from 'vitest'
import { docName, TOKEN_TTL_SECONDS, type CollabTicket } from '#core/collab/contract.ts'
import { verifyCollabToken } from '#core/collab/token.server.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import { type PlanRole } from '#core/permissions.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import { getDb } from '../utils/db.server.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { loader } from './api.collab.token.ts'

const db = getDb()
const SECRET = process.env.COLLAB_SECRET!

const ticket = (cookie: string, query: string) =>
  call<CollabTicket & { message?: string }>(() => loader(args(makeRequest(`/api/collab/token?${query}`, { cookie }))))

async function planWith(role: PlanRole) {
  const { user: lead, cookie: leadCookie } = await createUserWithSession(db)
  const plan = await createPlan(db, lead.id)
  if (role === 'lead') return { plan, user: lead, cookie: leadCookie }
  const user = await createUser(db)
  await addMember(db, plan.id, user.id, role, lead.id)
  return { plan, user, cookie: await sessionCookieFor(user.id) }
}

describe('GET /api/collab/token', () => {
  it.each([
    ['lead', 'rw'],
    ['coauthor', 'rw'],
    ['contributor', 'ro'],
    ['viewer', 'ro'],
  ] as const)('gives a %s a %s token for a sub-step’s notes', async (role, mode) => {
    const { plan, user, cookie } = await planWith(role)
    const before = Date.now()
    const res = await ticket(cookie, `planId=${plan.id}&substep=2.1`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    const doc = docName({ planId: plan.id, substep: '2.1' })
    expect(res.data).toMatchObject({ url: '/collab', doc, mode })
    const claims = verifyCollabToken(res.data.token, SECRET)
    expect(claims).toMatchObject({ sub: user.id, doc, mode })
    const expiresAt = Date.parse(res.data.expiresAt)
    expect(expiresAt).toBe(claims!.exp * 1000)
    expect(expiresAt - before).toBeGreaterThan(60_000)
    expect(expiresAt - before).toBeLessThanOrEqual(TOKEN_TTL_SECONDS * 1000 + 1000)
    // Expired a second after its lifetime, and useless with another secret.
    expect(verifyCollabToken(res.data.token, SECRET, expiresAt + 1000)).toBeNull()
    expect(verifyCollabToken(res.data.token, `${SECRET}-other`)).toBeNull()
  })

  it('gives the plan narrative when substep is omitted', async () => {
    const { plan, cookie } = await planWith('coauthor')
    const res = await ticket(cookie, `planId=${plan.id}`)
    expect(res.status).toBe(200)
    expect(res.data.doc).toBe(docName({ planId: plan.id, substep: null }))
    expect(res.data.mode).toBe('rw')
  })

  it('gives an ILO reviewer who is not a member a read-only token', async () => {
    const { plan } = await planWith('lead')
    const { cookie } = await createUserWithSession(db, { globalRole: 'ilo_reviewer', constituency: 'ilo' })
    const res = await ticket(cookie, `planId=${plan.id}&substep=1.1`)
    expect(res.status).toBe(200)
    expect(res.data.mode).toBe('ro')
  })

  it('names the status that makes the document read-only for someone who could edit it in a draft', async () => {
    const { plan, cookie: leadCookie, user: lead } = await planWith('lead')
    const viewer = await createUser(db)
    await addMember(db, plan.id, viewer.id, 'viewer', lead.id)
    const viewerCookie = await sessionCookieFor(viewer.id)
    expect((await ticket(leadCookie, `planId=${plan.id}`)).data).toMatchObject({ mode: 'rw', lock: null })
    await LifecycleRepository.transition(db, {
      planId: plan.id,
      from: 'draft',
      to: 'in_review',
      name: 'submit',
      actorId: lead.id,
      note: null,
    })
    expect((await ticket(leadCookie, `planId=${plan.id}`)).data).toMatchObject({ mode: 'ro', lock: 'in_review' })
    // A viewer reads in every status: nothing to explain by the status.
    expect((await ticket(viewerCookie, `planId=${plan.id}`)).data).toMatchObject({ mode: 'ro', lock: null })
  })

  it('answers 404 to someone who is not on the plan, and for an unknown plan', async () => {
    const { plan } = await planWith('lead')
    const { cookie } = await createUserWithSession(db)
    const refused = await ticket(cookie, `planId=${plan.id}&substep=1.1`)
    expect(refused.status).toBe(404)
    // A real Response (Remix would drop a thrown data()'s body and headers in a resource route).
    expect(refused.data).toEqual({ message: 'Not found' })
    expect(refused.headers.get('Cache-Control')).toBe('no-store')
    expect((await ticket(cookie, `planId=${plan.id}`)).status).toBe(404)
    expect((await ticket(cookie, 'planId=00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await ticket(cookie, 'planId=not-a-uuid')).status).toBe(404)
    expect((await ticket(cookie, '')).status).toBe(404)
  })

  it('answers 400 with a message for an unknown sub-step', async () => {
    const { plan, cookie } = await planWith('lead')
    for (const substep of ['9.9', '1', 'x', '']) {
      const res = await ticket(cookie, `planId=${plan.id}&substep=${substep}`)
      expect(res.status, substep).toBe(400)
      expect(res.data.message).toMatch(/substep/)
      expect(res.headers.get('Cache-Control')).toBe('no-store')
    }
  })

  it('sends someone who is not signed in to the sign-in page', async () => {
    const { plan } = await planWith('lead')
    const res = await ticket('', `planId=${plan.id}`)
    expect(res.status).toBe(302)
    expect(res.location).toMatch(/^\/login/)
  })
})
