import { describe, expect, it } from 'vitest'
import { type DashboardIndicatorRow, type DashboardPlanRow } from '#db/repositories/dashboard.ts'
import { aggregate, sortPlans, summarisePlans } from './summary.ts'

const plan = (id: string, over: Partial<DashboardPlanRow> = {}): DashboardPlanRow => ({
  id,
  title: `Plan ${id}`,
  country_code: 'PH',
  region: null,
  sectors: ['A'],
  status: 'implementing',
  start_date: '2026-01-01',
  end_date: '2027-12-31',
  issue_title: 'Casual work',
  issue_type: 'employment_status',
  kinds: ['mandate', 'resource', 'scope_figures', 'issue'],
  open_reviews: 0,
  endorsed: [],
  objected: [],
  last_activity: null,
  ...over,
})
const indicator = (planId: string, over: Partial<DashboardIndicatorRow> = {}): DashboardIndicatorRow => ({
  plan_id: planId,
  indicator_type: 'compliance',
  unit: 'percent',
  baseline_value: 38,
  baseline_date: '2025-11-30',
  target_value: 60,
  target_date: '2027-12-31',
  counts_workers: false,
  period: '2026-Q4',
  period_end: '2026-12-31',
  value: 50,
  ...over,
})

describe('dashboard summary', () => {
  it('counts sub-steps started, indicators on track, compliance change and workers reached per plan', () => {
    const [s] = summarisePlans([plan('a')], [indicator('a'), indicator('a', { value: 38 }), indicator('a', { indicator_type: 'output', unit: 'count', baseline_value: 0, baseline_date: null, target_value: 8000, target_date: null, counts_workers: true, value: 3100 })])
    expect(s).toMatchObject({ substepsStarted: 3, indicators: 3, onTrack: 2, workersReached: 3100 })
    expect(s!.complianceChange).toBe(6)
  })

  it('aggregates by status, issue type, country and sector', () => {
    const plans = summarisePlans(
      [plan('a'), plan('b', { country_code: 'MG', status: 'draft', issue_type: 'osh', sectors: ['A', 'F'] }), plan('c', { country_code: 'MG', issue_type: null })],
      [indicator('a'), indicator('b', { value: 38 })],
    )
    const a = aggregate(plans)
    expect(a.plans).toBe(3)
    expect(a.byStatus).toEqual([
      { key: 'implementing', plans: 2 },
      { key: 'draft', plans: 1 },
    ])
    expect(a.byIssueType.map((g) => g.key).sort()).toEqual(['employment_status', 'none', 'osh'])
    expect(a.onTrackShare).toBe(0.5)
    expect(a.complianceChange).toBe(6)
    expect(a.byCountry.find((g) => g.key === 'MG')).toMatchObject({ plans: 2, indicators: 1, onTrack: 0, complianceChange: 0 })
    expect(a.bySector.find((g) => g.key === 'F')).toMatchObject({ plans: 1 })
  })

  it('sorts by any column, ties by title', () => {
    const plans = summarisePlans([plan('b', { country_code: 'ZA' }), plan('a', { country_code: 'AR' }), plan('c', { country_code: 'AR' })], [])
    expect(sortPlans(plans, 'country', 'asc').map((p) => p.id)).toEqual(['a', 'c', 'b'])
    expect(sortPlans(plans, 'country', 'desc').map((p) => p.id)).toEqual(['b', 'a', 'c'])
  })
})
