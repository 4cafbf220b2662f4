import { type Db } from '#db/client.ts'
import * as DashboardRepository from '#db/repositories/dashboard.ts'
import { isCountryCode } from '../utils/countries.ts'
import { ISIC_SECTIONS } from '../utils/isic.ts'
import { PLAN_STATUSES } from '../utils/plan-schema.ts'
import { z } from '../utils/validation.ts'
import { ISSUE_TYPES } from '../worksheets/issue-types.ts'
import { aggregate, SORTS, sortPlans, summarisePlans } from './summary.ts'

// Unknown or malformed filter values are ignored rather than refused: they come from links and bookmarks.
export const filtersSchema = z.object({
  country: z.string().refine(isCountryCode).optional().catch(undefined),
  region: z.string().trim().min(1).max(120).optional().catch(undefined),
  sector: z.enum(ISIC_SECTIONS).optional().catch(undefined),
  issueType: z.enum(ISSUE_TYPES).optional().catch(undefined),
  status: z.enum(PLAN_STATUSES).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  sort: z.enum(SORTS).default('lastActivity').catch('lastActivity'),
  dir: z.enum(['asc', 'desc']).default('desc').catch('desc'),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
})
export type Filters = z.infer<typeof filtersSchema>

export const PAGE_SIZE = 50

/** The filtered, sorted plans with their summary figures, and the aggregates over all of them. */
export async function loadDashboard(db: Db, filters: Filters) {
  const plans = await DashboardRepository.findPlans(db, filters)
  const indicators = await DashboardRepository.findIndicators(db, plans.map((p) => p.id))
  const summaries = sortPlans(summarisePlans(plans, indicators), filters.sort, filters.dir)
  return { summaries, aggregates: aggregate(summaries) }
}
