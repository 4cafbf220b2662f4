import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { addMember, createOrganisation, createPlan, createUser } from '#tests/factories/index.ts'
import * as ActivityRepository from '#db/repositories/activity.ts'
import * as CommentRepository from '#db/repositories/comments.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { type PlanStatus } from '#core/vocabulary.ts'
import {
  args,
  call,
  createUserWithSession,
  makeRequest,
  sessionCookieFor,
  totpCode,
  wrongTotpCode,
} from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { loader as tokenLoader } from './api.collab.token.ts'
import { action as editAction } from './plans.$planId.edit.tsx'
import { loader as overviewLoader } from './plans.$planId._index.tsx'
import { action as monitoringAction, loader as monitoringLoader } from './plans.$planId.monitoring.tsx'
import { action, loader } from './plans.$planId.review.tsx'
import { action as stepAction } from './plans.$planId.steps.$substep.tsx'
import { loader as versionPrintLoader } from './plans.$planId.versions.$number.print.ts'

// The review lifecycle's rules (ADR 009), each through the routes people use.

const db = getDb()

const post = (planId: string, cookie: string, form: Record<string, string>, query = '') =>
  call(() => action(args(makeRequest(`/plans/${planId}/review${query}`, { cookie, form }), { planId })))
const review = (planId: string, cookie: string) =>
  call(() => loader(args(makeRequest(`/plans/${planId}/review`, { cookie }), { planId })))
const overview = (planId: string, cookie: string) =>
  call(() => overviewLoader(args(makeRequest(`/plans/${planId}`, { cookie }), { planId })))
const setStatus = (planId: string, status: PlanStatus) =>
  sql`UPDATE plans SET status = ${status} WHERE id = ${planId}`.execute(db)

async function team() {
  const { user: lead, cookie: leadCookie } = await createUserWithSession(db, { constituency: 'government' })
  const plan = await createPlan(db, lead.id)
  const union = await createUser(db, {
    organisationId: (await createOrganisation(db, { constituency: 'workers', acronym: 'FTU' })).id,
  })
  await addMember(db, plan.id, union.id, 'coauthor', lead.id)
  const employer = await createUser(db, {
    organisationId: (await createOrganisation(db, { constituency: 'employers', acronym: 'EFE' })).id,
  })
  await addMember(db, plan.id, employer.id, 'contributor', lead.id)
  const { user: reviewer, cookie: reviewerCookie } = await createUserWithSession(db, {
    constituency: 'ilo',
    globalRole: 'ilo_reviewer',
    // Approving needs a session signed in with a second factor (ADR 064).
    secondFactor: true,
  })
  return {
    plan,
    lead,
    leadCookie,
    union,
    unionCookie: await sessionCookieFor(union.id),
    employer,
    employerCookie: await sessionCookieFor(employer.id),
    reviewer,
    reviewerCookie,
  }
}
type Team = Awaited<ReturnType<typeof team>>

const submit = (t: Team) => post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })
const approve = (t: Team, extra: Record<string, string> = {}) =>
  post(t.plan.id, t.reviewerCookie, { intent: 'transition', from: 'in_review', name: 'approve', ...extra }, '?approve')
async function endorseAll(t: Team) {
  for (const cookie of [t.leadCookie, t.unionCookie, t.employerCookie])
    expect((await post(t.plan.id, cookie, { intent: 'endorse', decision: 'endorse' })).status).toBe(200)
}

