import { describe, expect, it } from 'vitest'
import { addMember, createOrganisation, createPlan, createUser } from '#tests/factories/index.ts'
import { parseNotification } from '#core/notifications.ts'
import { type NotificationKind } from '#core/vocabulary.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import * as UserRepository from '#db/repositories/users.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { action as commentAction } from './plans.$planId.comments.tsx'
import { action } from './plans.$planId.review.tsx'

// Who is told what about the review cycle (ADR 061), through the routes people use.

const db = getDb()

const post = (planId: string, cookie: string, form: Record<string, string>, query = '') =>
  call(() => action(args(makeRequest(`/plans/${planId}/review${query}`, { cookie, form }), { planId })))
const comment = (planId: string, cookie: string, form: Record<string, string>) =>
  call(() => commentAction(args(makeRequest(`/plans/${planId}/comments`, { cookie, form }), { planId })))

/** The notifications of one plan, as (person, kind) pairs and with their params. */
async function told(planId: string, kind?: NotificationKind) {
  let query = db
    .selectFrom('notifications')
    .select(['user_id', 'kind', 'params', 'path', 'actor_id'])
    .where('plan_id', '=', planId)
  if (kind) query = query.where('kind', '=', kind)
  return query.orderBy('created_at').execute()
}
const people = async (planId: string, kind: NotificationKind) => (await told(planId, kind)).map((r) => r.user_id).sort()

/**
 * A tripartite plan: a government lead, a workers' co-author, an employers' contributor, a viewer
 * from the workers' organisation, an inactive co-author, two reviewers (one inactive).
 */
async function team() {
  const { user: lead, cookie: leadCookie } = await createUserWithSession(db, { constituency: 'government' })
  const plan = await createPlan(db, lead.id, { title: 'Palm oil plan' })
  const workers = await createOrganisation(db, { constituency: 'workers', acronym: 'FTU' })
  const union = await createUser(db, { organisationId: workers.id })
  await addMember(db, plan.id, union.id, 'coauthor', lead.id)
  const employer = await createUser(db, {
    organisationId: (await createOrganisation(db, { constituency: 'employers', acronym: 'EFE' })).id,
  })
  await addMember(db, plan.id, employer.id, 'contributor', lead.id)
  const viewer = await createUser(db, { organisationId: workers.id })
  await addMember(db, plan.id, viewer.id, 'viewer', lead.id)
  const gone = await createUser(db, { constituency: 'government' })
  await addMember(db, plan.id, gone.id, 'coauthor', lead.id)
  await UserRepository.updateActive(db, gone.id, false)
  const { user: reviewer, cookie: reviewerCookie } = await createUserWithSession(db, {
    constituency: 'ilo',
    globalRole: 'ilo_reviewer',
    name: 'Rita Reviewer',
    // Approving needs a session that proved a second factor (ADR 064).
    secondFactor: true,
  })
  const retired = await createUser(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
  await UserRepository.updateActive(db, retired.id, false)
  const outsider = await createUser(db, { constituency: 'workers' })
  return {
    plan,
    lead,
    leadCookie,
    union,
    unionCookie: await sessionCookieFor(union.id),
    employer,
    employerCookie: await sessionCookieFor(employer.id),
    viewer,
    gone,
    reviewer,
    reviewerCookie,
    retired,
    outsider,
  }
}
type Team = Awaited<ReturnType<typeof team>>

const submit = (t: Team) => post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })
const endorse = (t: Team, cookie: string, decision = 'endorse', extra: Record<string, string> = {}) =>
  post(t.plan.id, cookie, { intent: 'endorse', decision, ...extra })

