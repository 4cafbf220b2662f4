import { sql } from 'kysely'
import { type Executor } from '../executor.ts'

export interface DashboardFilters {
  country?: string
  region?: string
  sector?: string
  issueType?: string
  status?: string
  /** Plans whose horizon overlaps this calendar year. */
  year?: number
}

export interface DashboardPlanRow {
  id: string
  title: string
  country_code: string
  region: string | null
  sectors: string[]
  status: string
  start_date: string
  end_date: string
  issue_title: string | null
  issue_type: string | null
  kinds: string[]
  open_reviews: number
  endorsed: string[]
  objected: string[]
  last_activity: Date | null
}

/** Every plan matching the filters with what the cross-country table shows (reviewers see all plans). */
export async function findPlans(db: Executor, f: DashboardFilters): Promise<DashboardPlanRow[]> {
  const yearStart = f.year ? `${f.year}-01-01` : null
  const yearEnd = f.year ? `${f.year}-12-31` : null
  const { rows } = await sql<DashboardPlanRow>`
    WITH f AS (
      SELECT id, title, country_code, region, sectors, status, start_date, end_date FROM plans
      WHERE (${f.country ?? null}::text IS NULL OR country_code = ${f.country ?? null})
        AND (${f.region ?? null}::text IS NULL OR region ILIKE ${f.region ? `%${f.region.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null})
        AND (${f.sector ?? null}::text IS NULL OR ${f.sector ?? null} = ANY(sectors))
        AND (${f.status ?? null}::text IS NULL OR status = ${f.status ?? null})
        AND (${yearStart}::date IS NULL OR (end_date >= ${yearStart}::date AND start_date <= ${yearEnd}::date))
    ),
    prio AS (
      SELECT DISTINCT ON (d.plan_id) d.plan_id, iss.data->>'title' AS issue_title, iss.data->>'issueType' AS issue_type
      FROM worksheet_items d
      JOIN f ON f.id = d.plan_id
      JOIN worksheet_items pr ON pr.plan_id = d.plan_id AND pr.id::text = d.data->'pairs'->>0
      JOIN worksheet_items iss ON iss.plan_id = d.plan_id AND iss.id::text = pr.data->>'issue'
      WHERE d.kind = 'priority_decision'
      ORDER BY d.plan_id, d.position
    ),
    kinds AS (SELECT w.plan_id, array_agg(DISTINCT w.kind) AS kinds FROM worksheet_items w JOIN f ON f.id = w.plan_id GROUP BY w.plan_id),
    reviews AS (
      SELECT c.plan_id, count(*)::int AS open_reviews FROM comments c JOIN f ON f.id = c.plan_id
      WHERE c.is_review AND c.resolved_at IS NULL GROUP BY c.plan_id
    ),
    endorse AS (
      SELECT e.plan_id,
        coalesce(array_agg(DISTINCT o.constituency) FILTER (WHERE e.decision = 'endorse'), '{}') AS endorsed,
        coalesce(array_agg(DISTINCT o.constituency) FILTER (WHERE e.decision = 'object'), '{}') AS objected
      FROM plan_endorsements e JOIN f ON f.id = e.plan_id JOIN organisations o ON o.id = e.organisation_id GROUP BY e.plan_id
    )
    SELECT f.*, prio.issue_title, prio.issue_type,
      coalesce(kinds.kinds, '{}') AS kinds,
      coalesce(reviews.open_reviews, 0) AS open_reviews,
      coalesce(endorse.endorsed, '{}') AS endorsed,
      coalesce(endorse.objected, '{}') AS objected,
      (SELECT a.created_at FROM activity_events a WHERE a.plan_id = f.id ORDER BY a.id DESC LIMIT 1) AS last_activity
    FROM f
    LEFT JOIN prio ON prio.plan_id = f.id
    LEFT JOIN kinds ON kinds.plan_id = f.id
    LEFT JOIN reviews ON reviews.plan_id = f.id
    LEFT JOIN endorse ON endorse.plan_id = f.id
    WHERE (${f.issueType ?? null}::text IS NULL OR prio.issue_type = ${f.issueType ?? null})
  `.execute(db)
  return rows
}

export interface DashboardIndicatorRow {
  plan_id: string
  indicator_type: string | null
  unit: string | null
  baseline_value: number | null
  baseline_date: string | null
  target_value: number | null
  target_date: string | null
  counts_workers: boolean
  period: string | null
  period_end: string | null
  value: number | null
}

/** Each indicator of the given plans with its latest measurement. */
export async function findIndicators(db: Executor, planIds: string[]): Promise<DashboardIndicatorRow[]> {
  if (planIds.length === 0) return []
  const { rows } = await sql<DashboardIndicatorRow>`
    SELECT i.plan_id,
      i.data->>'indicatorType' AS indicator_type,
      i.data->>'unit' AS unit,
      CASE WHEN jsonb_typeof(i.data->'baselineValue') = 'number' THEN (i.data->>'baselineValue')::float8 END AS baseline_value,
      i.data->>'baselineDate' AS baseline_date,
      CASE WHEN jsonb_typeof(i.data->'targetValue') = 'number' THEN (i.data->>'targetValue')::float8 END AS target_value,
      i.data->>'targetDate' AS target_date,
      coalesce((i.data->>'countsWorkersReached')::boolean, false) AS counts_workers,
      l.period, l.period_end::text AS period_end, l.value
    FROM worksheet_items i
    LEFT JOIN indicator_latest l ON l.indicator_id = i.id
    WHERE i.kind = 'indicator' AND i.plan_id = ANY(${planIds}::uuid[])
  `.execute(db)
  return rows
}

/** Every measurement of the given plans, for the CSV export, in a stable order. */
export async function findMeasurements(db: Executor, planIds: string[]) {
  if (planIds.length === 0) return []
  const { rows } = await sql<{ plan_id: string; title: string; country_code: string; indicator_ref: string; indicator: string; unit: string | null; period: string; period_end: string; value: number; note: string | null; evidence_source: string | null }>`
    SELECT p.id AS plan_id, p.title, p.country_code, i.ref AS indicator_ref, i.data->>'name' AS indicator, i.data->>'unit' AS unit,
      m.period, m.period_end::text AS period_end, m.value, m.note, m.evidence_source
    FROM measurements m
    JOIN plans p ON p.id = m.plan_id
    JOIN worksheet_items i ON i.id = m.indicator_id
    WHERE m.plan_id = ANY(${planIds}::uuid[])
    ORDER BY p.country_code, p.title, i.position, m.period_end
  `.execute(db)
  return rows
}

/** Regions used by plans, for the filter. */
export async function findRegions(db: Executor) {
  const rows = await db.selectFrom('plans').select('region').distinct().where('region', 'is not', null).orderBy('region').execute()
  return rows.map((r) => r.region!).filter(Boolean)
}
