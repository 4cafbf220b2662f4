import { describe, expect, it } from 'vitest'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { action as commentAction } from './plans.$planId.comments.tsx'
import { loader as overviewLoader } from './plans.$planId._index.tsx'

const db = getDb()
const comment = (planId: string, cookie: string, form: Record<string, string>) =>
  call(() => commentAction(args(makeRequest(`/plans/${planId}/comments`, { cookie, form }), { planId })))
const overview = (planId: string, cookie: string) =>
  call(() => overviewLoader(args(makeRequest(`/plans/${planId}`, { cookie }), { planId })))

describe('review comments', () => {
  it('counts an ILO reviewer’s comments as open reviews until the lead resolves them', async () => {
    const { user: lead, cookie: leadCookie } = await createUserWithSession(db)
    const plan = await createPlan(db, lead.id)
    const contributor = await createUser(db)
    await addMember(db, plan.id, contributor.id, 'contributor', lead.id)
    const contributorCookie = await sessionCookieFor(contributor.id)
    const { cookie: reviewer } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })

    const posted = await comment(plan.id, reviewer, {
      subjectType: 'substep',
      subjectId: '2.2',
      body: 'Explain the leverage scores.',
    })
    expect(posted.status).toBe(200)
    const review = posted.data.comments[0]
    expect(review).toMatchObject({ is_review: true, resolved_at: null })
    await comment(plan.id, contributorCookie, {
      subjectType: 'substep',
      subjectId: '2.2',
      body: 'A member comment is not a review.',
    })
    await comment(plan.id, reviewer, {
      subjectType: 'substep',
      subjectId: '2.2',
      parentId: review.id,
      body: 'A reply is not a new review.',
    })
    expect((await overview(plan.id, leadCookie)).data.reviews).toEqual({ total: 1, bySubject: { '2.2': 1 } })

    expect(
      (await comment(plan.id, contributorCookie, { intent: 'review:resolve', id: review.id, resolved: 'true' })).status,
    ).toBe(403)
    expect(
      (await comment(plan.id, reviewer, { intent: 'review:resolve', id: review.id, resolved: 'true' })).status,
    ).toBe(403)
    expect(
      (await comment(plan.id, leadCookie, { intent: 'review:resolve', id: 'not-a-uuid', resolved: 'true' })).status,
    ).toBe(400)
    const resolved = await comment(plan.id, leadCookie, { intent: 'review:resolve', id: review.id, resolved: 'true' })
    expect(resolved.status).toBe(200)
    expect((await overview(plan.id, leadCookie)).data.reviews.total).toBe(0)
  })

  it('cannot resolve a comment of another plan', async () => {
    const { user: lead, cookie } = await createUserWithSession(db)
    const mine = await createPlan(db, lead.id)
    const { user: other } = await createUserWithSession(db)
    const theirs = await createPlan(db, other.id)
    const { cookie: reviewer } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    const posted = await comment(theirs.id, reviewer, {
      subjectType: 'substep',
      subjectId: '1.1',
      body: 'Check the mandate.',
    })
    const res = await comment(mine.id, cookie, {
      intent: 'review:resolve',
      id: posted.data.comments[0].id,
      resolved: 'true',
    })
    expect(res.status).toBe(404)
  })
})
