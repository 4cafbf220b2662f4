import { sql } from 'kysely'
import { type PlanStatus } from '#core/vocabulary.ts'
import { type Executor } from '../executor.ts'

/** Indicators with a reporting frequency on plans in `statuses`, with their plan's title and dates. */
export function findIndicatorsToRemind(db: Executor, statuses: readonly PlanStatus[]) {
  return db
    .selectFrom('worksheet_items')
    .innerJoin('plans', 'plans.id', 'worksheet_items.plan_id')
    .select([
      'worksheet_items.id',
      'worksheet_items.plan_id',
      'worksheet_items.ref',
      'worksheet_items.data',
      'plans.title as plan_title',
      'plans.start_date',
      'plans.end_date',
    ])
    .where('worksheet_items.kind', '=', 'indicator')
    .where('plans.status', 'in', [...statuses])
    .where(sql<boolean>`worksheet_items.data ? 'periodicity'`)
    .orderBy('worksheet_items.plan_id')
    .orderBy('worksheet_items.position')
    .execute()
}

/** The period ends of each indicator's measurements. */
export async function findMeasuredEnds(db: Executor, indicatorIds: readonly string[]) {
  const byIndicator = new Map<string, string[]>()
  if (indicatorIds.length === 0) return byIndicator
  const rows = await db
    .selectFrom('measurements')
    .select(['indicator_id', 'period_end'])
    .where('indicator_id', 'in', [...indicatorIds])
    .execute()
  for (const r of rows) byIndicator.set(r.indicator_id, [...(byIndicator.get(r.indicator_id) ?? []), r.period_end])
  return byIndicator
}

/** The active members of each plan with their role (who may be reminded). */
export async function findActiveMembers(db: Executor, planIds: readonly string[]) {
  const byPlan = new Map<string, { userId: string; role: string }[]>()
  if (planIds.length === 0) return byPlan
  const rows = await db
    .selectFrom('plan_members')
    .innerJoin('users', 'users.id', 'plan_members.user_id')
    .select(['plan_members.plan_id', 'plan_members.user_id', 'plan_members.role'])
    .where('plan_members.plan_id', 'in', [...new Set(planIds)])
    .where('users.is_active', '=', true)
    .execute()
  for (const r of rows) byPlan.set(r.plan_id, [...(byPlan.get(r.plan_id) ?? []), { userId: r.user_id, role: r.role }])
  return byPlan
}
