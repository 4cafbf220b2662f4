import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { addMember, createOrganisation, createPlan, createUser } from '#tests/factories/index.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { getDb } from '#app/utils/db.server.ts'
import { IDEMPOTENCY_FIELD } from '#app/utils/idempotency.ts'
import { action as commentAction } from '#app/routes/plans.$planId.comments.tsx'
import { action as monitoringAction } from '#app/routes/plans.$planId.monitoring.tsx'
import { action as reviewAction } from '#app/routes/plans.$planId.review.tsx'
import { action as stepAction } from '#app/routes/plans.$planId.steps.$substep.tsx'
import { action as newPlanAction } from '#app/routes/plans.new.tsx'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'

// A form entry sent again with the key of its first submission (its reply was lost on the way
// back) answers as the first time and saves nothing more; another person's use of the same key is
// a request of its own (ADR 039). Every create path whose forms send a key is covered.

const db = getDb()

type Form = Record<string, string>
const keyed = (form: Form, key: string) => ({ ...form, [IDEMPOTENCY_FIELD]: key })

const step = (planId: string, code: string, cookie: string, form: Form) =>
  call(() =>
    stepAction(args(makeRequest(`/plans/${planId}/steps/${code}`, { cookie, form }), { planId, substep: code })),
  )
const monitoring = (planId: string, cookie: string, form: Form) =>
  call(() => monitoringAction(args(makeRequest(`/plans/${planId}/monitoring`, { cookie, form }), { planId })))
const comment = (planId: string, cookie: string, form: Form) =>
  call(() => commentAction(args(makeRequest(`/plans/${planId}/comments`, { cookie, form }), { planId })))
const review = (planId: string, cookie: string, form: Form) =>
  call(() => reviewAction(args(makeRequest(`/plans/${planId}/review`, { cookie, form }), { planId })))

/** A plan with two leads, each able to make every entry, and a reviewer. */
async function team() {
  const a = await createUserWithSession(db, { constituency: 'government' })
  const plan = await createPlan(db, a.user.id)
  const b = await createUser(db, { organisationId: (await createOrganisation(db, { constituency: 'workers' })).id })
  await addMember(db, plan.id, b.id, 'lead', a.user.id)
  const reviewer = await createUserWithSession(db, {
    constituency: 'ilo',
    globalRole: 'ilo_reviewer',
    secondFactor: true,
  })
  return {
    plan,
    a: a.user,
    aCookie: a.cookie,
    b,
    bCookie: await sessionCookieFor(b.id),
    reviewerCookie: reviewer.cookie,
  }
}

const countRows = async (table: 'worksheet_items' | 'measurements' | 'comments', planId: string) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('plan_id', '=', planId)
        .executeTakeFirstOrThrow()
    ).n,
  )
