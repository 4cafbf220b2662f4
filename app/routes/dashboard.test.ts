import { describe, expect, it } from 'vitest'
import { createPlan } from '#db/factories/index.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { loader as measurementsCsv } from './dashboard.measurements[.]csv.ts'
import { loader as plansCsv } from './dashboard.plans[.]csv.ts'
import { loader } from './dashboard.tsx'

const db = getDb()

async function world() {
  const { user: lead } = await createUserWithSession(db)
  const palm = await createPlan(db, lead.id, { title: 'Palm oil', countryCode: 'ID', sectors: ['A'], startDate: '2026-01-01', endDate: '2027-12-31' })
  const port = await createPlan(db, lead.id, { title: 'Port', countryCode: 'MG', sectors: ['A', 'H'], startDate: '2024-01-01', endDate: '2024-12-31' })
  const insert = (planId: string, kind: string, refPrefix: string, data: Record<string, unknown>) => ItemRepository.insert(db, { planId, kind, refPrefix, data, actorId: lead.id })
  const issue = await insert(palm.id, 'issue', 'I', { title: 'Casual work', issueType: 'employment_status' })
  const target = await insert(palm.id, 'target', 'T', { name: 'Estates' })
  const pair = await insert(palm.id, 'pair', 'P', { issue: issue.id, target: target.id })
  await insert(palm.id, 'priority_decision', 'PD', { pairs: [pair.id], rationale: 'Highest score' })
  const k1 = await insert(palm.id, 'indicator', 'K', { name: 'Compliance', indicatorType: 'compliance', unit: 'percent', baselineValue: 38, targetValue: 60 })
  await MeasurementRepository.insertMany(db, { planId: palm.id, actorId: lead.id, rows: [{ indicatorId: k1.id, period: '2026-Q2', periodEnd: '2026-06-30', value: 44, note: null, evidenceSource: 'Survey' }] })
  const { cookie: reviewer } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
  return { palm, port, reviewer }
}

const open = (cookie: string, query = '') => call(() => loader(args(makeRequest(`/dashboard${query}`, { cookie }))))

describe('the cross-country dashboard', () => {
  it('is only for ILO reviewers and administrators', async () => {
    const { user: lead, cookie } = await createUserWithSession(db)
    await createPlan(db, lead.id)
    expect((await open(cookie)).status).toBe(403)
    const { cookie: admin } = await createUserWithSession(db, { globalRole: 'admin' })
    expect((await open(admin)).status).toBe(200)
  })

  it('lists every plan with its priority, indicators and aggregates', async () => {
    const { palm, reviewer } = await world()
    const res = await open(reviewer)
    expect(res.data.total).toBe(2)
    const row = res.data.rows.find((r: { id: string }) => r.id === palm.id)
    expect(row).toMatchObject({ issueTitle: 'Casual work', issueType: 'employment_status', indicators: 1, complianceChange: 6 })
    expect(res.data.aggregates).toMatchObject({ plans: 2, complianceChange: 6, plansWithComplianceData: 1 })
    expect(res.data.aggregates.byIssueType.map((g: { key: string }) => g.key).sort()).toEqual(['employment_status', 'none'])
  })

  it('filters by country, sector, issue type, status and year, and ignores malformed values', async () => {
    const { palm, port, reviewer } = await world()
    const ids = async (q: string) => (await open(reviewer, q)).data.rows.map((r: { id: string }) => r.id)
    expect(await ids('?country=MG')).toEqual([port.id])
    expect(await ids('?sector=H')).toEqual([port.id])
    expect(await ids('?issueType=employment_status')).toEqual([palm.id])
    expect(await ids('?year=2024')).toEqual([port.id])
    expect(await ids('?status=approved')).toEqual([])
    expect((await ids('?country=ZZZ&year=banana&sort=evil&page=-3')).length).toBe(2)
    expect(await ids('?sort=title&dir=asc')).toEqual([palm.id, port.id])
  })

  it('exports the table and the measurements as CSV', async () => {
    const { reviewer } = await world()
    const table = await call(() => plansCsv(args(makeRequest('/dashboard/plans.csv?country=ID', { cookie: reviewer }))))
    expect(table.data).toContain('Palm oil')
    expect(table.data).not.toContain('Port')
    const measurements = await call(() => measurementsCsv(args(makeRequest('/dashboard/measurements.csv', { cookie: reviewer }))))
    expect(measurements.data.split('\r\n')[1]).toContain('2026-Q2')
  })
})
