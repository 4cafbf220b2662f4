import { afterAll, describe, expect, it } from 'vitest'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { planEventsCaughtUp } from '#tests/plan-events.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { getDb } from '../utils/db.server.ts'
import { stopPlanEvents, subscribeToPlanChanges } from '../utils/plan-events.server.ts'

// Measurements, status changes, approvals (versions) and endorsements reach the open pages of a
// plan through the same publish path as worksheet edits: NOTIFY scp_plan_changes → the web
// process's listener → the plan's SSE streams.
const db = getDb()
afterAll(() => stopPlanEvents())

async function world() {
  const lead = await createUser(db)
  const plan = await createPlan(db, lead.id)
  const indicator = await ItemRepository.insert(db, {
    planId: plan.id,
    kind: 'indicator',
    refPrefix: 'K',
    data: { name: 'Compliance', indicatorType: 'compliance', unit: 'percent' },
    actorId: lead.id,
  })
  let calls = 0
  const off = subscribeToPlanChanges(plan.id, () => calls++)
  await planEventsCaughtUp(db)
  calls = 0
  /** Runs a write and waits until the plan's subscribers were told exactly once. */
  const publishes = async (write: () => Promise<unknown>) => {
    const before = calls
    await write()
    await planEventsCaughtUp(db)
    expect(calls).toBe(before + 1)
  }
  return { lead, plan, indicator, off, publishes, calls: () => calls }
}

describe('live updates of monitoring, lifecycle and endorsements', () => {
  it('publishes one change per recorded measurement, import and deletion', async () => {
    const { lead, plan, indicator, off, publishes } = await world()
    const row = (period: string, periodEnd: string) => ({
      indicatorId: indicator.id,
      period,
      periodEnd,
      value: 40,
      note: null,
      evidenceSource: null,
    })
    await publishes(() =>
      MeasurementRepository.insertMany(db, { planId: plan.id, actorId: lead.id, rows: [row('2026-Q1', '2026-03-31')] }),
    )
    await publishes(() =>
      MeasurementRepository.insertMany(db, {
        planId: plan.id,
        actorId: lead.id,
        rows: [row('2026-Q2', '2026-06-30'), row('2026-Q3', '2026-09-30'), row('2026-Q4', '2026-12-31')],
      }),
    )
    const first = await db
      .selectFrom('measurements')
      .select('id')
      .where('plan_id', '=', plan.id)
      .where('period', '=', '2026-Q1')
      .executeTakeFirstOrThrow()
    await publishes(() => MeasurementRepository.deleteById(db, { planId: plan.id, id: first.id, actorId: lead.id }))
    off()
  })

  it('publishes status changes, the approved version and endorsements', async () => {
    const { lead, plan, off, publishes } = await world()
    const reviewer = await createUser(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    await publishes(() =>
      LifecycleRepository.transition(db, {
        planId: plan.id,
        from: 'draft',
        to: 'in_review',
        actorId: lead.id,
        note: null,
      }),
    )
    await publishes(() =>
      LifecycleRepository.transition(db, {
        planId: plan.id,
        from: 'in_review',
        to: 'approved',
        actorId: reviewer.id,
        note: null,
        overrideReason: 'Approved for the live-update test',
      }),
    )
    expect(await LifecycleRepository.findVersions(db, plan.id)).toHaveLength(1)
    await publishes(() =>
      LifecycleRepository.upsertEndorsement(db, {
        planId: plan.id,
        organisationId: lead.organisationId,
        decision: 'endorse',
        comment: null,
        userId: lead.id,
      }),
    )
    await publishes(() =>
      LifecycleRepository.upsertEndorsement(db, {
        planId: plan.id,
        organisationId: lead.organisationId,
        decision: 'object',
        comment: 'Changed our mind',
        userId: lead.id,
      }),
    )
    off()
  })

  it('does not publish a measurement to the pages of another plan', async () => {
    const a = await world()
    const b = await world()
    await b.publishes(() =>
      MeasurementRepository.insertMany(db, {
        planId: b.plan.id,
        actorId: b.lead.id,
        rows: [
          {
            indicatorId: b.indicator.id,
            period: '2026-Q1',
            periodEnd: '2026-03-31',
            value: 1,
            note: null,
            evidenceSource: null,
          },
        ],
      }),
    )
    expect(a.calls()).toBe(0)
    a.off()
    b.off()
  })
})
