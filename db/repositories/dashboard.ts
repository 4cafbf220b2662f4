import { sql } from 'kysely'
import { type Executor } from '../executor.ts'

// The cross-country dashboard reads plan_summaries (one row of figures per plan, kept by triggers:
// migration 1370, ADR 024), so every query here touches at most one row per plan.

export interface DashboardFilters {
  country?: string
  region?: string
  sector?: string
  issueType?: string
  status?: string
  /** Plans whose horizon overlaps this calendar year. */
  year?: number
}

export const DASHBOARD_SORTS = ['title', 'country', 'status', 'progress', 'onTrack', 'lastActivity'] as const
export type DashboardSort = (typeof DASHBOARD_SORTS)[number]

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
  /** Sub-steps the progress rules found complete (stored in substep_completion, ADR 037). */
  substeps_complete: number
  open_reviews: number
  endorsed: string[]
  objected: string[]
  indicators: number
  on_track: number
  compliance_change: number | null
  workers_reached: number
  last_activity: Date | null
}

export interface GroupFigures {
  key: string
  plans: number
  indicators: number
  onTrack: number
  workersReached: number
  complianceChange: number | null
}

export interface DashboardAggregates {
  plans: number
  indicators: number
  onTrack: number
  complianceChange: number | null
  plansWithComplianceData: number
  workersReached: number
  byStatus: { key: string; plans: number }[]
  byIssueType: { key: string; plans: number }[]
  byCountry: GroupFigures[]
  bySector: GroupFigures[]
}

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The filtered plans joined to their figures (`p` = plans, `s` = plan_summaries, `a` = last activity). */
function filtered(f: DashboardFilters, join = sql``) {
  const yearStart = f.year ? `${f.year}-01-01` : null
  const yearEnd = f.year ? `${f.year}-12-31` : null
  return sql`
    plans p
    LEFT JOIN plan_summaries s ON s.plan_id = p.id
    LEFT JOIN plan_last_activity a ON a.plan_id = p.id
    ${join}
    WHERE (${f.country ?? null}::text IS NULL OR p.country_code = ${f.country ?? null})
      AND (${f.region ?? null}::text IS NULL OR p.region ILIKE ${f.region ? `%${escapeLike(f.region)}%` : null})
      AND (${f.sector ?? null}::text IS NULL OR ${f.sector ?? null} = ANY(p.sectors))
      AND (${f.status ?? null}::text IS NULL OR p.status = ${f.status ?? null})
      AND (${yearStart}::date IS NULL OR (p.end_date >= ${yearStart}::date AND p.start_date <= ${yearEnd}::date))
      AND (${f.issueType ?? null}::text IS NULL OR s.issue_type = ${f.issueType ?? null})`
}

function orderBy(sort: DashboardSort, dir: 'asc' | 'desc') {
  const d = sql.raw(dir === 'asc' ? 'ASC' : 'DESC')
  // A plan without activity sorts as the oldest, one without indicators below 0 % on track.
  const key = {
    title: sql`lower(p.title) COLLATE "C" ${d}`,
    country: sql`p.country_code ${d}`,
    status: sql`p.status COLLATE "C" ${d}`,
    progress: sql`substeps_complete ${d}`,
    onTrack: sql`CASE WHEN coalesce(s.indicators, 0) > 0 THEN s.on_track::float8 / s.indicators ELSE -1 END ${d}`,
    lastActivity: sql`a.at ${d} ${sql.raw(dir === 'asc' ? 'NULLS FIRST' : 'NULLS LAST')}`,
  }[sort]
  return sql`${key}, p.title COLLATE "C", p.id`
}

/** One page of the filtered plans with their figures, sorted in the database. */
export async function findPage(
  db: Executor,
  input: { filters: DashboardFilters; sort: DashboardSort; dir: 'asc' | 'desc'; limit: number | null; offset: number },
) {
  const { rows } = await sql<DashboardPlanRow>`
    SELECT p.id, p.title, p.country_code, p.region, p.sectors, p.status, p.start_date, p.end_date,
      s.issue_title, s.issue_type,
      (SELECT count(*) FROM substep_completion c WHERE c.plan_id = p.id AND c.complete)::int AS substeps_complete,
      coalesce(s.open_reviews, 0) AS open_reviews,
      coalesce(s.endorsed, '{}') AS endorsed,
      coalesce(s.objected, '{}') AS objected,
      coalesce(s.indicators, 0) AS indicators,
      coalesce(s.on_track, 0) AS on_track,
      s.compliance_change,
      coalesce(s.workers_reached, 0) AS workers_reached,
      a.at AS last_activity
    FROM ${filtered(input.filters)}
    ORDER BY ${orderBy(input.sort, input.dir)}
    LIMIT ${input.limit} OFFSET ${input.offset}
  `.execute(db)
  return rows
}

