import { describe, expect, it } from 'vitest'
import { addMember, createPlan } from '#tests/factories/index.ts'
import * as ActivityRepository from '#db/repositories/activity.ts'
import * as CommentRepository from '#db/repositories/comments.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { type PlanRole } from '#core/permissions.ts'
import { action, loader } from './plans.$planId.comments.tsx'
import * as substepPage from './plans.$planId.steps.$substep.tsx'

const db = getDb()

async function setup() {
  const { user: lead, cookie } = await createUserWithSession(db, { name: 'Ratna Lead' })
  const plan = await createPlan(db, lead.id)
  const item = await ItemRepository.insert(db, {
    planId: plan.id,
    kind: 'mandate',
    refPrefix: 'M',
    data: { instrument: 'Act', powerType: 'entry_inspection' },
    actorId: lead.id,
  })
  return { lead, cookie, plan, item }
}

async function member(planId: string, leadId: string, role: PlanRole) {
  const { user, cookie } = await createUserWithSession(db)
  await addMember(db, planId, user.id, role, leadId)
  return { user, cookie }
}

const post = (planId: string, cookie: string, form: Record<string, string>) =>
  call(() => action(args(makeRequest(`/plans/${planId}/comments`, { cookie, form }), { planId })))
const thread = (planId: string, cookie: string, subjectType: string, subjectId: string) =>
  call(() =>
    loader(
      args(
        makeRequest(`/plans/${planId}/comments?subjectType=${subjectType}&subjectId=${encodeURIComponent(subjectId)}`, {
          cookie,
        }),
        { planId },
      ),
    ),
  )

describe('comments on artefacts', () => {
  it('adds comments and replies, returns the thread oldest first with author and organisation, and records the history', async () => {
    const { lead, cookie, plan, item } = await setup()
    const union = await member(plan.id, lead.id, 'contributor')
    const first = await post(plan.id, union.cookie, {
      subjectType: 'item',
      subjectId: item.id,
      body: '  Please cite the union survey.  ',
    })
    expect(first.status).toBe(200)
    const parentId = first.data.comments[0].id
    expect(
      (await post(plan.id, cookie, { subjectType: 'item', subjectId: item.id, parentId, body: 'Added D5.' })).status,
    ).toBe(200)
    expect(
      (await post(plan.id, cookie, { subjectType: 'item', subjectId: item.id, body: 'Second topic' })).status,
    ).toBe(200)
    const res = await thread(plan.id, cookie, 'item', item.id)
    expect(res.status).toBe(200)
    expect(res.data.canComment).toBe(true)
    expect(res.data.comments.map((c: { body: string; parent_id: string | null }) => [c.body, c.parent_id])).toEqual([
      ['Please cite the union survey.', null],
      ['Added D5.', parentId],
      ['Second topic', null],
    ])
    expect(res.data.comments[1]).toMatchObject({ author_name: 'Ratna Lead' })
    expect(res.data.comments[0].author_organisation_name).toBeTruthy()
    const history = await ActivityRepository.findRecentByPlan(db, plan.id)
    expect(history.slice(0, 3).map((h) => [h.entity_type, h.action])).toEqual([
      ['comment', 'created'],
      ['comment', 'replied'],
      ['comment', 'created'],
    ])
    expect(history[0]!.new_value).toMatchObject({ ref: 'M1', subjectType: 'item' })
  })

  it('counts comments per subject in one query', async () => {
    const { lead, cookie, plan, item } = await setup()
    await post(plan.id, cookie, { subjectType: 'item', subjectId: item.id, body: 'a' })
    await post(plan.id, cookie, { subjectType: 'item', subjectId: item.id, body: 'b' })
    await post(plan.id, cookie, { subjectType: 'substep', subjectId: '2.2', body: 'c' })
    await post(plan.id, cookie, { subjectType: 'plan', subjectId: plan.id, body: 'd' })
    const counts = await CommentRepository.countByPlan(db, plan.id)
    expect(counts).toEqual({ item: { [item.id]: 2 }, substep: { '2.2': 1 }, plan: { [plan.id]: 1 } })
    // The sub-step page gets every item's count and its own thread's count with its data.
    const page = await call(() =>
      substepPage.loader(
        args(makeRequest(`/plans/${plan.id}/steps/2.2`, { cookie }), { planId: plan.id, substep: '2.2' }),
      ),
    )
    expect(page.data.commentCounts).toEqual({ items: { [item.id]: 2 }, substep: 1 })
    void lead
  })

  it('lets an ILO reviewer comment without membership, a viewer only read, and hides the plan from others', async () => {
    const { lead, plan } = await setup()
    const reviewer = await createUserWithSession(db, { globalRole: 'ilo_reviewer', constituency: 'ilo' })
    expect(
      (
        await post(plan.id, reviewer.cookie, {
          subjectType: 'substep',
          subjectId: '2.2',
          body: 'Consider I4 next cycle.',
        })
      ).status,
    ).toBe(200)
    const viewer = await member(plan.id, lead.id, 'viewer')
    const read = await thread(plan.id, viewer.cookie, 'substep', '2.2')
    expect(read.status).toBe(200)
    expect(read.data.canComment).toBe(false)
    expect(read.data.comments).toHaveLength(1)
    expect((await post(plan.id, viewer.cookie, { subjectType: 'substep', subjectId: '2.2', body: 'x' })).status).toBe(
      403,
    )
    const stranger = await createUserWithSession(db)
    expect((await post(plan.id, stranger.cookie, { subjectType: 'substep', subjectId: '2.2', body: 'x' })).status).toBe(
      404,
    )
    expect((await thread(plan.id, stranger.cookie, 'substep', '2.2')).status).toBe(404)
    expect(await CommentRepository.findThread(db, plan.id, 'substep', '2.2')).toHaveLength(1)
  })

  it('refuses a reply to a comment of another thread or plan, an empty or too long body and unknown subjects', async () => {
    const { cookie, plan, item } = await setup()
    const other = await setup()
    const onSubstep = await post(plan.id, cookie, { subjectType: 'substep', subjectId: '3.1', body: 'On 3.1' })
    const foreign = await post(other.plan.id, other.cookie, {
      subjectType: 'item',
      subjectId: other.item.id,
      body: 'Elsewhere',
    })
    for (const parentId of [onSubstep.data.comments[0].id, foreign.data.comments[0].id]) {
      const res = await post(plan.id, cookie, { subjectType: 'item', subjectId: item.id, parentId, body: 'Reply' })
      expect(res.status).toBe(400)
      expect(res.data.result.error.parentId).toEqual(['validation.commentParent'])
    }
    expect((await post(plan.id, cookie, { subjectType: 'item', subjectId: item.id, body: '   ' })).status).toBe(400)
    expect(
      (await post(plan.id, cookie, { subjectType: 'item', subjectId: item.id, body: 'x'.repeat(5001) })).status,
    ).toBe(400)
    expect(
      (await post(plan.id, cookie, { subjectType: 'item', subjectId: item.id, body: 'x'.repeat(5000) })).status,
    ).toBe(200)
    expect(
      (await post(plan.id, cookie, { subjectType: 'item', subjectId: other.item.id, body: 'Cross-plan' })).status,
    ).toBe(404)
    expect((await post(plan.id, cookie, { subjectType: 'substep', subjectId: '9.9', body: 'x' })).status).toBe(404)
    expect((await post(plan.id, cookie, { subjectType: 'plan', subjectId: other.plan.id, body: 'x' })).status).toBe(404)
    expect((await post(plan.id, cookie, { subjectType: 'elsewhere', subjectId: '1', body: 'x' })).status).toBe(400)
    expect((await thread(plan.id, cookie, 'item', other.item.id)).status).toBe(404)
    expect((await thread(plan.id, cookie, 'item', 'not-a-uuid')).status).toBe(404)
    expect((await thread(plan.id, cookie, 'nothing', '')).status).toBe(400)
    expect(await CommentRepository.findThread(db, plan.id, 'item', item.id)).toHaveLength(1)
  })
})

