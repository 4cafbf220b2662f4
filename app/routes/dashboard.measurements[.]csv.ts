import { type LoaderFunctionArgs } from '@remix-run/node'
import * as DashboardRepository from '#db/repositories/dashboard.ts'
import { filtersSchema } from '../dashboard/dashboard.server.ts'
import { csvCell } from '../monitoring/csv.ts'
import { requireGlobalPermission } from '../utils/admin.server.ts'
import { getDb } from '../utils/db.server.ts'

const COLUMNS = [
  'plan_id',
  'plan',
  'country',
  'indicator',
  'indicator_name',
  'unit',
  'period',
  'period_end',
  'value',
  'note',
  'evidence_source',
]

/** Every measurement of the plans matching the dashboard filters, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireGlobalPermission(request, 'dashboard:read')
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const db = getDb()
  const rows = await DashboardRepository.findMeasurements(db, await DashboardRepository.findPlanIds(db, filters))
  const lines = rows.map((r) =>
    [
      r.plan_id,
      r.title,
      r.country_code,
      r.indicator_ref,
      r.indicator,
      r.unit,
      r.period,
      r.period_end,
      r.value,
      r.note,
      r.evidence_source,
    ]
      .map(csvCell)
      .join(','),
  )
  return new Response(`\uFEFF${[COLUMNS.join(','), ...lines].join('\r\n')}\r\n`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="scp-measurements.csv"',
      'Cache-Control': 'no-store',
    },
  })
}