describe('content locked outside draft', () => {
  const LOCKED: PlanStatus[] = ['in_review', 'approved', 'implementing', 'completed', 'archived']

  /** One request of each kind of content write, as the lead (who may make all of them in a draft). */
  async function writes(t: Team) {
    const mandate = await ItemRepository.insert(db, {
      planId: t.plan.id,
      kind: 'mandate',
      refPrefix: 'M',
      data: { instrument: 'Act', powerType: 'entry_inspection' },
      actorId: t.lead.id,
    })
    const step = (code: string, form: Record<string, string>) => () =>
      call(() =>
        stepAction(
          args(makeRequest(`/plans/${t.plan.id}/steps/${code}`, { cookie: t.leadCookie, form }), {
            planId: t.plan.id,
            substep: code,
          }),
        ),
      )
    const monitoring = (form: Record<string, string>) => () =>
      call(() =>
        monitoringAction(
          args(makeRequest(`/plans/${t.plan.id}/monitoring`, { cookie: t.leadCookie, form }), { planId: t.plan.id }),
        ),
      )
    const uuid = '00000000-0000-4000-8000-000000000001'
    return {
      'worksheet item added': step('1.1', {
        intent: 'item:create',
        kind: 'mandate',
        formId: 'new-mandate',
        instrument: 'Labour Code',
        powerType: 'entry_inspection',
      }),
      'worksheet item changed': step('1.1', {
        intent: 'item:update',
        kind: 'mandate',
        id: mandate!.id,
        version: String(mandate!.version),
        instrument: 'Changed',
        powerType: 'entry_inspection',
      }),
      'worksheet item deleted': step('1.1', {
        intent: 'item:delete',
        id: mandate!.id,
        version: String(mandate!.version),
      }),
      'scores of 2.2': step('2.2', { intent: 'score:save', pairId: uuid, 'score.c1': '3' }),
      'criterion of 2.2': step('2.2', { intent: 'item:create', kind: 'criterion', name: 'Reach', weight: '2' }),
      'decision of 2.2': step('2.2', { intent: 'item:create', kind: 'priority_decision', rationale: 'Because' }),
      'map position of 2.3': step('2.3', { intent: 'node:position', id: uuid, version: '1', x: '10', y: '10' }),
      'decision of 5.2': step('5.2', { intent: 'selection:save', id: uuid, decision: 'selected' }),
      indicator: monitoring({ intent: 'item:create', kind: 'indicator', name: 'Share of estates inspected' }),
      'plan details': () =>
        call(() =>
          editAction(
            args(
              makeRequest(`/plans/${t.plan.id}/edit`, {
                cookie: t.leadCookie,
                form: {
                  title: 'Changed in review',
                  countryCode: 'PH',
                  sectors: ['A'],
                  scope: 'national',
                  startDate: '2026-01-01',
                  endDate: '2027-12-31',
                  workingLanguage: 'en',
                  version: '1',
                },
              }),
              { planId: t.plan.id },
            ),
          ),
        ),
    }
  }

  it.each(LOCKED)(
    'refuses every kind of content write with 409 and the reason while the plan is %s',
    async (status) => {
      const t = await team()
      const requests = await writes(t)
      await setStatus(t.plan.id, status)
      const before = await db
        .selectFrom('worksheet_items')
        .select(['id', 'version'])
        .where('plan_id', '=', t.plan.id)
        .orderBy('id')
        .execute()
      for (const [kind, send] of Object.entries(requests)) {
        const res = await send()
        expect(res.status, kind).toBe(409)
        expect(res.data.message, kind).toBe(`lifecycle.locked.${status}`)
      }
      expect(
        await db
          .selectFrom('worksheet_items')
          .select(['id', 'version'])
          .where('plan_id', '=', t.plan.id)
          .orderBy('id')
          .execute(),
      ).toEqual(before)
      expect(
        (await db.selectFrom('plans').select('title').where('id', '=', t.plan.id).executeTakeFirstOrThrow()).title,
      ).toBe(t.plan.title)
      // Co-edited documents: even the lead gets a read-only token.
      const token = await call(() =>
        tokenLoader(args(makeRequest(`/api/collab/token?planId=${t.plan.id}&substep=1.1`, { cookie: t.leadCookie }))),
      )
      expect(token.data.mode).toBe('ro')
    },
  )

  it('accepts the same writes in a draft', async () => {
    const t = await team()
    const requests = await writes(t)
    expect((await requests['worksheet item added']()).status).toBe(200)
    expect((await requests['plan details']()).status).toBe(302)
    const token = await call(() =>
      tokenLoader(args(makeRequest(`/api/collab/token?planId=${t.plan.id}&substep=1.1`, { cookie: t.leadCookie }))),
    )
    expect(token.data.mode).toBe('rw')
  })

  it('keeps measurements open while implementing, and hides the edit controls from the page data', async () => {
    const t = await team()
    const indicator = await ItemRepository.insert(db, {
      planId: t.plan.id,
      kind: 'indicator',
      refPrefix: 'K',
      data: { name: 'Estates inspected', unit: 'number' },
      actorId: t.lead.id,
    })
    await setStatus(t.plan.id, 'implementing')
    const form = {
      intent: 'measurement:add',
      formId: 'add',
      indicatorId: indicator!.id,
      period: '2026-Q4',
      value: '12',
    }
    const res = await call(() =>
      monitoringAction(
        args(makeRequest(`/plans/${t.plan.id}/monitoring`, { cookie: t.leadCookie, form }), { planId: t.plan.id }),
      ),
    )
    expect(res.status).toBe(200)
    expect(
      await db.selectFrom('measurements').select('value').where('indicator_id', '=', indicator!.id).execute(),
    ).toEqual([{ value: 12 }])
    const page = await call(() =>
      monitoringLoader(
        args(makeRequest(`/plans/${t.plan.id}/monitoring`, { cookie: t.leadCookie }), { planId: t.plan.id }),
      ),
    )
    expect(page.data).toMatchObject({ canEdit: false, canRecord: true })
  })
})

