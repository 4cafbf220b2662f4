import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { indicatorProgress } from '#app/monitoring/progress.ts'
import { createDb } from '#db/client.ts'
import { createPlan, createUser } from '#tests/factories/index.ts'
import * as CommentRepository from '#db/repositories/comments.ts'
import * as DashboardRepository from '#db/repositories/dashboard.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

/** The plan's row as the dashboard reads it (from plan_summaries and plan_last_activity). */
async function stored(planId: string) {
  const rows = await DashboardRepository.findPage(db, {
    filters: {},
    sort: 'title',
    dir: 'asc',
    limit: null,
    offset: 0,
  })
  const row = rows.find((r) => r.id === planId)!
  const summary = await db.selectFrom('plan_summaries').select('kinds').where('plan_id', '=', planId).executeTakeFirst()
  return {
    kinds: summary?.kinds ?? [],
    issueTitle: row.issue_title,
    issueType: row.issue_type,
    openReviews: row.open_reviews,
    endorsed: row.endorsed,
    objected: row.objected,
    indicators: row.indicators,
    onTrack: row.on_track,
    complianceChange: row.compliance_change === null ? null : Number(row.compliance_change.toFixed(9)),
    workersReached: row.workers_reached,
    lastActivity: row.last_activity?.toISOString() ?? null,
  }
}

type Data = Record<string, unknown>
const num = (v: unknown) => (typeof v === 'number' ? v : undefined)
const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

