// The dashboard table's row, as the page and the CSV export show it.
import { type DashboardPlanRow, type DashboardSort } from '#db/repositories/dashboard.ts'
import { type SignoffCounts } from '../signoff/summary.ts'

export type Sort = DashboardSort

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
  /** Sub-steps complete and agreed by every constituency on the team (summariseSignoff). */
  substepsComplete: number
  substepsAgreed: number
  substepsStale: number
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

export function toSummary(p: DashboardPlanRow, signoff: SignoffCounts | undefined): PlanSummary {
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
    substepsComplete: signoff?.complete ?? 0,
    substepsAgreed: signoff?.agreed ?? 0,
    substepsStale: signoff?.stale ?? 0,
    openReviews: p.open_reviews,
    endorsed: p.endorsed,
    objected: p.objected,
    indicators: p.indicators,
    onTrack: p.on_track,
    complianceChange: p.compliance_change,
    workersReached: p.workers_reached,
    lastActivity: p.last_activity ? new Date(p.last_activity).toISOString() : null,
  }
}