describe('approval', () => {
  it('is refused until every constituency endorsed, naming what is missing', async () => {
    const t = await team()
    await submit(t)
    const res = await approve(t)
    expect(res.status).toBe(409)
    expect(res.data.result.error['']).toEqual([
      'lifecycle.errors.notReady',
      'lifecycle.missing.endorsement.government',
      'lifecycle.missing.endorsement.workers',
      'lifecycle.missing.endorsement.employers',
    ])
    expect(res.data.result.error.overrideReason).toEqual(['lifecycle.errors.overrideReasonRequired'])
    expect(
      (await db.selectFrom('plans').select('status').where('id', '=', t.plan.id).executeTakeFirstOrThrow()).status,
    ).toBe('in_review')
  })

  it('is refused while an objection stands or a review comment is open', async () => {
    const t = await team()
    await submit(t)
    await endorseAll(t)
    expect(
      (await post(t.plan.id, t.employerCookie, { intent: 'endorse', decision: 'object', comment: 'Targets too low' }))
        .status,
    ).toBe(200)
    await CommentRepository.insert(db, {
      planId: t.plan.id,
      subjectType: 'substep',
      subjectId: '6.2',
      parentId: null,
      authorId: t.reviewer.id,
      body: 'Add a source',
      label: '6.2',
      isReview: true,
    })
    const res = await approve(t)
    expect(res.status).toBe(409)
    expect(res.data.result.error['']).toEqual([
      'lifecycle.errors.notReady',
      'lifecycle.missing.endorsement.employers',
      'lifecycle.missing.objection|EFE',
      'lifecycle.missing.openComments|1',
    ])
    const summary = await call(() =>
      loader(
        args(makeRequest(`/plans/${t.plan.id}/review?approve`, { cookie: t.reviewerCookie }), { planId: t.plan.id }),
      ),
    )
    expect(summary.data).toMatchObject({
      confirmingApproval: true,
      ready: false,
      readiness: { openReviewComments: 1, objections: [{ organisation: 'EFE', comment: 'Targets too low' }] },
    })
  })

  it('goes through once the three constituencies endorsed the submitted version, and records which one', async () => {
    const t = await team()
    await submit(t)
    await endorseAll(t)
    expect(
      (await review(t.plan.id, t.reviewerCookie)).data.endorsements.map((e: { submission: number }) => e.submission),
    ).toEqual([1, 1, 1])
    const res = await approve(t)
    expect(res.status).toBe(302)
    const version = await LifecycleRepository.findVersion(db, t.plan.id, 1)
    expect(version!.override_reason).toBeNull()
    expect(version!.snapshot.approval).toMatchObject({ submission: 1, overrideReason: null })
    expect(version!.snapshot.approval!.endorsements.map((e) => e.constituency).sort()).toEqual([
      'employers',
      'government',
      'workers',
    ])
    expect((await LifecycleRepository.findEndorsements(db, t.plan.id)).map((e) => e.version_number)).toEqual([1, 1, 1])
  })

  it('may be overridden only with a written reason, which the plan, its version and its print view show', async () => {
    const t = await team()
    await submit(t)
    expect((await approve(t, { overrideReason: '   ' })).status).toBe(409)
    const reason = 'The ministry must publish the plan before the budget session; the partners endorse in January.'
    expect((await approve(t, { overrideReason: reason })).status).toBe(302)
    const version = await LifecycleRepository.findVersion(db, t.plan.id, 1)
    expect(version!.override_reason).toBe(reason)
    expect(version!.snapshot.approval?.overrideReason).toBe(reason)
    const [event] = await ActivityRepository.findRecentByPlan(db, t.plan.id, 1)
    expect(event).toMatchObject({
      action: 'status_changed',
      new_value: { status: 'approved', overrideReason: reason, transition: 'approve' },
    })
    expect((await overview(t.plan.id, t.unionCookie)).data.approved).toMatchObject({
      number: 1,
      override_reason: reason,
    })
    expect((await review(t.plan.id, t.unionCookie)).data.approved).toMatchObject({ override_reason: reason })
    const print = await call<string>(() =>
      versionPrintLoader(
        args(makeRequest(`/plans/${t.plan.id}/versions/1/print`, { cookie: t.unionCookie }), {
          planId: t.plan.id,
          number: '1',
        }),
      ),
    )
    expect(print.status).toBe(200)
    expect(print.data).toContain(reason)
  })
})