/** Counts, figures and groupings over every filtered plan, computed in one query. */
export async function findAggregates(db: Executor, filters: DashboardFilters): Promise<DashboardAggregates> {
  // Each plan counts once per group; a plan's compliance change is the mean over its compliance
  // indicators, and a group's the mean over its plans that have one. Figures from measurements are
  // summed and averaged as numeric: in double precision two values near its maximum overflow and the
  // whole dashboard fails (ADR 033); numeric cannot overflow.
  const groupFigures = sql`json_build_object('key', key, 'plans', count(*), 'indicators', sum(indicators), 'onTrack', sum(on_track),
    'workersReached', sum(workers_reached::numeric), 'complianceChange', avg(compliance_change::numeric))`
  const { rows } = await sql<{ figures: DashboardAggregates }>`
    WITH f AS MATERIALIZED (
      SELECT p.status, p.country_code, p.sectors, coalesce(s.issue_type, 'none') AS issue_type,
        coalesce(s.indicators, 0) AS indicators, coalesce(s.on_track, 0) AS on_track,
        s.compliance_change, coalesce(s.workers_reached, 0) AS workers_reached
      FROM ${filtered(filters)}
    )
    SELECT json_build_object(
      'plans', (SELECT count(*) FROM f),
      'indicators', (SELECT coalesce(sum(indicators), 0) FROM f),
      'onTrack', (SELECT coalesce(sum(on_track), 0) FROM f),
      'complianceChange', (SELECT avg(compliance_change::numeric) FROM f),
      'plansWithComplianceData', (SELECT count(compliance_change) FROM f),
      'workersReached', (SELECT coalesce(sum(workers_reached::numeric), 0) FROM f),
      'byStatus', (SELECT coalesce(json_agg(json_build_object('key', key, 'plans', n) ORDER BY n DESC, key COLLATE "C"), '[]')
        FROM (SELECT status AS key, count(*) AS n FROM f GROUP BY status) g),
      'byIssueType', (SELECT coalesce(json_agg(json_build_object('key', key, 'plans', n) ORDER BY n DESC, key COLLATE "C"), '[]')
        FROM (SELECT issue_type AS key, count(*) AS n FROM f GROUP BY issue_type) g),
      'byCountry', (SELECT coalesce(json_agg(g ORDER BY (g->>'plans')::int DESC, g->>'key' COLLATE "C"), '[]')
        FROM (SELECT ${groupFigures} AS g FROM (SELECT country_code AS key, * FROM f) x GROUP BY key) y),
      'bySector', (SELECT coalesce(json_agg(g ORDER BY (g->>'plans')::int DESC, g->>'key' COLLATE "C"), '[]')
        FROM (SELECT ${groupFigures} AS g FROM (SELECT sector AS key, f.* FROM f, unnest(f.sectors) AS sector) x GROUP BY key) y)
    ) AS figures
  `.execute(db)
  return rows[0]!.figures
}

/** The ids of every filtered plan (for the measurements export). */
export async function findPlanIds(db: Executor, filters: DashboardFilters): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT p.id FROM ${filtered(filters)}`.execute(db)
  return rows.map((r) => r.id)
}

/** Recomputes every plan's summary and latest activity (after a migration that changes their rules). */
export async function rebuildSummaries(db: Executor) {
  await sql`SELECT scp_rebuild_plan_summaries()`.execute(db)
}

/** Every measurement of the given plans, for the CSV export, in a stable order. */
export async function findMeasurements(db: Executor, planIds: string[]) {
  if (planIds.length === 0) return []
  const { rows } = await sql<{
    plan_id: string
    title: string
    country_code: string
    indicator_ref: string
    indicator: string
    unit: string | null
    period: string
    period_end: string
    value: number
    note: string | null
    evidence_source: string | null
  }>`
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
  const rows = await db
    .selectFrom('plans')
    .select('region')
    .distinct()
    .where('region', 'is not', null)
    .orderBy('region')
    .execute()
  return rows.map((r) => r.region!).filter(Boolean)
}

export interface TrendPoint {
  /** First day of the month the measurements' periods end in (YYYY-MM-DD). */
  month: string
  /** Mean change from baseline of the compliance indicators measured that month (points). */
  change: number
  plans: number
  measurements: number
}

/**
 * Compliance over time across the filtered plans: per month, the mean change from its baseline of
 * every compliance measurement whose period ends that month (the dashboard's "compliance change",
 * month by month). Read from plan_compliance_months, one row per plan and month (migration 1800).
 */
export async function findComplianceTrend(db: Executor, filters: DashboardFilters): Promise<TrendPoint[]> {
  // Every plan counts when nothing is filtered: the join to the plans would only cost (half the time).
  const everyPlan = Object.values(filters).every((v) => v === undefined)
  const source = everyPlan
    ? sql`plan_compliance_months c`
    : filtered(filters, sql`JOIN plan_compliance_months c ON c.plan_id = p.id`)
  const { rows } = await sql<TrendPoint>`
    SELECT to_char(c.month, 'YYYY-MM-DD') AS month,
      round(sum(c.change_sum) / sum(c.measurements), 2)::float8 AS change,
      count(*)::int AS plans, sum(c.measurements)::int AS measurements
    FROM ${source}
    GROUP BY c.month ORDER BY c.month`.execute(db)
  return rows
}
