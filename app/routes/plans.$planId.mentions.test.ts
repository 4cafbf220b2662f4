import { describe, expect, it } from 'vitest'
import { addMember, createPlan } from '#tests/factories/index.ts'
import * as CommentRepository from '#db/repositories/comments.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { mentionToken } from '#core/mentions/tokens.ts'
import { getDb } from '../utils/db.server.ts'
import { action, loader } from './plans.$planId.comments.tsx'
import { loader as mentionableLoader } from './plans.$planId.mentionable.ts'

const db = getDb()

async function setup() {
  const { user: lead, cookie } = await createUserWithSession(db, { name: 'Ratna Lead' })
  const plan = await createPlan(db, lead.id, { title: 'Palm oil plan' })
  const { user: ana } = await createUserWithSession(db, { name: 'Ana <b>Rojas</b>' })
  await addMember(db, plan.id, ana.id, 'coauthor', lead.id)
  return { lead, cookie, plan, ana }
}

const post = (planId: string, cookie: string, form: Record<string, string | string[]>) =>
  call(() => action(args(makeRequest(`/plans/${planId}/comments`, { cookie, form }), { planId })))

const mentionsOf = (userId: string) =>
  db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('kind', '=', 'mention').execute()

describe('mentions in comments', () => {
  it('tells someone both answered and mentioned in one reply once, as the answer', async () => {
    const { lead, cookie, plan, ana } = await setup()
    const anaCookie = await sessionCookieFor(ana.id)
    expect(
      (await post(plan.id, anaCookie, { subjectType: 'substep', subjectId: '2.2', body: 'Is the survey final?' }))
        .status,
    ).toBe(200)
    const [question] = await CommentRepository.findThread(db, plan.id, 'substep', '2.2')
    const reply = {
      subjectType: 'substep',
      subjectId: '2.2',
      parentId: question!.id,
      body: 'Yes, @Ana',
      mentions: [ana.id],
    }
    expect((await post(plan.id, cookie, reply)).status).toBe(200)
    const told = await db
      .selectFrom('notifications')
      .select(['kind', 'actor_id'])
      .where('user_id', '=', ana.id)
      .execute()
    expect(told).toEqual([{ kind: 'review_comment', actor_id: lead.id }])
  })

  it('turns a picked "@Name" into a token, tells that person once, and shows the name in the thread', async () => {
    const { lead, cookie, plan, ana } = await setup()
    const res = await post(plan.id, cookie, {
      subjectType: 'substep',
      subjectId: '2.2',
      body: 'Could @Ana <b>Rojas</b> check the survey?',
      mentions: [ana.id],
    })
    expect(res.status).toBe(200)
    const [stored] = await CommentRepository.findThread(db, plan.id, 'substep', '2.2')
    // The stored name loses the characters a token cannot hold; React escapes the rest when shown.
    expect(stored!.body).toBe(`Could ${mentionToken(ana.id, 'Ana <b>Rojas</b>')} check the survey?`)
    expect(stored!.body).toContain(`(user:${ana.id})`)
    const told = await mentionsOf(ana.id)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({
      plan_id: plan.id,
      actor_id: lead.id,
      path: `/plans/${plan.id}/steps/2.2#discussion`,
      dedupe_key: `comment:${stored!.id}`,
    })
    expect(told[0]!.params).toMatchObject({
      planTitle: 'Palm oil plan',
      actorName: 'Ratna Lead',
      excerpt: 'Could @Ana <b>Rojas</b> check the survey?',
      where: 'comment',
      subject: 'substep',
      ref: '2.2',
    })
    // The same answer resent (idempotency) or the thread read again adds nothing.
    const read = await call(() =>
      loader(
        args(makeRequest(`/plans/${plan.id}/comments?subjectType=substep&subjectId=2.2`, { cookie }), {
          planId: plan.id,
        }),
      ),
    )
    expect(read.data.mentionable.map((p: { name: string }) => p.name)).toEqual(['Ana <b>Rojas</b>', 'Ratna Lead'])
    expect(await mentionsOf(ana.id)).toHaveLength(1)
  })

  it('ignores a mentioned id of someone who may not read the plan: no token, no notification, no id stored', async () => {
    const { cookie, plan, ana } = await setup()
    const { user: outsider } = await createUserWithSession(db, { name: 'Olga Outsider' })
    const { user: reviewer } = await createUserWithSession(db, {
      name: 'Rita Reviewer',
      globalRole: 'ilo_reviewer',
      constituency: 'ilo',
    })
    const typed = `${mentionToken(outsider.id, 'Olga Outsider')} and @Rita Reviewer and @Ana <b>Rojas</b>`
    const res = await post(plan.id, cookie, {
      subjectType: 'substep',
      subjectId: '3.1',
      body: typed,
      mentions: [outsider.id, reviewer.id],
    })
    expect(res.status).toBe(200)
    const [stored] = await CommentRepository.findThread(db, plan.id, 'substep', '3.1')
    expect(stored!.body).not.toContain(outsider.id)
    expect(stored!.body).toBe(`@Olga Outsider and ${mentionToken(reviewer.id, 'Rita Reviewer')} and @Ana <b>Rojas</b>`)
    expect(await mentionsOf(outsider.id)).toHaveLength(0)
    // Ana was not picked: her name typed by hand mentions nobody.
    expect(await mentionsOf(ana.id)).toHaveLength(0)
    expect(await mentionsOf(reviewer.id)).toHaveLength(1)
  })

  it('refuses malformed mention ids with a 400 and no comment', async () => {
    const { cookie, plan } = await setup()
    const res = await post(plan.id, cookie, {
      subjectType: 'substep',
      subjectId: '2.2',
      body: 'hello',
      mentions: ['not-a-uuid'],
    })
    expect(res.status).toBe(400)
    expect(await CommentRepository.findThread(db, plan.id, 'substep', '2.2')).toHaveLength(0)
  })

  it('lists whom "@" offers only to those who may edit the documents, without email addresses', async () => {
    const { lead, cookie, plan } = await setup()
    const { cookie: viewerCookie, user: viewer } = await createUserWithSession(db)
    await addMember(db, plan.id, viewer.id, 'viewer', lead.id)
    const get = (c: string) =>
      call(() =>
        mentionableLoader(args(makeRequest(`/plans/${plan.id}/mentionable`, { cookie: c }), { planId: plan.id })),
      )
    const ok = await get(cookie)
    expect(ok.status).toBe(200)
    expect(ok.data.people.length).toBeGreaterThanOrEqual(3)
    expect(JSON.stringify(ok.data)).not.toContain('@example.test')
    expect((await get(viewerCookie)).status).toBe(403)
    const stranger = await createUserWithSession(db)
    expect((await get(stranger.cookie)).status).toBe(404)
  })
})