describe('endorsement', () => {
  it('is of a submitted text: refused in a draft, and cleared with a history entry when the plan goes back to draft', async () => {
    const t = await team()
    const early = await post(t.plan.id, t.unionCookie, { intent: 'endorse', decision: 'endorse' })
    expect(early.status).toBe(409)
    expect(early.data.result.error['']).toEqual(['lifecycle.errors.nothingToEndorse'])
    await submit(t)
    await endorseAll(t)
    expect((await approve(t)).status).toBe(302)
    expect(
      (await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'approved', name: 'revise' })).status,
    ).toBe(200)
    expect((await LifecycleRepository.findEndorsements(db, t.plan.id)).map((e) => e.decision)).toEqual([
      null,
      null,
      null,
    ])
    const cleared = (await ActivityRepository.findRecentByPlan(db, t.plan.id, 10)).filter((e) => e.action === 'cleared')
    expect(cleared.map((e) => (e.old_value as { organisation: string }).organisation).sort()).toEqual(
      expect.arrayContaining(['EFE', 'FTU']),
    )
    expect(cleared).toHaveLength(3)
    // The approved version keeps the endorsements it had.
    expect((await LifecycleRepository.findVersion(db, t.plan.id, 1))!.snapshot.approval!.endorsements).toHaveLength(3)
    // The next submission needs new endorsements.
    await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })
    expect((await approve(t)).status).toBe(409)
  })
})

