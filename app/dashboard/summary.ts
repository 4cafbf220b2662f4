// Turns the dashboard's rows into the table and its aggregates. Pure, so it is tested without a database.
import { type DashboardIndicatorRow, type DashboardPlanRow } from '#db/repositories/dashboard.ts'
import { indicatorProgress } from '../monitoring/progress.ts'
import { KINDS } from '../worksheets/kinds.ts'

export interface PlanSummary {
  id: string
  title: string
  countryCode: string
  region: string | null
  sectors: string[]
  status: string
  startDate: string
  endDate: string
  issueTitle: string | null
  issueType: string | null
  substepsStarted: number
  openReviews: number
  endorsed: string[]
  objected: string[]
  indicators: number
  onTrack: number
  /** Mean change of compliance indicators from baseline to latest value (points), null without data. */
  complianceChange: number | null
  workersReached: number
  lastActivity: string | null
}

export function summarisePlans(plans: DashboardPlanRow[], indicators: DashboardIndicatorRow[]): PlanSummary[] {
  const byPlan = new Map<string, DashboardIndicatorRow[]>()
  for (const i of indicators) {
    const list = byPlan.get(i.plan_id)
    if (list) list.push(i)
    else byPlan.set(i.plan_id, [i])
  }
  return plans.map((p) => {
    const mine = byPlan.get(p.id) ?? []
    let onTrack = 0
    const changes: number[] = []
    let workersReached = 0
    for (const i of mine) {
      const measurements = i.value === null || i.period_end === null ? [] : [{ period: i.period ?? '', period_end: i.period_end, value: i.value }]
      const progress = indicatorProgress(
        { unit: i.unit ?? 'other', baselineValue: i.baseline_value ?? undefined, baselineDate: i.baseline_date ?? undefined, targetValue: i.target_value ?? undefined, targetDate: i.target_date ?? undefined },
        measurements,
      )
      if (progress.status === 'on_track' || progress.status === 'achieved') onTrack++
      if (i.indicator_type === 'compliance' && i.value !== null && i.baseline_value !== null) changes.push(i.value - i.baseline_value)
      if (i.counts_workers && i.value !== null) workersReached += i.value
    }
    const substeps = new Set(p.kinds.map((k) => KINDS[k]?.substep).filter(Boolean))
    return {
      id: p.id,
      title: p.title,
      countryCode: p.country_code,
      region: p.region,
      sectors: p.sectors,
      status: p.status,
      startDate: p.start_date,
      endDate: p.end_date,
      issueTitle: p.issue_title,
      issueType: p.issue_type,
      substepsStarted: substeps.size,
      openReviews: Number(p.open_reviews),
      endorsed: p.endorsed,
      objected: p.objected,
      indicators: mine.length,
      onTrack,
      complianceChange: changes.length ? changes.reduce((a, b) => a + b, 0) / changes.length : null,
      workersReached,
      lastActivity: p.last_activity ? new Date(p.last_activity).toISOString() : null,
    }
  })
}

export interface GroupFigures {
  key: string
  plans: number
  indicators: number
  onTrack: number
  workersReached: number
  complianceChange: number | null
}

function group(plans: PlanSummary[], keysOf: (p: PlanSummary) => string[]): GroupFigures[] {
  const groups = new Map<string, PlanSummary[]>()
  for (const p of plans) {
    for (const k of keysOf(p)) {
      const list = groups.get(k)
      if (list) list.push(p)
      else groups.set(k, [p])
    }
  }
  return [...groups.entries()]
    .map(([key, list]) => {
      const changes = list.map((p) => p.complianceChange).filter((c): c is number => c !== null)
      return {
        key,
        plans: list.length,
        indicators: list.reduce((a, p) => a + p.indicators, 0),
        onTrack: list.reduce((a, p) => a + p.onTrack, 0),
        workersReached: list.reduce((a, p) => a + p.workersReached, 0),
        complianceChange: changes.length ? changes.reduce((a, b) => a + b, 0) / changes.length : null,
      }
    })
    .sort((a, b) => b.plans - a.plans || a.key.localeCompare(b.key))
}

/** The dashboard's aggregates over every filtered plan. */
export function aggregate(plans: PlanSummary[]) {
  const count = (keyOf: (p: PlanSummary) => string) => group(plans, (p) => [keyOf(p)]).map((g) => ({ key: g.key, plans: g.plans }))
  const changes = plans.map((p) => p.complianceChange).filter((c): c is number => c !== null)
  const indicators = plans.reduce((a, p) => a + p.indicators, 0)
  return {
    plans: plans.length,
    byStatus: count((p) => p.status),
    byIssueType: count((p) => p.issueType ?? 'none'),
    complianceChange: changes.length ? changes.reduce((a, b) => a + b, 0) / changes.length : null,
    plansWithComplianceData: changes.length,
    workersReached: plans.reduce((a, p) => a + p.workersReached, 0),
    indicators,
    onTrackShare: indicators ? plans.reduce((a, p) => a + p.onTrack, 0) / indicators : null,
    byCountry: group(plans, (p) => [p.countryCode]),
    bySector: group(plans, (p) => p.sectors),
  }
}

export const SORTS = ['title', 'country', 'status', 'progress', 'onTrack', 'lastActivity'] as const
export type Sort = (typeof SORTS)[number]

export function sortPlans(plans: PlanSummary[], sort: Sort, dir: 'asc' | 'desc'): PlanSummary[] {
  const value = (p: PlanSummary): string | number => {
    switch (sort) {
      case 'title':
        return p.title.toLowerCase()
      case 'country':
        return p.countryCode
      case 'status':
        return p.status
      case 'progress':
        return p.substepsStarted
      case 'onTrack':
        return p.indicators ? p.onTrack / p.indicators : -1
      case 'lastActivity':
        return p.lastActivity ?? ''
    }
  }
  const sign = dir === 'asc' ? 1 : -1
  return [...plans].sort((a, b) => {
    const [x, y] = [value(a), value(b)]
    return (x < y ? -1 : x > y ? 1 : 0) * sign || a.title.localeCompare(b.title)
  })
}