/** The same figures recomputed from the raw tables in JavaScript, with the monitoring page's rule. */
async function recomputed(planId: string) {
  const items = await db
    .selectFrom('worksheet_items')
    .select(['id', 'kind', 'position', 'data'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute()
  const byId = new Map(items.map((i) => [i.id, i.data as Data]))
  const decision = items.find((i) => i.kind === 'priority_decision')?.data as Data | undefined
  const pair = byId.get(String((decision?.pairs as unknown[] | undefined)?.[0]))
  const issue = pair ? byId.get(String(pair.issue)) : undefined
  const reviews = await db
    .selectFrom('comments')
    .select('id')
    .where('plan_id', '=', planId)
    .where('is_review', '=', true)
    .where('resolved_at', 'is', null)
    .execute()
  const endorsements = await db
    .selectFrom('plan_endorsements')
    .innerJoin('organisations', 'organisations.id', 'plan_endorsements.organisation_id')
    .select(['decision', 'constituency'])
    .where('plan_id', '=', planId)
    .execute()
  const constituencies = (decision: string) =>
    [...new Set(endorsements.filter((e) => e.decision === decision).map((e) => e.constituency))].sort()
  const measurements = await db
    .selectFrom('measurements')
    .select(['indicator_id', 'period', 'period_end', 'value'])
    .where('plan_id', '=', planId)
    .execute()
  let onTrack = 0
  let workersReached = 0
  const changes: number[] = []
  const indicators = items.filter((i) => i.kind === 'indicator')
  for (const i of indicators) {
    const d = i.data as Data
    const progress = indicatorProgress(
      {
        unit: String(d.unit),
        baselineValue: num(d.baselineValue),
        baselineDate: str(d.baselineDate),
        targetValue: num(d.targetValue),
        targetDate: str(d.targetDate),
      },
      measurements.filter((m) => m.indicator_id === i.id),
    )
    if (progress.status === 'on_track' || progress.status === 'achieved') onTrack++
    const latest = progress.latest?.value
    if (d.indicatorType === 'compliance' && latest !== undefined && num(d.baselineValue) !== undefined)
      changes.push(latest - num(d.baselineValue)!)
    if (d.countsWorkersReached === true && latest !== undefined) workersReached += latest
  }
  const activity = await db
    .selectFrom('activity_events')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('plan_id', '=', planId)
    .executeTakeFirst()
  return {
    kinds: [...new Set(items.map((i) => i.kind))].sort(),
    issueTitle: str(issue?.title) ?? null,
    issueType: str(issue?.issueType) ?? null,
    openReviews: reviews.length,
    endorsed: constituencies('endorse'),
    objected: constituencies('object'),
    indicators: indicators.length,
    onTrack,
    complianceChange: changes.length ? Number((changes.reduce((a, b) => a + b, 0) / changes.length).toFixed(9)) : null,
    workersReached,
    lastActivity: activity?.at ? new Date(activity.at).toISOString() : null,
  }
}

async function expectConsistent(planId: string) {
  expect(await stored(planId)).toEqual(await recomputed(planId))
}

async function world() {
  const lead = await createUser(db)
  const plan = await createPlan(db, lead.id)
  const insert = (kind: string, refPrefix: string, data: Data) =>
    ItemRepository.insert(db, { planId: plan.id, kind, refPrefix, data, actorId: lead.id })
  return { lead, plan, insert }
}

const compliance = {
  name: 'Estates compliant',
  indicatorType: 'compliance',
  unit: 'percent',
  baselineValue: 30,
  baselineDate: '2026-01-01',
  targetValue: 60,
  targetDate: '2027-12-31',
}
const measure = (indicatorId: string, period: string, periodEnd: string, value: number) => ({
  indicatorId,
  period,
  periodEnd,
  value,
  note: null,
  evidenceSource: null,
})

describe('plan_summaries', () => {
  it('stays equal to a recomputation after each kind of write', async () => {
    const { lead, plan, insert } = await world()
    await expectConsistent(plan.id)

    const k1 = await insert('indicator', 'K', compliance)
    const k2 = await insert('indicator', 'K', {
      name: 'Workers',
      indicatorType: 'output',
      unit: 'count',
      baselineValue: 0,
      targetValue: 1000,
      countsWorkersReached: true,
    })
    await expectConsistent(plan.id)
    expect((await stored(plan.id)).indicators).toBe(2)

    await MeasurementRepository.insertMany(db, {
      planId: plan.id,
      actorId: lead.id,
      rows: [measure(k1.id, '2026-Q2', '2026-06-30', 36), measure(k2.id, '2026-Q2', '2026-06-30', 400)],
    })
    await expectConsistent(plan.id)
    expect(await stored(plan.id)).toMatchObject({ onTrack: 2, complianceChange: 6, workersReached: 400 })

    // A later period becomes the latest; an earlier one does not.
    await MeasurementRepository.insertMany(db, {
      planId: plan.id,
      actorId: lead.id,
      rows: [measure(k1.id, '2026-Q4', '2026-12-31', 33), measure(k2.id, '2026-Q1', '2026-03-31', 900)],
    })
    await expectConsistent(plan.id)
    expect(await stored(plan.id)).toMatchObject({ onTrack: 1, complianceChange: 3, workersReached: 400 })

    await db
      .updateTable('measurements')
      .set({ value: 50 })
      .where('indicator_id', '=', k1.id)
      .where('period', '=', '2026-Q4')
      .execute()
    await expectConsistent(plan.id)
    const q4 = await db
      .selectFrom('measurements')
      .select('id')
      .where('indicator_id', '=', k1.id)
      .where('period', '=', '2026-Q4')
      .executeTakeFirstOrThrow()
    await MeasurementRepository.deleteById(db, { planId: plan.id, id: q4.id, actorId: lead.id })
    await expectConsistent(plan.id)

    await ItemRepository.update(db, {
      planId: plan.id,
      id: k1.id,
      expectedVersion: k1.version,
      data: { ...compliance, targetValue: 36 },
      actorId: lead.id,
    })
    await expectConsistent(plan.id)
    expect((await stored(plan.id)).onTrack).toBe(2)

    const issue = await insert('issue', 'I', { title: 'Casual work', issueType: 'employment_status' })
    const target = await insert('target', 'T', { name: 'Estates' })
    const pair = await insert('pair', 'P', { issue: issue.id, target: target.id })
    await insert('priority_decision', 'PD', { pairs: [pair.id], rationale: 'Highest score' })
    await expectConsistent(plan.id)
    expect(await stored(plan.id)).toMatchObject({ issueTitle: 'Casual work', issueType: 'employment_status' })

    const reviewer = await createUser(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    const review = await CommentRepository.insert(db, {
      planId: plan.id,
      subjectType: 'substep',
      subjectId: '6.2',
      parentId: null,
      authorId: reviewer.id,
      body: 'Baseline source?',
      label: '6.2',
      isReview: true,
    })
    await expectConsistent(plan.id)
    expect((await stored(plan.id)).openReviews).toBe(1)
    await CommentRepository.resolve(db, { planId: plan.id, id: review.id, actorId: lead.id, resolved: true })
    await expectConsistent(plan.id)
    expect((await stored(plan.id)).openReviews).toBe(0)
    await db.deleteFrom('comments').where('id', '=', review.id).execute()
    await expectConsistent(plan.id)

    // Endorsements are of a submitted plan (ADR 009).
    await LifecycleRepository.transition(db, {
      planId: plan.id,
      from: 'draft',
      to: 'in_review',
      actorId: lead.id,
      note: null,
    })
    await expectConsistent(plan.id)
    const union = await createUser(db, { constituency: 'workers' })
    await LifecycleRepository.upsertEndorsement(db, {
      planId: plan.id,
      organisationId: lead.organisationId,
      decision: 'endorse',
      comment: null,
      userId: lead.id,
    })
    await LifecycleRepository.upsertEndorsement(db, {
      planId: plan.id,
      organisationId: union.organisationId,
      decision: 'object',
      comment: 'Not yet',
      userId: union.id,
    })
    await expectConsistent(plan.id)
    expect(await stored(plan.id)).toMatchObject({ endorsed: ['government'], objected: ['workers'] })
    await LifecycleRepository.upsertEndorsement(db, {
      planId: plan.id,
      organisationId: union.organisationId,
      decision: 'endorse',
      comment: 'Now yes',
      userId: union.id,
    })
    await expectConsistent(plan.id)
    await db
      .updateTable('organisations')
      .set({ constituency: 'employers' })
      .where('id', '=', union.organisationId)
      .execute()
    await expectConsistent(plan.id)
    expect((await stored(plan.id)).endorsed).toEqual(['employers', 'government'])

    await ItemRepository.deleteById(db, { planId: plan.id, id: k2.id, expectedVersion: k2.version, actorId: lead.id })
    await expectConsistent(plan.id)
    expect((await stored(plan.id)).indicators).toBe(1)
  })

  it('rebuilds every summary from scratch, as a migration that changes the rules does', async () => {
    const { lead, plan, insert } = await world()
    const k1 = await insert('indicator', 'K', compliance)
    await MeasurementRepository.insertMany(db, {
      planId: plan.id,
      actorId: lead.id,
      rows: [measure(k1.id, '2026-Q2', '2026-06-30', 40)],
    })
    await db.updateTable('plan_summaries').set({ on_track: 7, indicators: 9, kinds: [] }).execute()
    await db.deleteFrom('plan_last_activity').execute()
    await DashboardRepository.rebuildSummaries(db)
    await expectConsistent(plan.id)
  })

  it('counts both of two concurrent writers to one plan', async () => {
    const { lead, plan, insert } = await world()
    const k1 = await insert('indicator', 'K', compliance)
    const k2 = await insert('indicator', 'K', { ...compliance, name: 'Second' })
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let firstInserted!: () => void
    const inserted = new Promise<void>((r) => (firstInserted = r))
    // The first transaction writes and holds its summary row; the second writes meanwhile and
    // refreshes only after the first committed, so it must see the first one's measurement.
    const first = db.transaction().execute(async (trx) => {
      await MeasurementRepository.insertMany(trx, {
        planId: plan.id,
        actorId: lead.id,
        rows: [measure(k1.id, '2026-Q2', '2026-06-30', 40)],
      })
      firstInserted()
      await gate
    })
    await inserted
    const second = MeasurementRepository.insertMany(db, {
      planId: plan.id,
      actorId: lead.id,
      rows: [measure(k2.id, '2026-Q2', '2026-06-30', 40)],
    })
    const waiting = async () =>
      (
        await sql<{
          n: number
        }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(
          db,
        )
      ).rows[0]!.n
    await expect.poll(waiting, { timeout: 5_000 }).toBe(1)
    release()
    await Promise.all([first, second])
    await expectConsistent(plan.id)
    expect((await stored(plan.id)).onTrack).toBe(2)
  })

  it('lets a plan with figures be deleted', async () => {
    const { lead, plan, insert } = await world()
    const k1 = await insert('indicator', 'K', compliance)
    await MeasurementRepository.insertMany(db, {
      planId: plan.id,
      actorId: lead.id,
      rows: [measure(k1.id, '2026-Q2', '2026-06-30', 40)],
    })
    await db.deleteFrom('plans').where('id', '=', plan.id).execute()
    const left = await sql<{
      n: number
    }>`SELECT (SELECT count(*) FROM plan_summaries WHERE plan_id = ${plan.id}) + (SELECT count(*) FROM plan_last_activity WHERE plan_id = ${plan.id}) AS n`.execute(
      db,
    )
    expect(Number(left.rows[0]!.n)).toBe(0)
  })
})
