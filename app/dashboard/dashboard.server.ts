import { type Db } from '#db/client.ts'
import * as DashboardRepository from '#db/repositories/dashboard.ts'
import { DASHBOARD_SORTS, type DashboardFilters } from '#db/repositories/dashboard.ts'
import { refreshStaleCompletion } from '../signoff/completion.server.ts'
import { loadSignoffCounts } from '../signoff/signoff.server.ts'
import { isCountryCode } from '../utils/countries.ts'
import { ISIC_SECTIONS } from '../utils/isic.ts'
import { PLAN_STATUSES } from '#core/vocabulary.ts'
import { isStorable, z } from '../utils/validation.ts'
import { ISSUE_TYPES } from '../worksheets/issue-types.ts'
import { toSummary } from './summary.ts'
import { MAP_MODES } from './map/world-map.ts'

// Unknown or malformed filter values are ignored rather than refused: they come from links and bookmarks.
export const filtersSchema = z.object({
  country: z.string().refine(isCountryCode).optional().catch(undefined),
  region: z.string().trim().min(1).max(120).refine(isStorable).optional().catch(undefined),
  sector: z.enum(ISIC_SECTIONS).optional().catch(undefined),
  issueType: z.enum(ISSUE_TYPES).optional().catch(undefined),
  status: z.enum(PLAN_STATUSES).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  sort: z.enum(DASHBOARD_SORTS).default('lastActivity').catch('lastActivity'),
  dir: z.enum(['asc', 'desc']).default('desc').catch('desc'),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  /** What the world map's colours show. */
  map: z.enum(MAP_MODES).default('plans').catch('plans'),
})
export type Filters = z.infer<typeof filtersSchema>

export const PAGE_SIZE = 50

const filtersOf = ({ country, region, sector, issueType, status, year }: Filters): DashboardFilters => ({
  country,
  region,
  sector,
  issueType,
  status,
  year,
})

/** The rows with their complete and agreed counts, by the same rule as the plan's overview (ADR 037). */
async function withSignoff(db: Db, rows: Awaited<ReturnType<typeof DashboardRepository.findPage>>) {
  const counts = await loadSignoffCounts(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => toSummary(r, counts.get(r.id)))
}

/**
 * One page of the filtered, sorted plans, the aggregates over all of them and their compliance
 * trend (all computed in SQL).
 */
export async function loadDashboard(db: Db, filters: Filters) {
  const page = (n: number) =>
    DashboardRepository.findPage(db, {
      filters: filtersOf(filters),
      sort: filters.sort,
      dir: filters.dir,
      limit: PAGE_SIZE,
      offset: (n - 1) * PAGE_SIZE,
    })
  // Completeness is stored; plans changed since it was evaluated are evaluated first, by the same
  // rules as their overview, so that no count (nor the sort by it) is ever behind (ADR 037). The
  // aggregates do not use it and run meanwhile.
  const [aggregates, trend, rows] = await Promise.all([
    DashboardRepository.findAggregates(db, filtersOf(filters)),
    DashboardRepository.findComplianceTrend(db, filtersOf(filters)),
    refreshStaleCompletion(db).then(() => page(filters.page)),
  ])
  const pages = Math.max(1, Math.ceil(aggregates.plans / PAGE_SIZE))
  // A bookmarked page past the end (the filters now match fewer plans) shows the last page.
  const current = Math.min(filters.page, pages)
  const summaries = current === filters.page ? rows : await page(current)
  return { rows: await withSignoff(db, summaries), total: aggregates.plans, page: current, pages, aggregates, trend }
}

/** Every filtered plan, sorted, for the CSV export of the table. */
export async function loadAllPlans(db: Db, filters: Filters) {
  await refreshStaleCompletion(db)
  const rows = await DashboardRepository.findPage(db, {
    filters: filtersOf(filters),
    sort: filters.sort,
    dir: filters.dir,
    limit: null,
    offset: 0,
  })
  return withSignoff(db, rows)
}