// Remix sends a resource route's non-Response result to a plain form post as a 200 with the
// wrapper as JSON; the action must therefore answer (or throw) real Responses with the real status.
async function rawPost(planId: string, cookie: string, form: Record<string, string>): Promise<unknown> {
  try {
    return await action(args(makeRequest(`/plans/${planId}/comments`, { cookie, form }), { planId }))
  } catch (thrown) {
    return thrown
  }
}

describe('comment refusals over HTTP', () => {
  it('answers 400, 403, 404 and 409 as Responses with that status and a JSON body', async () => {
    const { lead, cookie, plan, item } = await setup()
    const viewer = await member(plan.id, lead.id, 'viewer')
    const stranger = await createUserWithSession(db)
    const memberComment = await post(plan.id, cookie, { subjectType: 'item', subjectId: item.id, body: 'Not a review' })
    const cases: [string, Record<string, string>, number][] = [
      [cookie, { subjectType: 'item', subjectId: item.id, body: '' }, 400],
      [cookie, { intent: 'review:resolve', id: 'x', resolved: 'true' }, 400],
      [viewer.cookie, { subjectType: 'item', subjectId: item.id, body: 'x' }, 403],
      [stranger.cookie, { subjectType: 'item', subjectId: item.id, body: 'x' }, 404],
      [cookie, { subjectType: 'substep', subjectId: '9.9', body: 'x' }, 404],
      [cookie, { intent: 'review:resolve', id: memberComment.data.comments[0].id, resolved: 'true' }, 409],
    ]
    for (const [who, form, status] of cases) {
      const reply = await rawPost(plan.id, who, form)
      expect(reply, JSON.stringify(form)).toBeInstanceOf(Response)
      expect((reply as Response).status, JSON.stringify(form)).toBe(status)
      expect((reply as Response).headers.get('Content-Type')).toContain('application/json')
    }
    const ok = await rawPost(plan.id, cookie, { subjectType: 'item', subjectId: item.id, body: 'Fine' })
    expect(ok).toBeInstanceOf(Response)
    expect((ok as Response).status).toBe(200)
    expect(await CommentRepository.findThread(db, plan.id, 'item', item.id)).toHaveLength(2)
  })
})