describe('return for changes', () => {
  it('keeps the note on the overview and the review page until the plan is resubmitted', async () => {
    const t = await team()
    await submit(t)
    const note = 'Add the union survey as a source for K1.'
    expect(
      (
        await post(t.plan.id, t.reviewerCookie, {
          intent: 'transition',
          from: 'in_review',
          name: 'returnForChanges',
          note,
        })
      ).status,
    ).toBe(200)
    const stored = await db
      .selectFrom('plans')
      .select(['status', 'return_note', 'returned_by'])
      .where('id', '=', t.plan.id)
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ status: 'draft', return_note: note, returned_by: t.reviewer.id })
    expect((await overview(t.plan.id, t.unionCookie)).data.returned).toMatchObject({ note, by_name: t.reviewer.name })
    expect((await review(t.plan.id, t.unionCookie)).data.returned).toMatchObject({ note })
    const [event] = await ActivityRepository.findRecentByPlan(db, t.plan.id, 1)
    expect(event).toMatchObject({
      action: 'status_changed',
      old_value: { status: 'in_review' },
      new_value: { status: 'draft', note, transition: 'returnForChanges' },
    })
    await submit(t)
    expect((await overview(t.plan.id, t.unionCookie)).data.returned).toBeNull()
    expect(
      await db
        .selectFrom('plans')
        .select(['return_note', 'submission'])
        .where('id', '=', t.plan.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ return_note: null, submission: 2 })
  })
})

describe('approval needs a second factor (ADR 064)', () => {
  const approveAs = (t: Team, cookie: string, extra: Record<string, string> = {}) =>
    post(t.plan.id, cookie, { intent: 'transition', from: 'in_review', name: 'approve', ...extra }, '?approve')
  const statusOf = async (planId: string) =>
    (await db.selectFrom('plans').select('status').where('id', '=', planId).executeTakeFirstOrThrow()).status

  it('is refused to a reviewer without two-factor, and the dialog says so', async () => {
    const t = await team()
    await submit(t)
    await endorseAll(t)
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    const page = await call(() =>
      loader(args(makeRequest(`/plans/${t.plan.id}/review?approve`, { cookie }), { planId: t.plan.id })),
    )
    expect(page.data.secondFactor).toEqual({ enrolled: false, fresh: false })
    const res = await approveAs(t, cookie)
    expect(res.status).toBe(403)
    expect(res.data.result.error.code).toEqual(['lifecycle.secondFactor.notEnrolled'])
    expect(await statusOf(t.plan.id)).toBe('in_review')
  })

  it('asks for a current code when the session did not prove it recently, and approves with one', async () => {
    const t = await team()
    await submit(t)
    await endorseAll(t)
    const { user, cookie, totpSecret } = await createUserWithSession(db, {
      constituency: 'ilo',
      globalRole: 'ilo_reviewer',
      secondFactor: true,
    })
    // Signed in with the second factor an hour ago: older than the approval's 15 minutes.
    await sql`UPDATE sessions SET mfa_verified_at = now() - interval '1 hour' WHERE user_id = ${user.id}`.execute(db)
    const page = await call(() =>
      loader(args(makeRequest(`/plans/${t.plan.id}/review?approve`, { cookie }), { planId: t.plan.id })),
    )
    expect(page.data.secondFactor).toEqual({ enrolled: true, fresh: false })
    const without = await approveAs(t, cookie)
    expect(without.status).toBe(403)
    expect(without.data.result.error.code).toEqual(['lifecycle.secondFactor.codeRequired'])
    const wrong = await approveAs(t, cookie, { code: await wrongTotpCode(totpSecret!) })
    expect(wrong.status).toBe(400)
    expect(wrong.data.result.error.code).toEqual(['twoFactor.wrongCode'])
    expect(await statusOf(t.plan.id)).toBe('in_review')
    const right = await approveAs(t, cookie, { code: await totpCode(totpSecret!) })
    expect(right.status).toBe(302)
    expect(await statusOf(t.plan.id)).toBe('approved')
  })

  it('is accepted from a session signed in with the second factor minutes ago, without a new code', async () => {
    const t = await team()
    await submit(t)
    await endorseAll(t)
    const res = await approve(t)
    expect(res.status).toBe(302)
    expect(await statusOf(t.plan.id)).toBe('approved')
  })
})
