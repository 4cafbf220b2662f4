import { type LoaderFunctionArgs } from '@remix-run/node'
import { filtersSchema, loadAllPlans } from '../dashboard/dashboard.server.ts'
import { csvCell } from '../monitoring/csv.ts'
import { requireGlobalPermission } from '../utils/admin.server.ts'
import { getDb } from '../utils/db.server.ts'

const COLUMNS = [
  'plan_id',
  'title',
  'country',
  'region',
  'sectors',
  'status',
  'start',
  'end',
  'priority_issue',
  'issue_type',
  'substeps_complete',
  'substeps_agreed',
  'open_review_comments',
  'endorsed_by',
  'objected_by',
  'indicators',
  'indicators_on_track',
  'compliance_change_points',
  'workers_reached',
  'last_activity',
]

/** The dashboard table, with the same filters, as CSV (UTF-8 with BOM so spreadsheets read accents). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireGlobalPermission(request, 'dashboard:read')
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const summaries = await loadAllPlans(getDb(), filters)
  const lines = summaries.map((p) =>
    [
      p.id,
      p.title,
      p.countryCode,
      p.region,
      p.sectors.join(' '),
      p.status,
      p.startDate,
      p.endDate,
      p.issueTitle,
      p.issueType,
      p.substepsComplete,
      p.substepsAgreed,
      p.openReviews,
      p.endorsed.join(' '),
      p.objected.join(' '),
      p.indicators,
      p.onTrack,
      p.complianceChange,
      p.workersReached,
      p.lastActivity,
    ]
      .map(csvCell)
      .join(','),
  )
  return new Response(`\uFEFF${[COLUMNS.join(','), ...lines].join('\r\n')}\r\n`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="scp-plans.csv"',
      'Cache-Control': 'no-store',
    },
  })
}