const countEvents = async (planId: string, action: string) =>
  Number(
    (
      await db
        .selectFrom('activity_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('plan_id', '=', planId)
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  )

const mandate = (instrument: string) => ({
  intent: 'item:create',
  kind: 'mandate',
  formId: 'new-mandate',
  instrument,
  powerType: 'entry_inspection',
})

describe('a worksheet entry', () => {
  it('sent twice with one key is saved once, and the resend gets the first answer', async () => {
    const t = await team()
    const before = await countRows('worksheet_items', t.plan.id)
    const key = randomUUID()
    const first = await step(t.plan.id, '1.1', t.aCookie, keyed(mandate('Labour Code'), key))
    const again = await step(t.plan.id, '1.1', t.aCookie, keyed(mandate('Labour Code'), key))
    expect(first.status).toBe(200)
    expect(again).toEqual(first)
    expect(await countRows('worksheet_items', t.plan.id)).toBe(before + 1)
    expect(await countEvents(t.plan.id, 'created')).toBe(2) // the plan's own entry and the mandate's
  })

  it('is saved for each person who sends the same key: keys are scoped to their author', async () => {
    const t = await team()
    const before = await countRows('worksheet_items', t.plan.id)
    const key = randomUUID()
    expect((await step(t.plan.id, '1.1', t.aCookie, keyed(mandate('Labour Code'), key))).status).toBe(200)
    expect((await step(t.plan.id, '1.1', t.bCookie, keyed(mandate('Labour Code'), key))).status).toBe(200)
    const refs = (await ItemRepository.findByKind(db, t.plan.id, 'mandate')).map((m) => m.ref)
    expect(refs).toEqual(['M1', 'M2'])
    expect(await countRows('worksheet_items', t.plan.id)).toBe(before + 2)
  })

  it('answers 409 when the same key comes with other content, and saves nothing more', async () => {
    const t = await team()
    const key = randomUUID()
    await step(t.plan.id, '1.1', t.aCookie, keyed(mandate('Labour Code'), key))
    const edited = await step(t.plan.id, '1.1', t.aCookie, keyed(mandate('Labour Code, art. 12'), key))
    expect(edited.status).toBe(409)
    expect(edited.data).toMatchObject({
      formId: 'new-mandate',
      result: { status: 'error', error: { '': ['idempotency.changedAfterSave'] } },
    })
    expect((await ItemRepository.findByKind(db, t.plan.id, 'mandate')).map((m) => m.data.instrument)).toEqual([
      'Labour Code',
    ])
  })

  it('keeps nothing of a refused submission: the key still saves the corrected entry', async () => {
    const t = await team()
    const key = randomUUID()
    const refused = await step(t.plan.id, '1.1', t.aCookie, keyed({ ...mandate(''), instrument: '' }, key))
    expect(refused.status).toBe(400)
    expect((await step(t.plan.id, '1.1', t.aCookie, keyed(mandate('Labour Code'), key))).status).toBe(200)
    expect((await ItemRepository.findByKind(db, t.plan.id, 'mandate')).map((m) => m.data.instrument)).toEqual([
      'Labour Code',
    ])
  })

  it('sent twice at the same moment is saved once: the second waits for the first', async () => {
    const t = await team()
    const key = randomUUID()
    const answers = await Promise.all(
      [1, 2, 3].map(() => step(t.plan.id, '1.1', t.aCookie, keyed(mandate('Labour Code'), key))),
    )
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    expect(answers[1]).toEqual(answers[0])
    expect(await ItemRepository.findByKind(db, t.plan.id, 'mandate')).toHaveLength(1)
  })

  it('without a key (a form sent before its script ran) is saved each time, as before', async () => {
    const t = await team()
    await step(t.plan.id, '1.1', t.aCookie, mandate('Labour Code'))
    await step(t.plan.id, '1.1', t.aCookie, mandate('Labour Code'))
    expect(await ItemRepository.findByKind(db, t.plan.id, 'mandate')).toHaveLength(2)
  })

  it('refuses a malformed key with 400', async () => {
    const t = await team()
    expect((await step(t.plan.id, '1.1', t.aCookie, keyed(mandate('Labour Code'), 'not-a-key'))).status).toBe(400)
    expect(await ItemRepository.findByKind(db, t.plan.id, 'mandate')).toHaveLength(0)
  })

  it('answers a resend as the first time even once the plan is locked in review', async () => {
    const t = await team()
    const key = randomUUID()
    const first = await step(t.plan.id, '1.1', t.aCookie, keyed(mandate('Labour Code'), key))
    await db.updateTable('plans').set({ status: 'in_review' }).where('id', '=', t.plan.id).execute()
    expect(await step(t.plan.id, '1.1', t.aCookie, keyed(mandate('Labour Code'), key))).toEqual(first)
    expect((await step(t.plan.id, '1.1', t.aCookie, keyed(mandate('Labour Code'), randomUUID()))).status).toBe(409)
  })
})

describe('a measurement', () => {
  async function indicatorOf(t: Awaited<ReturnType<typeof team>>) {
    return (await ItemRepository.insert(db, {
      planId: t.plan.id,
      kind: 'indicator',
      refPrefix: 'K',
      data: { name: 'Estates inspected', unit: 'number' },
      actorId: t.a.id,
    }))!
  }

  it('sent twice with one key is recorded once, and the resend is told it was saved', async () => {
    const t = await team()
    const indicator = await indicatorOf(t)
    const form = {
      intent: 'measurement:add',
      formId: `measure-${indicator.id}`,
      indicatorId: indicator.id,
      period: '2026-Q3',
      value: '1234',
    }
    const key = randomUUID()
    const first = await monitoring(t.plan.id, t.aCookie, keyed(form, key))
    const again = await monitoring(t.plan.id, t.aCookie, keyed(form, key))
    expect(first.status).toBe(200)
    expect(again).toEqual(first)
    expect(await countRows('measurements', t.plan.id)).toBe(1)
    // Another person's key of the same value is their own request: the period is taken now.
    const other = await monitoring(t.plan.id, t.bCookie, keyed(form, key))
    expect(other.status).toBe(400)
    expect(other.data.result.error.period).toEqual(['monitoring.errors.alreadyRecorded'])
    expect((await monitoring(t.plan.id, t.bCookie, keyed({ ...form, period: '2026-Q4' }, key))).status).toBe(200)
    expect(await countRows('measurements', t.plan.id)).toBe(2)
  })

  it('imported twice with one key is imported once', async () => {
    const t = await team()
    await indicatorOf(t)
    const rows = [
      { line: 2, indicator: 'K1', period: '2026-Q2', value: '41', note: '', evidenceSource: 'Survey', errors: [] },
    ]
    const form = { intent: 'import:commit', rows: JSON.stringify(rows) }
    const key = randomUUID()
    const first = await monitoring(t.plan.id, t.aCookie, keyed(form, key))
    expect(first.data.result).toEqual({ status: 'success', imported: 1 })
    expect(await monitoring(t.plan.id, t.aCookie, keyed(form, key))).toEqual(first)
    expect(await countRows('measurements', t.plan.id)).toBe(1)
    expect(await countEvents(t.plan.id, 'recorded')).toBe(1)
  })
})

describe('a comment', () => {
  it('posted twice with one key is posted once, and the resend gets the thread with it', async () => {
    const t = await team()
    const form = { subjectType: 'substep', subjectId: '1.1', body: 'Please check the act reference.' }
    const key = randomUUID()
    const first = await comment(t.plan.id, t.aCookie, keyed(form, key))
    const again = await comment(t.plan.id, t.aCookie, keyed(form, key))
    expect(first.status).toBe(200)
    expect(first.data.comments).toHaveLength(1)
    expect(again).toEqual(first)
    expect(await countRows('comments', t.plan.id)).toBe(1)
    // The same key from another person is a comment of theirs.
    const other = await comment(t.plan.id, t.bCookie, keyed(form, key))
    expect(other.data.comments).toHaveLength(2)
  })

  it('as a review comment or a reply, posted twice with one key, is posted once', async () => {
    const t = await team()
    const key = randomUUID()
    const form = { subjectType: 'substep', subjectId: '2.2', body: 'Explain the leverage scores.' }
    const first = await comment(t.plan.id, t.reviewerCookie, keyed(form, key))
    expect(first.data.comments[0]).toMatchObject({ is_review: true })
    expect(await comment(t.plan.id, t.reviewerCookie, keyed(form, key))).toEqual(first)
    const reply = { ...form, parentId: first.data.comments[0].id as string, body: 'Done, see the table.' }
    const replyKey = randomUUID()
    const answered = await comment(t.plan.id, t.aCookie, keyed(reply, replyKey))
    expect(await comment(t.plan.id, t.aCookie, keyed(reply, replyKey))).toEqual(answered)
    expect(await countRows('comments', t.plan.id)).toBe(2)
    expect(await countEvents(t.plan.id, 'replied')).toBe(1)
  })
})

describe('a sign-off', () => {
  it('sent twice with one key is recorded once in the history', async () => {
    const t = await team()
    const key = randomUUID()
    const first = await step(
      t.plan.id,
      '1.1',
      t.aCookie,
      keyed({ intent: 'signoff.reserve', reason: 'The act is under revision.' }, key),
    )
    expect(first.status).toBe(200)
    expect(
      await step(
        t.plan.id,
        '1.1',
        t.aCookie,
        keyed({ intent: 'signoff.reserve', reason: 'The act is under revision.' }, key),
      ),
    ).toEqual(first)
    expect(await countEvents(t.plan.id, 'reserved')).toBe(1)
  })
})

describe('a review decision', () => {
  it('submitting, returning for changes and resubmitting, each sent twice, happen once and answer as the first time', async () => {
    const t = await team()
    const submitKey = randomUUID()
    const submit = { intent: 'transition', from: 'draft', name: 'submit' }
    const submitted = await review(t.plan.id, t.aCookie, keyed(submit, submitKey))
    expect(submitted.status).toBe(200)
    // Without its key, the resend would be refused: the plan is no longer a draft.
    expect(await review(t.plan.id, t.aCookie, keyed(submit, submitKey))).toEqual(submitted)
    const returnKey = randomUUID()
    const giveBack = {
      intent: 'transition',
      from: 'in_review',
      name: 'returnForChanges',
      note: 'Add the employers’ indicators.',
    }
    const returned = await review(t.plan.id, t.reviewerCookie, keyed(giveBack, returnKey))
    expect(returned.status).toBe(200)
    expect(await review(t.plan.id, t.reviewerCookie, keyed(giveBack, returnKey))).toEqual(returned)
    const plan = await db
      .selectFrom('plans')
      .select(['status', 'submission', 'return_note'])
      .where('id', '=', t.plan.id)
      .executeTakeFirstOrThrow()
    expect(plan).toEqual({ status: 'draft', submission: 1, return_note: 'Add the employers’ indicators.' })
    expect(await countEvents(t.plan.id, 'status_changed')).toBe(2)
    // A new decision comes with a new key, and is taken.
    expect((await review(t.plan.id, t.aCookie, keyed(submit, randomUUID()))).status).toBe(200)
  })

  it('an approval sent twice with one key approves once, and both answers go back to the review page', async () => {
    const t = await team()
    await review(t.plan.id, t.aCookie, { intent: 'transition', from: 'draft', name: 'submit' })
    const approve = keyed(
      {
        intent: 'transition',
        from: 'in_review',
        name: 'approve',
        overrideReason: 'Published before the budget session.',
      },
      randomUUID(),
    )
    const send = () =>
      call(() =>
        reviewAction(
          args(makeRequest(`/plans/${t.plan.id}/review?approve`, { cookie: t.reviewerCookie, form: approve }), {
            planId: t.plan.id,
          }),
        ),
      )
    const first = await send()
    expect(first.status).toBe(302)
    expect(await send()).toMatchObject({ status: 302, location: first.location })
    expect(await db.selectFrom('plan_versions').select('number').where('plan_id', '=', t.plan.id).execute()).toEqual([
      { number: 1 },
    ])
  })

  it('an endorsement or objection sent twice with one key is recorded once; another person’s key is theirs', async () => {
    const t = await team()
    await review(t.plan.id, t.aCookie, { intent: 'transition', from: 'draft', name: 'submit' })
    const key = randomUUID()
    const objection = { intent: 'endorse', decision: 'object', comment: 'Targets too low' }
    const first = await review(t.plan.id, t.aCookie, keyed(objection, key))
    expect(first.status).toBe(200)
    expect(await review(t.plan.id, t.aCookie, keyed(objection, key))).toEqual(first)
    expect(await countEvents(t.plan.id, 'objected')).toBe(1)
    expect((await review(t.plan.id, t.bCookie, keyed(objection, key))).status).toBe(200)
    expect(await countEvents(t.plan.id, 'objected')).toBe(2)
  })
})

describe('a new plan', () => {
  it('created twice with one key is created once, and both answers lead to it', async () => {
    const { user, cookie } = await createUserWithSession(db, { constituency: 'government' })
    const title = `Resent plan ${randomUUID().slice(0, 8)}`
    const form = {
      title,
      countryCode: 'PH',
      scope: 'national',
      sectors: 'A',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      workingLanguage: 'en',
    }
    const key = randomUUID()
    const create = () => call(() => newPlanAction(args(makeRequest('/plans/new', { cookie, form: keyed(form, key) }))))
    const first = await create()
    expect(first.status).toBe(302)
    expect(first.location).toMatch(/^\/plans\/[0-9a-f-]{36}$/)
    const again = await create()
    expect(again.status).toBe(302)
    expect(again.location).toBe(first.location)
    expect(
      await db.selectFrom('plans').select('id').where('title', '=', title).where('created_by', '=', user.id).execute(),
    ).toHaveLength(1)
  })
})