describe('a submission', () => {
  it('asks the active ILO reviewers to review and the tripartite team members to endorse', async () => {
    const t = await team()
    expect((await submit(t)).status).toBe(200)

    const reviewers = await people(t.plan.id, 'plan_submitted')
    expect(reviewers).toContain(t.reviewer.id)
    expect(reviewers).not.toContain(t.retired.id)
    for (const member of [t.lead, t.union, t.employer, t.viewer]) expect(reviewers).not.toContain(member.id)

    // The lead submitted: not told. The viewer may not endorse; the inactive co-author is gone.
    expect(await people(t.plan.id, 'endorsement_requested')).toEqual([t.union.id, t.employer.id].sort())
    const [request] = (await told(t.plan.id, 'endorsement_requested')).filter((r) => r.user_id === t.union.id)
    expect(parseNotification('endorsement_requested', request!.params)).toEqual({
      kind: 'endorsement_requested',
      params: expect.objectContaining({ planTitle: 'Palm oil plan', organisation: 'FTU', constituency: 'workers' }),
    })
    const [mine] = (await told(t.plan.id, 'plan_submitted')).filter((r) => r.user_id === t.reviewer.id)
    expect(mine).toMatchObject({ path: `/plans/${t.plan.id}/review`, actor_id: t.lead.id })
    expect(mine!.params).toMatchObject({ planTitle: 'Palm oil plan', actorName: t.lead.name, submission: 1 })
  })

  it('tells nobody when the transition rolls back, or is refused', async () => {
    const t = await team()
    await expect(
      db.transaction().execute(async (trx) => {
        await LifecycleRepository.transition(trx, {
          planId: t.plan.id,
          from: 'draft',
          to: 'in_review',
          name: 'submit',
          actorId: t.lead.id,
          note: null,
        })
        expect(
          await trx.selectFrom('notifications').select('id').where('plan_id', '=', t.plan.id).execute(),
        ).not.toEqual([])
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(await told(t.plan.id)).toEqual([])

    // A stale "from": refused with 409, and nothing told.
    const stale = await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'in_review', name: 'withdraw' })
    expect(stale.status).toBe(409)
    expect(await told(t.plan.id)).toEqual([])
  })
})

describe('the reviewer’s decision', () => {
  it('returns the plan to the team with the note, not to viewers, inactive members or other teams', async () => {
    const t = await team()
    await submit(t)
    const note = `Please rework the targets. ${'More detail. '.repeat(40)}`
    const returned = await post(t.plan.id, t.reviewerCookie, {
      intent: 'transition',
      from: 'in_review',
      name: 'returnForChanges',
      note,
    })
    expect(returned.status).toBe(200)
    expect(await people(t.plan.id, 'plan_returned')).toEqual([t.lead.id, t.union.id, t.employer.id].sort())
    const [row] = await told(t.plan.id, 'plan_returned')
    const parsed = parseNotification('plan_returned', row!.params)
    expect(parsed?.kind).toBe('plan_returned')
    if (parsed?.kind !== 'plan_returned') return
    expect(parsed.params.actorName).toBe('Rita Reviewer')
    expect(parsed.params.note.startsWith('Please rework the targets.')).toBe(true)
    expect(parsed.params.note.length).toBeLessThanOrEqual(280)
    expect(parsed.params.note.endsWith('…')).toBe(true)
    const everyone = (await told(t.plan.id)).map((r) => r.user_id)
    expect(everyone).not.toContain(t.outsider.id)
    expect(everyone).not.toContain(t.gone.id)
  })

  it('tells the team of an approval with every endorsement', async () => {
    const t = await team()
    await submit(t)
    for (const cookie of [t.leadCookie, t.unionCookie, t.employerCookie])
      expect((await endorse(t, cookie)).status).toBe(200)
    const approved = await post(
      t.plan.id,
      t.reviewerCookie,
      { intent: 'transition', from: 'in_review', name: 'approve' },
      '?approve',
    )
    expect(approved.status).toBe(302)
    expect(await people(t.plan.id, 'plan_approved')).toEqual([t.lead.id, t.union.id, t.employer.id].sort())
    expect(await told(t.plan.id, 'endorsement_overridden')).toEqual([])
    const [row] = await told(t.plan.id, 'plan_approved')
    expect(row!.params).toMatchObject({ version: 1, actorName: 'Rita Reviewer' })
  })

  it('tells the team and the organisations concerned of an override, once each, with the reason', async () => {
    const t = await team()
    await submit(t)
    await endorse(t, t.leadCookie)
    await endorse(t, t.employerCookie, 'object', { comment: 'The wage targets are not ours.' })
    // Nothing approved without a reason: refused, and nobody told of an approval.
    const refused = await post(
      t.plan.id,
      t.reviewerCookie,
      { intent: 'transition', from: 'in_review', name: 'approve' },
      '?approve',
    )
    expect(refused.status).toBe(409)
    expect(await told(t.plan.id, 'endorsement_overridden')).toEqual([])
    const approved = await post(
      t.plan.id,
      t.reviewerCookie,
      { intent: 'transition', from: 'in_review', name: 'approve', overrideReason: 'The deadline is statutory.' },
      '?approve',
    )
    expect(approved.status).toBe(302)
    // The workers' viewer is told: their organisation's endorsement was missing. A plain approval is not sent too.
    expect(await people(t.plan.id, 'endorsement_overridden')).toEqual(
      [t.lead.id, t.union.id, t.employer.id, t.viewer.id].sort(),
    )
    expect(await told(t.plan.id, 'plan_approved')).toEqual([])
    const [row] = await told(t.plan.id, 'endorsement_overridden')
    expect(row!.params).toMatchObject({
      reason: 'The deadline is statutory.',
      missing: ['workers', 'employers'],
      objections: ['EFE'],
      version: 1,
    })
  })
})

describe('endorsements', () => {
  it('tell the plan’s leads and the active ILO reviewers, with the decision and comment', async () => {
    const t = await team()
    await submit(t)
    expect((await endorse(t, t.unionCookie, 'object', { comment: 'Not yet.' })).status).toBe(200)
    const recipients = await people(t.plan.id, 'endorsement_recorded')
    expect(recipients).toContain(t.lead.id)
    expect(recipients).toContain(t.reviewer.id)
    for (const other of [t.union, t.employer, t.viewer, t.retired, t.outsider])
      expect(recipients).not.toContain(other.id)
    const [row] = (await told(t.plan.id, 'endorsement_recorded')).filter((r) => r.user_id === t.lead.id)
    expect(row!.params).toMatchObject({
      organisation: 'FTU',
      constituency: 'workers',
      decision: 'object',
      comment: 'Not yet.',
      actorName: t.union.name,
    })
  })
})

describe('review comments and replies', () => {
  async function recordBy(t: Team, authorId: string) {
    return ItemRepository.insert(db, {
      planId: t.plan.id,
      kind: 'mandate',
      refPrefix: 'M',
      data: { instrument: 'Act', powerType: 'entry_inspection' },
      actorId: authorId,
    })
  }

  it('tells a record’s author of a review comment on it, linking to the record on its sub-step', async () => {
    const t = await team()
    const record = await recordBy(t, t.union.id)
    const posted = await comment(t.plan.id, t.reviewerCookie, {
      subjectType: 'item',
      subjectId: record.id,
      body: 'Which article gives this power?',
    })
    expect(posted.status).toBe(200)
    const rows = await told(t.plan.id, 'review_comment')
    expect(rows.map((r) => r.user_id)).toEqual([t.union.id])
    expect(rows[0]!.path).toBe(`/plans/${t.plan.id}/steps/1.1#item-${record.id}`)
    expect(rows[0]!.params).toMatchObject({ subject: 'item', ref: record.ref, reply: false })
  })

  it('tells nobody of an ordinary discussion comment', async () => {
    const t = await team()
    const record = await recordBy(t, t.union.id)
    await comment(t.plan.id, t.employerCookie, { subjectType: 'item', subjectId: record.id, body: 'Agreed.' })
    expect(await told(t.plan.id)).toEqual([])
  })

  it('tells the author of the comment answered, and in a review thread the record’s author, once each', async () => {
    const t = await team()
    const record = await recordBy(t, t.lead.id)
    const review = await comment(t.plan.id, t.reviewerCookie, {
      subjectType: 'item',
      subjectId: record.id,
      body: 'Source?',
    })
    const reviewId = review.data.comments[0].id as string
    // The lead answers the reviewer: the reviewer is told (the lead wrote the record, but acted).
    const answered = await comment(t.plan.id, t.leadCookie, {
      subjectType: 'item',
      subjectId: record.id,
      parentId: reviewId,
      body: 'The 2019 Act.',
    })
    const thread = answered.data.comments as { id: string; body: string }[]
    const leadsComment = thread.find((c) => c.body === 'The 2019 Act.')!
    // The co-author replies to the lead's reply: the lead is told once, though both the record's author and the parent's.
    await comment(t.plan.id, t.unionCookie, {
      subjectType: 'item',
      subjectId: record.id,
      parentId: leadsComment.id,
      body: 'And its 2021 amendment.',
    })
    const rows = await told(t.plan.id, 'review_comment')
    const byUser = (id: string) => rows.filter((r) => r.user_id === id)
    expect(byUser(t.reviewer.id).map((r) => r.params)).toEqual([
      expect.objectContaining({ reply: true, excerpt: 'The 2019 Act.' }),
    ])
    expect(byUser(t.lead.id).map((r) => (r.params as { excerpt: string }).excerpt)).toEqual([
      'Source?',
      'And its 2021 amendment.',
    ])
    expect(byUser(t.union.id)).toEqual([])
  })

  it('tells the leads of a review comment on a sub-step, not the viewers or inactive members', async () => {
    const t = await team()
    await comment(t.plan.id, t.reviewerCookie, { subjectType: 'substep', subjectId: '2.2', body: 'Explain.' })
    const rows = await told(t.plan.id, 'review_comment')
    expect(rows.map((r) => r.user_id)).toEqual([t.lead.id])
    expect(rows[0]!.path).toBe(`/plans/${t.plan.id}/steps/2.2#discussion`)
  })

  it('does not tell a record’s author who may no longer read the plan', async () => {
    const t = await team()
    const record = await recordBy(t, t.employer.id)
    await db.deleteFrom('plan_members').where('plan_id', '=', t.plan.id).where('user_id', '=', t.employer.id).execute()
    await comment(t.plan.id, t.reviewerCookie, { subjectType: 'item', subjectId: record.id, body: 'Why?' })
    expect(await told(t.plan.id, 'review_comment')).toEqual([])
  })
})
