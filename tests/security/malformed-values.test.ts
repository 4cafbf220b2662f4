import { describe, expect, it } from 'vitest'
import { createPlan } from '#tests/factories/index.ts'
import * as CommentRepository from '#db/repositories/comments.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { getDb } from '#app/utils/db.server.ts'
import * as comments from '#app/routes/plans.$planId.comments.tsx'
import * as dashboard from '#app/routes/dashboard.tsx'
import * as monitoring from '#app/routes/plans.$planId.monitoring.tsx'
import * as review from '#app/routes/plans.$planId.review.tsx'
import * as statistics from '#app/routes/statistics.tsx'
import * as steps from '#app/routes/plans.$planId.steps.$substep.tsx'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'

// Values the database cannot hold (U+0000 in text, year 0000) or keys that name a prototype member
// answered 500 before (issue 11). Each must be a 400 naming the field, with nothing written.

const db = getDb()
const NUL = 'before\u0000after'

async function setup() {
  const { user: lead, cookie } = await createUserWithSession(db)
  const plan = await createPlan(db, lead.id)
  const indicator = await ItemRepository.insert(db, {
    planId: plan.id,
    kind: 'indicator',
    refPrefix: 'K',
    data: { name: 'Compliance rate', indicatorType: 'compliance', unit: 'percent', baselineValue: 38, targetValue: 60 },
    actorId: lead.id,
  })
  return { lead, cookie, plan, indicator }
}

describe('values PostgreSQL would refuse', () => {
  it('refuses NUL in a worksheet field, naming the field', async () => {
    const { cookie, plan } = await setup()
    const params = { planId: plan.id, substep: '2.1' }
    const res = await call(() =>
      steps.action(
        args(
          makeRequest(`/plans/${plan.id}/steps/2.1`, {
            cookie,
            form: { intent: 'item:create', kind: 'issue', title: NUL, description: NUL },
          }),
          params,
        ),
      ),
    )
    expect(res.status).toBe(400)
    expect(res.data.result.error).toMatchObject({ title: ['validation.invalid'], description: ['validation.invalid'] })
    expect(await ItemRepository.findByKind(db, plan.id, 'issue')).toEqual([])
  })

  it.each(['__proto__', 'constructor', 'toString'])(
    'refuses the worksheet kind %s as an unknown choice',
    async (kind) => {
      const { cookie, plan } = await setup()
      const res = await call(() =>
        steps.action(
          args(
            makeRequest(`/plans/${plan.id}/steps/2.1`, { cookie, form: { intent: 'item:create', kind, title: 'x' } }),
            { planId: plan.id, substep: '2.1' },
          ),
        ),
      )
      expect(res.status).toBe(400)
      expect(res.data.result.error).toEqual({ kind: ['validation.invalidChoice'] })
    },
  )

  it('refuses NUL in a comment', async () => {
    const { cookie, plan } = await setup()
    const res = await call(() =>
      comments.action(
        args(
          makeRequest(`/plans/${plan.id}/comments`, {
            cookie,
            form: { subjectType: 'plan', subjectId: plan.id, body: NUL },
          }),
          { planId: plan.id },
        ),
      ),
    )
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.data)).toContain('validation.invalid')
    expect(await CommentRepository.findByPlan(db, plan.id)).toEqual([])
  })

  it('refuses NUL in a measurement note or evidence, and the periods 0000 and 0000-Q1', async () => {
    const { cookie, plan, indicator } = await setup()
    const post = (form: Record<string, string>) =>
      call(() =>
        monitoring.action(
          args(
            makeRequest(`/plans/${plan.id}/monitoring`, {
              cookie,
              form: { intent: 'measurement:add', indicatorId: indicator.id, value: '40', ...form },
            }),
            { planId: plan.id },
          ),
        ),
      )
    const nul = await post({ period: '2026-Q2', note: NUL, evidenceSource: NUL })
    expect(nul.status).toBe(400)
    expect(nul.data.result.error).toMatchObject({
      note: ['validation.invalid'],
      evidenceSource: ['validation.invalid'],
    })
    for (const period of ['0000', '0000-Q1', '0000-H2', '0000-01', '0000-01-31', '1899-12']) {
      const res = await post({ period })
      expect(res.status, period).toBe(400)
      expect(res.data.result.error.period, period).toEqual(['monitoring.errors.period'])
    }
    expect(await MeasurementRepository.findByPlan(db, plan.id)).toEqual([])
  })

  it('refuses NUL in a review note', async () => {
    const { cookie, plan } = await setup()
    const res = await call(() =>
      review.action(
        args(
          makeRequest(`/plans/${plan.id}/review`, {
            cookie,
            form: { intent: 'transition', from: 'draft', name: 'submit', note: NUL },
          }),
          { planId: plan.id },
        ),
      ),
    )
    expect(res.status).toBe(400)
    expect(res.data.result.error).toMatchObject({ note: ['validation.invalid'] })
    expect(
      (await db.selectFrom('plans').select('status').where('id', '=', plan.id).executeTakeFirstOrThrow()).status,
    ).toBe('draft')
  })

  it('refuses NUL in a statistics source', async () => {
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    const res = await call(() =>
      statistics.action(
        args(
          makeRequest('/statistics', {
            cookie,
            form: { countryCode: 'PH', year: '2024', inspectors: '10', source: NUL },
          }),
        ),
      ),
    )
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.data)).toContain('validation.invalid')
    expect(await db.selectFrom('inspection_statistics').selectAll().execute()).toEqual([])
  })

  it('ignores a dashboard region filter with NUL, like any other malformed filter', async () => {
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    const res = await call(() =>
      dashboard.loader(args(makeRequest(`/dashboard?region=${encodeURIComponent(NUL)}`, { cookie }))),
    )
    expect(res.status).toBe(200)
    expect(res.data.filters.region).toBeUndefined()
  })
})
