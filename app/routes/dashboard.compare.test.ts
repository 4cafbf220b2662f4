import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createPlan } from '#tests/factories/index.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { loadComparison } from '../dashboard/compare.server.ts'
import { getDb } from '../utils/db.server.ts'
import { loader } from './dashboard_.compare.tsx'

const db = getDb()

async function world() {
  const { user: lead } = await createUserWithSession(db)
  const palm = await createPlan(db, lead.id, { title: 'Palm oil', countryCode: 'ID' })
  const fish = await createPlan(db, lead.id, { title: 'Fishing', countryCode: 'PH' })
  const insert = (planId: string, kind: string, refPrefix: string, data: Record<string, unknown>) =>
    ItemRepository.insert(db, { planId, kind, refPrefix, data, actorId: lead.id })
  const issue = await insert(palm.id, 'issue', 'I', { title: 'Casual work', issueType: 'employment_status' })
  const target = await insert(palm.id, 'target', 'T', { name: 'Large estates' })
  const pair = await insert(palm.id, 'pair', 'P', { issue: issue.id, target: target.id })
  await insert(palm.id, 'priority_decision', 'PD', { pairs: [pair.id], rationale: 'Highest score' })
  const visits = await insert(palm.id, 'intervention', 'V', { title: 'Joint visits', interventionType: 'deterrence' })
  await insert(palm.id, 'intervention', 'V', { title: 'Radio campaign', interventionType: 'deterrence' })
  await insert(palm.id, 'intervention_selection', 'S', {
    intervention: visits.id,
    decision: 'selected',
    rationale: 'Cheap',
  })
  const k1 = await insert(palm.id, 'indicator', 'K', {
    name: 'Workers with a contract',
    indicatorType: 'compliance',
    unit: 'percent',
    baselineValue: 38,
    baselineDate: '2026-01-01',
    targetValue: 60,
    targetDate: '2027-12-31',
  })
  await MeasurementRepository.insertMany(db, {
    planId: palm.id,
    actorId: lead.id,
    rows: [
      { indicatorId: k1.id, period: '2026-Q2', periodEnd: '2026-06-30', value: 44, note: null, evidenceSource: null },
      { indicatorId: k1.id, period: '2026-Q1', periodEnd: '2026-03-31', value: 40, note: null, evidenceSource: null },
    ],
  })
  const { user: reviewer, cookie } = await createUserWithSession(db, {
    constituency: 'ilo',
    globalRole: 'ilo_reviewer',
  })
  return { lead, palm, fish, reviewer, cookie }
}

const compare = (cookie: string, ids: string[]) =>
  call(() =>
    loader(args(makeRequest(`/dashboard/compare?${new URLSearchParams(ids.map((id) => ['plan', id]))}`, { cookie }))),
  )

describe('comparing plans side by side', () => {
  it('shows progress, priority, interventions and indicators against targets, in the order asked', async () => {
    const { palm, fish, cookie } = await world()
    const res = await compare(cookie, [fish.id, palm.id])
    expect(res.status).toBe(200)
    expect(res.data.problem).toBeNull()
    expect(res.data.plans.map((p: { title: string }) => p.title)).toEqual(['Fishing', 'Palm oil'])
    const palmView = res.data.plans[1]
    expect(palmView).toMatchObject({
      countryCode: 'ID',
      issueTitle: 'Casual work',
      issueType: 'employment_status',
      targetName: 'Large estates',
      interventions: [
        { title: 'Joint visits', decision: 'selected' },
        { title: 'Radio campaign', decision: null },
      ],
    })
    expect(palmView.substepsComplete).toBeGreaterThan(0)
    expect(palmView.indicators).toHaveLength(1)
    expect(palmView.indicators[0]).toMatchObject({
      name: 'Workers with a contract',
      indicatorType: 'compliance',
      latest: 44,
      definition: { baselineValue: 38, targetValue: 60 },
    })
    expect(palmView.indicators[0].measurements.map((m: { period: string }) => m.period)).toEqual(['2026-Q1', '2026-Q2'])
    expect(res.data.plans[0]).toMatchObject({ issueTitle: null, targetName: null, interventions: [], indicators: [] })
  })

  it('asks for two to four plans with a message, never an error page', async () => {
    const { palm, fish, cookie } = await world()
    const one = await compare(cookie, [palm.id])
    expect([one.status, one.data.problem]).toEqual([400, 'dashboard.compare.tooFew'])
    const same = await compare(cookie, [palm.id, palm.id])
    expect([same.status, same.data.problem]).toEqual([400, 'dashboard.compare.tooFew'])
    const five = await compare(cookie, [palm.id, fish.id, randomUUID(), randomUUID(), randomUUID()])
    expect([five.status, five.data.problem]).toEqual([400, 'dashboard.compare.tooMany'])
    const many = await compare(
      cookie,
      Array.from({ length: 500 }, () => randomUUID()),
    )
    expect([many.status, many.data.problem]).toEqual([400, 'dashboard.compare.tooMany'])
    const bad = await compare(cookie, [palm.id, "1' OR '1'='1"])
    expect([bad.status, bad.data.problem]).toEqual([400, 'dashboard.compare.invalid'])
    const none = await compare(cookie, [])
    expect([none.status, none.data.problem]).toEqual([400, 'dashboard.compare.tooFew'])
  })

  it('leaves out plans that do not exist, and says so', async () => {
    const { palm, fish, cookie } = await world()
    const res = await compare(cookie, [palm.id, randomUUID(), fish.id])
    expect(res.status).toBe(200)
    expect(res.data.missing).toBe(1)
    expect(res.data.plans).toHaveLength(2)
    const gone = await compare(cookie, [palm.id, randomUUID()])
    expect([gone.status, gone.data.problem, gone.data.plans.length]).toEqual([404, 'dashboard.compare.notFound', 1])
  })

  it('is only for those who may read the dashboard', async () => {
    const { palm, fish } = await world()
    const { cookie } = await createUserWithSession(db)
    expect((await compare(cookie, [palm.id, fish.id])).status).toBe(403)
  })

  it('never shows a plan its viewer may not read, whatever id is asked for', async () => {
    const { lead, palm, fish } = await world()
    const { user: outsider } = await createUserWithSession(db)
    const ownPlan = await createPlan(db, outsider.id, { title: 'Own plan' })
    const otherTeams = await loadComparison(db, { id: outsider.id, globalRole: 'member' }, [
      ownPlan.id,
      palm.id,
      fish.id,
    ])
    expect(otherTeams.plans.map((p) => p.title)).toEqual(['Own plan'])
    expect(otherTeams.missing).toBe(2)
    const leadView = await loadComparison(db, { id: lead.id, globalRole: 'member' }, [palm.id, ownPlan.id])
    expect(leadView.plans.map((p) => p.title)).toEqual(['Palm oil'])
  })
})
