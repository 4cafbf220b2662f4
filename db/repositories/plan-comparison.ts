import { sql } from 'kysely'
import { type Executor } from '../executor.ts'
import { type PlanRole } from '../types.ts'

// What the dashboard's side-by-side comparison reads of two to four plans: three queries whatever
// the number of plans, each one keyed by the plan ids the caller has already checked.

export interface ComparedPlanRow {
  id: string
  title: string
  country_code: string
  status: string
  start_date: string
  end_date: string
  issue_title: string | null
  issue_type: string | null
  /** The target of the first pair of the plan's first priority decision (as issue_title). */
  target_name: string | null
}

/** The viewer's role on each of the plans they are a member of. */
export async function findRoles(db: Executor, planIds: readonly string[], userId: string) {
  if (planIds.length === 0) return new Map<string, PlanRole>()
  const rows = await db
    .selectFrom('plan_members')
    .select(['plan_id', 'role'])
    .where('plan_id', 'in', planIds)
    .where('user_id', '=', userId)
    .execute()
  return new Map(rows.map((r) => [r.plan_id, r.role]))
}

/** The plans with their priority issue and target. */
export async function findPlans(db: Executor, planIds: readonly string[]) {
  if (planIds.length === 0) return []
  const { rows } = await sql<ComparedPlanRow>`
    SELECT p.id, p.title, p.country_code, p.status, p.start_date::text, p.end_date::text,
      s.issue_title, s.issue_type, pt.target_name
    FROM plans p
    LEFT JOIN plan_summaries s ON s.plan_id = p.id
    LEFT JOIN LATERAL (
      SELECT t.data->>'name' AS target_name
      FROM worksheet_items d
      JOIN worksheet_items pa ON pa.plan_id = d.plan_id AND pa.id::text = d.data->'pairs'->>0
      JOIN worksheet_items t ON t.plan_id = d.plan_id AND t.id::text = pa.data->>'target'
      WHERE d.plan_id = p.id AND d.kind = 'priority_decision'
      ORDER BY d.position LIMIT 1
    ) pt ON true
    WHERE p.id = ANY(${planIds}::uuid[])`.execute(db)
  return rows
}

/** Each plan's interventions in their order, with the 5.2 decision on each (the oldest if two). */
export async function findInterventions(db: Executor, planIds: readonly string[]) {
  if (planIds.length === 0) return []
  const { rows } = await sql<{ plan_id: string; id: string; ref: string; title: string; decision: string | null }>`
    SELECT v.plan_id, v.id, v.ref, v.data->>'title' AS title, sel.decision
    FROM worksheet_items v
    LEFT JOIN LATERAL (
      SELECT d.data->>'decision' AS decision FROM worksheet_items d
      WHERE d.plan_id = v.plan_id AND d.kind = 'intervention_selection' AND d.data->>'intervention' = v.id::text
      ORDER BY d.position, d.created_at LIMIT 1
    ) sel ON true
    WHERE v.plan_id = ANY(${planIds}::uuid[]) AND v.kind = 'intervention'
    ORDER BY v.plan_id, v.position`.execute(db)
  return rows
}

/** Each plan's indicators in their order, with every measurement, oldest first. */
export async function findIndicators(db: Executor, planIds: readonly string[]) {
  if (planIds.length === 0) return []
  const { rows } = await sql<{
    plan_id: string
    id: string
    ref: string
    data: Record<string, unknown>
    measurements: { period: string; period_end: string; value: number }[]
  }>`
    SELECT i.plan_id, i.id, i.ref, i.data,
      coalesce((SELECT json_agg(json_build_object('period', m.period, 'period_end', m.period_end::text, 'value', m.value) ORDER BY m.period_end)
        FROM measurements m WHERE m.indicator_id = i.id), '[]') AS measurements
    FROM worksheet_items i
    WHERE i.plan_id = ANY(${planIds}::uuid[]) AND i.kind = 'indicator'
    ORDER BY i.plan_id, i.position`.execute(db)
  return rows
}
